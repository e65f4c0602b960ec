package org.gleaner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.FSDirectory;
import org.gleaner.index.ArticleIndex;
import org.gleaner.model.Article;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.Entry;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FullText;
import org.gleaner.model.SearchDocument;
import org.gleaner.store.Database;
import org.gleaner.store.FeedStore;
import org.gleaner.store.RefreshBatch;
import org.gleaner.store.RefreshStore;
import org.gleaner.store.SqliteChangeLog;

/**
 * Indexing throughput in one JVM, over the same synthetic documents:
 *
 * <ul>
 *   <li><b>bare</b>: a bare {@link IndexWriter} loop on N threads, StandardAnalyzer, key + title,
 *       text and entry text as stored {@link TextField}s, documents generated in memory;
 *   <li><b>gleaner</b>: Gleaner's indexing path: the documents stored in SQLite beforehand the way a
 *       refresh stores them (feeds, entries, articles, change log; not timed), then {@link
 *       ArticleIndex#catchUp()} reads the change log and each document back from the store ({@link
 *       SqliteChangeLog}) and indexes it with Gleaner's schema and per-language analysis (positions
 *       and offsets, doc values, points, keyword fields);
 *   <li><b>log only</b>: the same {@link ArticleIndex} fed from an in-memory change log, to show
 *       what reading the store costs.
 * </ul>
 *
 * <p>Arguments: documents (default 50,000), bare-loop threads (default 2), work directory (default a
 * temporary one; the populated store is kept there and reused by later runs of the same size).
 */
public final class IndexBenchmark {
    /** Rounds after the warm-up; the wall-clock rates of one round swing by a third on this machine. */
    private static final int ROUNDS = 4;

    private static final int WARMUP_DOCS = 5_000;

