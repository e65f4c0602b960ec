package org.gleaner.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.gleaner.index.ArticleIndex;
import org.gleaner.model.SearchDocument;

/**
 * Indexing throughput: Gleaner's path (change log → {@link ArticleIndex#catchUp()}, its schema and
 * per-language analysis) against a bare {@link IndexWriter} loop with StandardAnalyzer over the same
 * synthetic documents, in one JVM. Not part of the test suite; see the README for how to run it.
 *
 * <p>Arguments: documents (default 50,000), bare-loop threads (default 2), work directory.
 */
public final class IndexBenchmark {
    private IndexBenchmark() {}

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("gleaner-index-bench");
        SearchCorpus corpus = new SearchCorpus(42);
        System.out.printf(
                "corpus: %d docs of ~%d chars; %d cores; bare loop on %d threads%n",
                docs,
                corpus.document(1).articleText().length(),
                Runtime.getRuntime().availableProcessors(),
                threads);

        // warm up both paths on a small corpus so JIT compilation is not measured
        bare(corpus, 5_000, threads, work.resolve("warm-bare"));
        gleaner(corpus, 5_000, work.resolve("warm-gleaner"));

        for (int round = 1; round <= 2; round++) {
            double bare = bare(corpus, docs, threads, work.resolve("bare-" + round));
            double gleaner = gleaner(corpus, docs, work.resolve("gleaner-" + round));
            System.out.printf(
                    "round %d: bare %.0f docs/s, gleaner %.0f docs/s, ratio %.2f%n",
                    round, bare, gleaner, gleaner / bare);
        }
        deleteRecursively(work);
    }

    static double bare(SearchCorpus corpus, int docs, int threads, Path dir) throws Exception {
        deleteRecursively(dir);
        long start = System.nanoTime();
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(
                        directory, new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64))) {
            AtomicLong next = new AtomicLong();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                workers[t] = new Thread(
                        () -> {
                            try {
                                for (long i = next.getAndIncrement(); i < docs; i = next.getAndIncrement()) {
                                    SearchDocument source = corpus.document(i);
                                    Document doc = new Document();
                                    doc.add(new StringField("key", source.key(), Field.Store.YES));
                                    doc.add(new TextField("title", source.title(), Field.Store.YES));
                                    doc.add(new TextField("text", source.articleText(), Field.Store.YES));
                                    doc.add(new TextField("entry", source.entryText(), Field.Store.YES));
                                    writer.updateDocument(new org.apache.lucene.index.Term("key", source.key()), doc);
                                }
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        "bare-indexer-" + t);
                workers[t].start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            writer.commit();
        }
        return docs / ((System.nanoTime() - start) / 1e9);
    }

    static double gleaner(SearchCorpus corpus, int docs, Path dir) throws Exception {
        deleteRecursively(dir);
        long start = System.nanoTime();
        try (ArticleIndex index = ArticleIndex.open(dir, corpus.log(docs))) {
            index.catchUp();
        }
        return docs / ((System.nanoTime() - start) / 1e9);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
