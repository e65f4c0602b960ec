package org.gleaner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gleaner.extract.ArticleExtractor;
import org.gleaner.extract.ExtractedArticle;
import org.gleaner.extract.ExtractionResult;
import org.gleaner.extract.NoArticle;
import org.gleaner.extract.PageMetadata;
import org.gleaner.fetch.FetchRequest;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "extract", description = "Print the main text of an article page (file or URL).")
final class ExtractCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @Parameters(paramLabel = "PAGE_FILE_OR_URL", arity = "0..1")
    @Nullable
    String source;

    @Option(
            names = "--batch",
            arity = "2",
            paramLabel = "DIR",
            description = "IN_DIR OUT_DIR: OUT_DIR/<name>.txt for every IN_DIR/<name>.html")
    Path @Nullable [] batch;

    @Option(
            names = "--json",
            description = "print the text with title, byline, published, canonical URL, site and language")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((source == null) == (batch == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give either PAGE_FILE_OR_URL or --batch IN_DIR OUT_DIR");
        }
        ArticleExtractor extractor = new ArticleExtractor();
        if (batch != null) {
            return extractBatch(extractor, batch[0], batch[1]);
        }
        Sources.Loaded loaded = Sources.load(java.util.Objects.requireNonNull(source), options, FetchRequest::article);
        ExtractionResult result = extractor.extract(loaded.body(), loaded.contentType(), loaded.uri());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(SearchCommand.mapper().writeValueAsString(asJson(result)));
        } else if (result instanceof ExtractedArticle article) {
            out.println(article.text());
        } else {
            spec.commandLine().getErr().println("gleaner: " + source + ": " + ((NoArticle) result).reason());
            return 1;
        }
        out.flush();
        return 0;
    }

    private int extractBatch(ArticleExtractor extractor, Path in, Path out) throws IOException {
        Files.createDirectories(out);
        int pages = 0;
        int failures = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(in, "*.html")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String text;
                try {
                    ExtractionResult result = extractor.extract(
                            Files.readAllBytes(file),
                            null,
                            file.toAbsolutePath().toUri());
                    text = result instanceof ExtractedArticle article ? article.text() : "";
                } catch (IOException | RuntimeException e) {
                    // One unreadable page must not stop the batch; it scores as empty.
                    spec.commandLine().getErr().println("gleaner: " + file + ": " + e.getMessage());
                    text = "";
                    failures++;
                }
                Files.writeString(
                        out.resolve(name.substring(0, name.length() - ".html".length()) + ".txt"),
                        text,
                        StandardCharsets.UTF_8);
                pages++;
            }
        }
        spec.commandLine()
                .getErr()
                .println("extracted " + pages + " pages into " + out
                        + (failures > 0 ? " (" + failures + " failed)" : ""));
        return 0;
    }

    private static Map<String, Object> asJson(ExtractionResult result) {
        PageMetadata meta = result.metadata();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("title", meta.title());
        map.put("byline", meta.byline());
        map.put("published", meta.published());
        map.put("modified", meta.modified());
        map.put("canonicalUrl", meta.canonicalUrl());
        map.put("site", meta.siteName());
        map.put("language", meta.language());
        map.put("description", meta.description());
        map.put("leadImage", meta.leadImage());
        if (result instanceof ExtractedArticle article) {
            map.put("text", article.text());
        } else {
            map.put("text", null);
            map.put("error", ((NoArticle) result).reason());
        }
        return map;
    }
}
