package org.gleaner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.gleaner.app.Application;
import org.gleaner.search.QueryException;
import org.gleaner.search.SearchHit;
import org.gleaner.search.SearchRequest;
import org.gleaner.search.SearchResults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "search", description = "Search everything collected and print the best hits.")
final class SearchCommand implements Callable<Integer> {
    private static final String MARK_ON = "\u001b[1;33m";
    private static final String MARK_OFF = "\u001b[0m";

    @Mixin
    DataOptions options = new DataOptions();

    @Parameters(paramLabel = "QUERY", description = "words, \"phrases\", OR, -exclude, title:…", arity = "1..*")
    String[] query;

    @Option(names = "--limit", defaultValue = "10", description = "hits to show (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--json", description = "print machine-readable JSON")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be between 1 and 1000");
        }
        String text = String.join(" ", query);
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.open()) {
            SearchResults results;
            try {
                results = app.searcher().search(SearchRequest.of(text, limit));
            } catch (QueryException e) {
                spec.commandLine().getErr().println("gleaner: " + e.getMessage());
                return 1;
            }
            if (json) {
                out.println(mapper().writeValueAsString(results));
            } else {
                printReadable(out, results, colourTerminal());
            }
            out.flush();
            return 0;
        }
    }

    /** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
    @SuppressWarnings("SystemConsoleNull") // on JDK 17 a null console is exactly "not a terminal"
    private static boolean colourTerminal() {
        return System.console() != null && System.getenv("NO_COLOR") == null;
    }

    static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    private static void printReadable(PrintWriter out, SearchResults results, boolean colour) {
        out.println(results.total() + (results.totalIsLowerBound() ? "+" : "") + " results");
        int rank = 1;
        for (SearchHit hit : results.hits()) {
            out.println();
            out.println(rank++ + ". " + terminalText(hit.titleHtml(), colour));
            StringBuilder meta = new StringBuilder("   ");
            if (hit.published() != null) {
                meta.append(hit.published().toString(), 0, 10).append(" · ");
            }
            meta.append(String.join(", ", hit.feeds()));
            if (hit.site() != null) {
                meta.append(" · ").append(hit.site());
            }
            if (!hit.otherSources().isEmpty()) {
                meta.append(" · +").append(hit.otherSources().size()).append(" more sources");
            }
            out.println(meta);
            out.println("   " + hit.url());
            out.println("   " + terminalText(hit.snippetHtml(), colour).replace("\n", " "));
        }
    }

    /** Snippets are escaped HTML with {@code <mark>}: show marks as colour (or «» when piped), unescape the rest. */
    static String terminalText(String html, boolean colour) {
        String marked = html.replace("<mark>", colour ? MARK_ON : "«").replace("</mark>", colour ? MARK_OFF : "»");
        return marked.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }
}
