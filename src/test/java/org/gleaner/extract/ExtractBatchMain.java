package org.gleaner.extract;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the extractor over a folder in one JVM, the way the benchmark scorer calls {@code gleaner extract
 * --batch}: {@code ExtractBatchMain IN_DIR OUT_DIR} writes {@code OUT_DIR/<name>.txt} for every
 * {@code IN_DIR/<name>.html} (empty when the page has no article).
 */
public final class ExtractBatchMain {
    private ExtractBatchMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: ExtractBatchMain IN_DIR OUT_DIR");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        ArticleExtractor extractor = new ArticleExtractor();
        List<Path> pages;
        try (Stream<Path> s = Files.list(in)) {
            pages = s.filter(p -> p.getFileName().toString().endsWith(".html"))
                    .sorted()
                    .toList();
        }
        for (Path page : pages) {
            String name = page.getFileName().toString();
            String id = name.substring(0, name.length() - ".html".length());
            ExtractionResult r =
                    extractor.extract(Files.readAllBytes(page), null, URI.create("https://example.org/" + id));
            String text = r instanceof ExtractedArticle a ? a.text() : "";
            if (r instanceof NoArticle na && Boolean.getBoolean("batch.verbose")) {
                System.err.println(id + ": " + na.reason());
            }
            Files.writeString(out.resolve(id + ".txt"), text, StandardCharsets.UTF_8);
        }
    }
}
