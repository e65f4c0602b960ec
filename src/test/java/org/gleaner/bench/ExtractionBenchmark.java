package org.gleaner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gleaner.extract.ArticleExtractor;
import org.gleaner.extract.ExtractionResult;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Pages per second of a bare {@code Jsoup.parse} against Gleaner's whole extraction (parse, metadata,
 * scoring, cleaning, text and sanitized HTML) over the same pages, one page per operation, in one run.
 *
 * <p>Pages come from {@code -Dbench.pages=DIR} (default {@code ../shared/extraction/dev/html}, relative
 * to the repository root). Run after {@code mvn -o test-compile}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) org.openjdk.jmh.Main ExtractionBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExtractionBenchmark {
    private List<String> pages = List.of();
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final URI uri = URI.create("https://example.org/news/story");
    private int next;

    @Setup
    public void load() {
        Path dir = Path.of(System.getProperty("bench.pages", "../shared/extraction/dev/html"));
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(p -> p.toString().endsWith(".html"))
                    .sorted()
                    .map(ExtractionBenchmark::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no benchmark pages in " + dir.toAbsolutePath(), e);
        }
        if (pages.isEmpty()) {
            throw new IllegalStateException("no benchmark pages in " + dir.toAbsolutePath());
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nextPage() {
        String page = pages.get(next);
        next = (next + 1) % pages.size();
        return page;
    }

    @Benchmark
    public Document bareJsoupParse() {
        return Jsoup.parse(nextPage(), uri.toString());
    }

    @Benchmark
    public ExtractionResult gleanerExtract() {
        return extractor.extract(nextPage(), uri);
    }
}
