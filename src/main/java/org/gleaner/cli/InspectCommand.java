package org.gleaner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.gleaner.extract.HtmlSanitizer;
import org.gleaner.feed.FeedJson;
import org.gleaner.feed.FeedParseFailure;
import org.gleaner.feed.FeedParseResult;
import org.gleaner.feed.FeedParser;
import org.gleaner.feed.ParsedEntry;
import org.gleaner.feed.ParsedFeed;
import org.gleaner.fetch.FetchRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "inspect", description = "Print a feed (file or URL) as Gleaner parses it, as JSON.")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @Parameters(paramLabel = "FEED_FILE_OR_URL", arity = "0..1")
    @Nullable
    String source;

    @Option(names = "--batch", paramLabel = "LIST", description = "a file with one feed path per line")
    @Nullable
    Path batch;

    @Option(
            names = "--display",
            description = "entry summary and content as Gleaner stores them for display (sanitized HTML)")
    boolean display;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((source == null) == (batch == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give either FEED_FILE_OR_URL or --batch LIST");
        }
        PrintWriter out = spec.commandLine().getOut();
        FeedParser parser = new FeedParser();
        if (batch != null) {
            List<String> lines = Files.readAllLines(batch, StandardCharsets.UTF_8);
            for (String line : lines) {
                String file = line.strip();
                if (file.isEmpty()) {
                    continue;
                }
                out.println(inspectFile(parser, file, display));
            }
            out.flush();
            return 0;
        }
        Sources.Loaded loaded = Sources.load(
                java.util.Objects.requireNonNull(source), options, uri -> FetchRequest.feed(uri, null, null));
        FeedParseResult result = parser.parse(loaded.body(), loaded.contentType(), loaded.feedBase());
        if (result instanceof FeedParseFailure failure) {
            spec.commandLine().getErr().println("gleaner: " + source + ": " + failure.message());
            return 1;
        }
        ParsedFeed feed = (ParsedFeed) result;
        out.println(FeedJson.inspect(display ? forDisplay(feed, loaded.feedBase()) : feed));
        out.flush();
        return 0;
    }

    /** One line of a batch: the feed, or an error object; a bad file never stops the batch. */
    static String inspectFile(FeedParser parser, String file, boolean display) {
        Path path = Path.of(file);
        byte[] body;
        try {
            body = Files.readAllBytes(path);
        } catch (IOException | RuntimeException e) {
            return FeedJson.inspectError(file, "cannot read file: " + e.getMessage());
        }
        URI base = path.toAbsolutePath().toUri();
        try {
            FeedParseResult result = parser.parse(body, null, base);
            return result instanceof ParsedFeed feed
                    ? FeedJson.inspect(display ? forDisplay(feed, base) : feed, file)
                    : FeedJson.inspectError(file, ((FeedParseFailure) result).message());
        } catch (RuntimeException e) {
            // The parser promises values for bad input; a crash still must not stop the batch.
            return FeedJson.inspectError(file, "parser failed: " + e);
        }
    }

    /**
     * The feed with each entry's summary and content passed through the sanitizer the refresher applies
     * before it stores an entry for display, so what a reader would see can be inspected.
     */
    static ParsedFeed forDisplay(ParsedFeed feed, URI base) {
        List<ParsedEntry> entries = feed.entries().stream()
                .map(e -> new ParsedEntry(
                        e.id(),
                        e.title(),
                        e.link(),
                        e.summary() == null ? null : HtmlSanitizer.sanitize(e.summary(), base),
                        e.content() == null ? null : HtmlSanitizer.sanitize(e.content(), base),
                        e.author(),
                        e.published(),
                        e.updated(),
                        e.categories(),
                        e.enclosures(),
                        e.idIsKey()))
                .toList();
        return new ParsedFeed(
                feed.title(), feed.link(), feed.subtitle(), feed.language(), feed.author(), entries, feed.hints());
    }
}