    private IndexBenchmark() {}

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("gleaner-index-bench");
        boolean keepWork = args.length > 2;
        SearchCorpus corpus = new SearchCorpus(42);
        System.out.printf(
                "corpus: %d docs of ~%d chars; %d cores; bare loop on %d threads%n",
                docs,
                corpus.document(1).articleText().length(),
                Runtime.getRuntime().availableProcessors(),
                threads);
        int warmDocs = Math.min(WARMUP_DOCS, docs);
        // documents per CPU-second of the whole process (GC and JIT included) beside wall-clock rates:
        // on a shared machine the wall-clock rates follow the other processes' load
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Database warmStore = populated(corpus, warmDocs, work.resolve("store-" + warmDocs));
                Database store = populated(corpus, docs, work.resolve("store-" + docs))) {
            // warm up every path on a small corpus so JIT compilation is not measured
            bare(corpus, warmDocs, threads, work.resolve("warm-bare"));
            gleaner(new SqliteChangeLog(warmStore), warmDocs, work.resolve("warm-gleaner"));
            gleaner(corpus.log(warmDocs), warmDocs, work.resolve("warm-log"));
            List<Double> wallRatios = new ArrayList<>();
            List<Double> cpuRatios = new ArrayList<>();
            // round 0 is a full-size warm-up, printed but left out of the medians: after the small
            // warm-up alone, the bare loop's first full round ran at 0.65-0.9 times its later rounds
            for (int round = 0; round <= ROUNDS; round++) {
                long cpu0 = os.getProcessCpuTime();
                double bare = bare(corpus, docs, threads, work.resolve("bare"));
                long cpu1 = os.getProcessCpuTime();
                double gleaner = gleaner(new SqliteChangeLog(store), docs, work.resolve("gleaner"));
                long cpu2 = os.getProcessCpuTime();
                double logOnly = gleaner(corpus.log(docs), docs, work.resolve("log"));
                double bareCpu = docs / ((cpu1 - cpu0) / 1e9);
                double gleanerCpu = docs / ((cpu2 - cpu1) / 1e9);
                if (round > 0) {
                    wallRatios.add(gleaner / bare);
                    cpuRatios.add(gleanerCpu / bareCpu);
                }
                System.out.printf(
                        "%s: bare %.0f docs/s, gleaner (store -> log -> index) %.0f docs/s, ratio %.2f;"
                                + " log only %.0f docs/s; per CPU-second of the process: bare %.0f, gleaner %.0f,"
                                + " ratio %.2f; load average %.1f%n",
                        round == 0 ? "warm-up round (not in the medians)" : "round " + round,
                        bare,
                        gleaner,
                        gleaner / bare,
                        logOnly,
                        bareCpu,
                        gleanerCpu,
                        gleanerCpu / bareCpu,
                        os.getSystemLoadAverage());
            }
            System.out.printf(
                    "median of %d rounds: ratio %.2f, per CPU-second ratio %.2f%n",
                    ROUNDS, median(wallRatios), median(cpuRatios));
        }
        for (String dir : List.of("warm-bare", "warm-gleaner", "warm-log", "bare", "gleaner", "log")) {
            deleteRecursively(work.resolve(dir));
        }
        if (!keepWork) {
            deleteRecursively(work);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
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
                                    writer.updateDocument(new Term("key", source.key()), doc);
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
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

    static double gleaner(ChangeLog log, int docs, Path dir) throws Exception {
        deleteRecursively(dir);
        long start = System.nanoTime();
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
            if (index.documentCount() != docs) {
                throw new IllegalStateException("indexed " + index.documentCount() + " of " + docs);
            }
        }
        return docs / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * A SQLite store holding the first {@code docs} corpus documents as a refresh writes them: one
     * entry per article in its first feed, the article with its text and sanitized HTML, a change
     * log line per document touched. Reused when the directory already holds it.
     */
    static Database populated(SearchCorpus corpus, int docs, Path dir) throws IOException {
        Path file = dir.resolve("gleaner.db");
        boolean exists = Files.exists(file);
        Database database = Database.open(file);
        if (exists && new SqliteChangeLog(database).head() > 0) {
            return database;
        }
        long start = System.nanoTime();
        List<FeedSpec> specs = new ArrayList<>();
        for (int f = 0; f < SearchCorpus.FEEDS; f++) {
            specs.add(new FeedSpec(
                    "feed-" + f,
                    URI.create("https://feed" + f + ".example/rss"),
                    List.of("tag-" + f % 100, "tag-" + (f * 7 + 3) % 100),
                    null,
                    FullText.ALWAYS));
        }
        Map<String, Long> feedIds = new FeedStore(database).sync(specs);
        RefreshStore refreshes = new RefreshStore(database);
        RefreshBatch.FetchState fetched = new RefreshBatch.FetchState(
                SearchCorpus.NOW, RefreshBatch.Outcome.OK, 200, null, null, null, null, null, null);
        int chunk = 2_000;
        for (int from = 0; from < docs; from += chunk) {
            Map<Long, List<SearchDocument>> byFeed = new LinkedHashMap<>();
            for (int i = from; i < Math.min(docs, from + chunk); i++) {
                SearchDocument doc = corpus.document(i);
                byFeed.computeIfAbsent(feedIds.get(doc.feeds().get(0)), id -> new ArrayList<>())
                        .add(doc);
            }
            for (Map.Entry<Long, List<SearchDocument>> feed : byFeed.entrySet()) {
                List<RefreshBatch.EntryWrite> entries = new ArrayList<>();
                List<RefreshBatch.ArticleWrite> articles = new ArrayList<>();
                for (SearchDocument doc : feed.getValue()) {
                    String articleKey = doc.key().substring(2);
                    URI url = URI.create(doc.url());
                    entries.add(new RefreshBatch.EntryWrite(
                            new Entry(
                                    "entry-" + articleKey,
                                    doc.title(),
                                    url,
                                    doc.authors().get(0),
                                    doc.published(),
                                    null,
                                    List.of(),
                                    "<p>" + doc.entryText() + "</p>",
                                    doc.entryText(),
                                    articleKey,
                                    null),
                            Integer.toHexString(doc.entryText().hashCode()),
                            doc.site()));
                    articles.add(new RefreshBatch.ArticleWrite(
                            new Article(
                                    articleKey,
                                    url,
                                    doc.title(),
                                    doc.authors().get(0),
                                    doc.published(),
                                    null,
                                    doc.site(),
                                    doc.language(),
                                    null,
                                    null,
                                    "<p>" + doc.articleText() + "</p>",
                                    doc.articleText(),
                                    SearchCorpus.NOW),
                            doc.site()));
                }
                refreshes.commit(new RefreshBatch(feed.getKey(), fetched, entries, articles));
            }
        }
        System.out.printf(
                "store %s: %d documents written in %.0f s (not timed below)%n",
                file, docs, (System.nanoTime() - start) / 1e9);
        return database;
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
