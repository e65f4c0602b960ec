package org.gleaner.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.Query;
import org.gleaner.alert.QueryMonitor;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.model.SearchDocument;
import org.gleaner.search.QueryLanguage;
import org.gleaner.store.Watch;
import org.gleaner.testing.TestWatches;
import org.jspecify.annotations.Nullable;

/**
 * Match throughput of watches (issue 6), not part of the test suite.
 *
 * <p>Gleaner's path ({@link QueryMonitor}: the query language's queries registered from watches into
 * an on-disk query index, shared query parts, the multipass presearcher with prefix handling, and
 * {@link QueryMonitor#match} fetching each matched query for its passage) next to a bare
 * lucene-monitor {@code Monitor.match} with the same presearcher, configuration, analyzer and parsed
 * queries, in one JVM. The bare monitor is measured first and closed before Gleaner's is built, so
 * each runs with only itself on the heap (as {@code gleaner run} does; with both loaded, 620 MiB
 * lived in a 1 GiB heap). Load from other processes may then hit the two phases unequally: each
 * concurrent run prints how many cores its matching threads got, the process's CPU, the collector's
 * pauses and the load average, so a run starved of cores shows as such.
 *
 * <p>Synthetic corpus: a vocabulary of pronounceable words with Zipfian frequencies (s = 1) and a
 * list of two-word collocations that articles contain. Watches name things an article may or may
 * not mention: their words are drawn with the same Zipfian law from the vocabulary without its
 * {@value #COMMON_WORDS} commonest words (those are what every article says), phrases from the
 * collocations (any of them alike), prefixes from the stems of the longest words. Shapes: 2–4 word AND, phrases, 5 MUST + 2
 * NOT, prefixes (alone or with a word), a title-only word, a language filter, a feed filter with an
 * OR. The run prints how many watches matched no article and how many matched half of them.
 *
 * <pre>
 * mvn -B -o test-compile
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * CP="target/test-classes:target/classes:$(cat target/cp.txt)"
 * java -Xmx1g -cp "$CP" org.gleaner.bench.MonitorBenchmark 1000 10000 100000
 * java -Dbench.articles=60 -cp "$CP" org.gleaner.bench.MonitorBenchmark 500     # smoke size
 * </pre>
 *
 * System properties: {@code bench.articles} (measured articles, default 400), {@code bench.threads}
 * (threads of the concurrent runs, default 2).
 */
public final class MonitorBenchmark {
    private static final int VOCABULARY = 50_000;
    /** The commonest words, never watched: function words and the like. */
    private static final int COMMON_WORDS = 1_000;

    private static final int COLLOCATIONS = 5_000;
    private static final int ARTICLE_WORDS = 800;
    /** Collocations an article contains, drawn with a Zipfian law. */
    private static final int ARTICLE_COLLOCATIONS = 4;

    private static final int ARTICLES = Integer.getInteger("bench.articles", 400);
    private static final int WARMUP = Math.max(20, ARTICLES / 4);
    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    /** Lines of the heap's class histogram printed after Gleaner registered its watches (0: none). */
    private static final int HISTOGRAM = Integer.getInteger("bench.histogram", 0);

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-12-10T12:00:00Z"));

    private MonitorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0
                ? new int[] {1_000, 10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Random random = new Random(42);
        String[] words = vocabulary(random);
        String[][] collocations = collocations(words, random);
        List<SearchDocument> articles = new ArrayList<>();
        for (int i = 0; i < ARTICLES + WARMUP; i++) {
            articles.add(article(i, words, collocations, random));
        }
        System.out.printf(
                Locale.ROOT,
                "cores=%d maxHeap=%dMiB articles=%d (+%d warm-up), ~%d words each, %d threads in concurrent runs%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ARTICLES,
                WARMUP,
                ARTICLE_WORDS,
                THREADS);
        for (int size : sizes) {
            run(size, words, collocations, articles, new Random(size));
        }
    }

    private static void run(
            int size, String[] words, String[][] collocations, List<SearchDocument> articles, Random random)
            throws Exception {
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            watches.add(TestWatches.immediate(i + 1, "w" + i, query(i, words, collocations, random)));
        }
        List<SearchDocument> warmup = articles.subList(0, WARMUP);
        List<SearchDocument> measured = articles.subList(WARMUP, articles.size());

        // Phase 1, bare lucene-monitor: the same parsed queries, presearcher and configuration, in
        // memory. Measured first and released before Gleaner's monitor is built, so each phase runs
        // with only its own monitor on the heap, as `gleaner run` does.
        long before = usedHeap();
        long start = System.nanoTime();
        List<MonitorQuery> queries = new ArrayList<>();
        for (Watch w : watches) {
            queries.add(new MonitorQuery(Long.toString(w.id()), QueryLanguage.parse(w.query(), CLOCK)));
        }
        double parseSeconds = seconds(start);
        start = System.nanoTime();
        long cpuStart = processCpu();
        Monitor bare = new Monitor(Analyzers.indexAnalyzer(), QueryMonitor.presearcher(), QueryMonitor.configuration());
        bare.register(queries);
        // As QueryMonitor does after registering: the presearcher reads its term table now, not in
        // the first measured match.
        bare.match(new Document(), QueryMatch.SIMPLE_MATCHER);
        double bareRegister = seconds(start);
        double bareRegisterCpu = (processCpu() - cpuStart) / 1e9;
        queries = null;
        long bareHeap = usedHeap() - before;

        int[] bareCounts = new int[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            bareCounts[i] = bareMatch(bare, measured.get(i));
        }
        long[] candidatesByShape = new long[SHAPES.length];
        for (SearchDocument a : measured) {
            bare.match(ArticleFields.document(a), searcher -> new CandidateMatcher<QueryMatch>(searcher) {
                @Override
                protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) {
                    candidatesByShape[(Integer.parseInt(queryId) - 1) % SHAPES.length]++;
                }

                @Override
                public QueryMatch resolve(QueryMatch first, QueryMatch second) {
                    return first;
                }
            });
        }
        for (SearchDocument a : warmup) {
            bareMatch(bare, a);
        }
        long[] cpu = new long[2];
        long[] bareLatency = new long[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            SearchDocument a = measured.get(i);
            bareLatency[i] = time(() -> bareMatch(bare, a), cpu, 1);
        }
        // Concurrent: each monitor twice; the better run counts.
        Concurrent bareConcurrent = null;
        for (int round = 0; round < 2; round++) {
            bareConcurrent = Concurrent.best(bareConcurrent, concurrently(a -> bareMatch(bare, a), measured));
        }
        bare.close();

        // Phase 2, Gleaner: registered into an on-disk query index, as `gleaner run` does.
        Path dir = Files.createTempDirectory("gleaner-monitor-bench");
        before = usedHeap();
        start = System.nanoTime();
        cpuStart = processCpu();
        QueryMonitor gleaner = QueryMonitor.open(dir.resolve("queries"), CLOCK);
        gleaner.register(watches);
        double gleanerRegister = seconds(start);
        double gleanerRegisterCpu = (processCpu() - cpuStart) / 1e9;
        long gleanerHeap = usedHeap() - before;
        long disk = diskBytes(dir);

        if (HISTOGRAM > 0) {
            histogram();
        }

        // Presearcher selectivity and how broad the watches are, over the measured articles.
        long candidates = 0;
        long matches = 0;
        int[] matchedBy = new int[size + 1];
        boolean same = true;
        for (int i = 0; i < measured.size(); i++) {
            SearchDocument a = measured.get(i);
            candidates += gleaner.candidates(a);
            List<QueryMonitor.Hit> hits = gleaner.match(a);
            matches += hits.size();
            for (QueryMonitor.Hit hit : hits) {
                matchedBy[(int) hit.watchId()]++;
            }
            same &= hits.size() == bareCounts[i];
        }
        int none = 0;
        int half = 0;
        long[] byShape = new long[SHAPES.length];
        for (int i = 1; i <= size; i++) {
            none += matchedBy[i] == 0 ? 1 : 0;
            half += matchedBy[i] * 2 >= measured.size() ? 1 : 0;
            byShape[(i - 1) % SHAPES.length] += matchedBy[i];
        }
        StringBuilder shapes = new StringBuilder();
        for (int k = 0; k < SHAPES.length; k++) {
            double perShape = (double) measured.size() * Math.max(1, (size + SHAPES.length - 1 - k) / SHAPES.length);
            shapes.append(String.format(
                    Locale.ROOT,
                    " %s %.2f%%/%.2f%%",
                    SHAPES[k],
                    100.0 * byShape[k] / perShape,
                    100.0 * candidatesByShape[k] / perShape));
        }

        for (SearchDocument a : warmup) {
            gleaner.match(a);
        }
        long[] gleanerLatency = new long[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            SearchDocument a = measured.get(i);
            gleanerLatency[i] = time(() -> gleaner.match(a).size(), cpu, 0);
        }
        Concurrent gleanerConcurrent = null;
        double matchAll = 0;
        for (int round = 0; round < 2; round++) {
            gleanerConcurrent = Concurrent.best(
                    gleanerConcurrent, concurrently(a -> gleaner.match(a).size(), measured));
            long t = System.nanoTime();
            gleaner.matchAll(measured);
            matchAll = Math.max(matchAll, measured.size() / seconds(t));
        }
        gleaner.close();
        deleteTree(dir);

        System.out.printf(
                Locale.ROOT,
                "watches=%d  parse (1 thread) %.1fs%n"
                        + "  gleaner register %.1fs (CPU %.1fs)  heap retained %.1fMiB = %dB/watch  query index on disk %.1fMiB%n"
                        + "  bare    register %.1fs (CPU %.1fs)  heap retained %.1fMiB = %dB/watch (in memory, queries parsed before)%n"
                        + "  candidates/article %.0f = %.2f%% of watches  matches/article %.1f (same in both: %s)%n"
                        + "  watches matching no article %.1f%%, at least half of them %.2f%%%n"
                        + "  by shape, articles a watch matches/is a candidate for:%s%n"
                        + "  1 thread   gleaner %.0f/s p50=%.2fms p99=%.2fms | bare %.0f/s p50=%.2fms p99=%.2fms"
                        + " | ratio %.2f%n"
                        + "  CPU per article (1 thread) gleaner %.2fms bare %.2fms%n"
                        + "  %d threads  gleaner %.0f/s p50=%.2fms p99=%.2fms | bare %.0f/s p50=%.2fms p99=%.2fms"
                        + " | ratio %.2f | gleaner matchAll %.0f/s%n"
                        + "  %d threads, where the wall time went: gleaner %s | bare %s%n",
                size,
                parseSeconds,
                gleanerRegister,
                gleanerRegisterCpu,
                gleanerHeap / 1048576.0,
                gleanerHeap / size,
                disk / 1048576.0,
                bareRegister,
                bareRegisterCpu,
                bareHeap / 1048576.0,
                bareHeap / size,
                (double) candidates / measured.size(),
                100.0 * candidates / ((double) measured.size() * size),
                (double) matches / measured.size(),
                same ? "yes" : "NO",
                100.0 * none / size,
                100.0 * half / size,
                shapes,
                perSecond(gleanerLatency),
                ms(gleanerLatency, 0.50),
                ms(gleanerLatency, 0.99),
                perSecond(bareLatency),
                ms(bareLatency, 0.50),
                ms(bareLatency, 0.99),
                perSecond(gleanerLatency) / perSecond(bareLatency),
                cpu[0] / 1e6 / measured.size(),
                cpu[1] / 1e6 / measured.size(),
                THREADS,
                gleanerConcurrent.perSecond(),
                ms(gleanerConcurrent.latencies(), 0.50),
                ms(gleanerConcurrent.latencies(), 0.99),
                bareConcurrent.perSecond(),
                ms(bareConcurrent.latencies(), 0.50),
                ms(bareConcurrent.latencies(), 0.99),
                gleanerConcurrent.perSecond() / bareConcurrent.perSecond(),
                matchAll,
                THREADS,
                gleanerConcurrent.accounting(),
                bareConcurrent.accounting());
    }

    private static int bareMatch(Monitor bare, SearchDocument article) {
        try {
            MatchingQueries<QueryMatch> matches =
                    bare.match(ArticleFields.document(article), QueryMatch.SIMPLE_MATCHER);
            return matches.getMatchCount();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private interface Matcher {
        int match(SearchDocument article) throws Exception;
    }

    private interface Task {
        int run() throws Exception;
    }

    /** Wall-clock nanoseconds of the task; its CPU nanoseconds are added to {@code cpu[slot]}. */
    private static long time(Task task, long[] cpu, int slot) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c = threads.getCurrentThreadCpuTime();
        long t = System.nanoTime();
        task.run();
        long wall = System.nanoTime() - t;
        cpu[slot] += threads.getCurrentThreadCpuTime() - c;
        return wall;
    }

    /**
     * A concurrent run: articles per second over the run, each article's latency, and where the wall
     * time went: CPU of the matching threads (in cores; below the thread count means they waited, for a
     * lock or for a core other processes held), CPU of the whole process, and the collector's pauses.
     */
    private static final class Concurrent {
        private final double perSecond;
        private final long[] latencies;
        private final String accounting;

        Concurrent(double perSecond, long[] latencies, String accounting) {
            this.perSecond = perSecond;
            this.latencies = latencies.clone();
            this.accounting = accounting;
        }

        double perSecond() {
            return perSecond;
        }

        long[] latencies() {
            return latencies.clone();
        }

        String accounting() {
            return accounting;
        }

        static Concurrent best(@Nullable Concurrent a, Concurrent b) {
            return a == null || b.perSecond() > a.perSecond() ? b : a;
        }
    }

    private static Concurrent concurrently(Matcher matcher, List<SearchDocument> articles) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> new Thread(r, "bench"));
        try {
            long[] latencies = new long[articles.size()];
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long gcMillis = gcMillis();
            long gcCount = gcCount();
            long processCpu = processCpu();
            long start = System.nanoTime();
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int i = offset; i < articles.size(); i += THREADS) {
                        long s = System.nanoTime();
                        matcher.match(articles.get(i));
                        latencies[i] = System.nanoTime() - s;
                    }
                    return threads.getCurrentThreadCpuTime() - cpu;
                }));
            }
            long threadCpu = 0;
            for (Future<Long> part : parts) {
                threadCpu += part.get();
            }
            long wall = System.nanoTime() - start;
            String accounting = String.format(
                    Locale.ROOT,
                    "wall %.2fs, matching threads on CPU %.2f cores (%.2f ms CPU per article), process %.2f cores,"
                            + " GC %d ms in %d pauses, load %.1f",
                    wall / 1e9,
                    (double) threadCpu / wall,
                    threadCpu / 1e6 / articles.size(),
                    (double) (processCpu() - processCpu) / wall,
                    gcMillis() - gcMillis,
                    gcCount() - gcCount,
                    load);
            return new Concurrent(articles.size() / (wall / 1e9), latencies, accounting);
        } finally {
            pool.shutdown();
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double perSecond(long[] nanos) {
        return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
    }

    private static double ms(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1e6;
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** CPU time of the whole process (all threads, including the JIT and the collector). */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void histogram() throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {null},
                        new String[] {String[].class.getName()});
        String[] lines = String.valueOf(text).split("\n");
        for (int i = 0; i < Math.min(lines.length, HISTOGRAM + 3); i++) {
            System.out.println("  " + lines[i]);
        }
    }

    private static long diskBytes(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Pronounceable synthetic words, so stemmers leave most of them alone; rank = index. */
    private static String[] vocabulary(Random random) {
        String[] syllables = {"ka", "lo", "mi", "ra", "to", "ne", "su", "pa", "di", "ve", "zo", "ba", "ri", "fu", "ge"};
        String[] words = new String[VOCABULARY];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < VOCABULARY; ) {
            StringBuilder w = new StringBuilder();
            int n = 2 + random.nextInt(3);
            for (int s = 0; s < n; s++) {
                w.append(syllables[random.nextInt(syllables.length)]);
            }
            w.append((char) ('b' + random.nextInt(20)));
            if (seen.add(w.toString())) {
                words[i++] = w.toString();
            }
        }
        return words;
    }

    /** Two-word collocations of watchable words ("prison break"), in Zipfian rank order. */
    private static String[][] collocations(String[] words, Random random) {
        Set<String> seen = new LinkedHashSet<>();
        while (seen.size() < COLLOCATIONS) {
            seen.add(watched(words, random) + " " + watched(words, random));
        }
        return seen.stream().map(c -> c.split(" ")).toArray(String[][]::new);
    }

    /** A Zipfian rank (s = 1) in [0, n), by inverse transform over the harmonic numbers, approximated. */
    private static int zipf(Random random, int n) {
        return Math.min(n - 1, (int) Math.exp(random.nextDouble() * Math.log(n + 1.0)) - 1);
    }

    private static SearchDocument article(int i, String[] words, String[][] collocations, Random random) {
        List<String> tokens = new ArrayList<>();
        for (int w = 0; w < ARTICLE_WORDS; w++) {
            tokens.add(words[zipf(random, VOCABULARY)]);
        }
        for (int c = 0; c < ARTICLE_COLLOCATIONS; c++) {
            String[] pair = collocations[zipf(random, COLLOCATIONS)];
            int at = random.nextInt(tokens.size());
            tokens.add(at, pair[1]);
            tokens.add(at, pair[0]);
        }
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < tokens.size(); w++) {
            text.append(tokens.get(w)).append(w % 15 == 14 ? ". " : " ");
        }
        StringBuilder title = new StringBuilder();
        for (int w = 0; w < 8; w++) {
            title.append(words[zipf(random, VOCABULARY)]).append(' ');
        }
        String language = i % 10 == 0 ? "fr" : "en";
        return new SearchDocument(
                "a:" + i,
                title.toString().strip(),
                text.toString(),
                "",
                List.of("Reporter " + i % 50),
                List.of("feed-" + i % 20),
                "site" + i % 30 + ".example",
                List.of(),
                language,
                Instant.parse("2024-12-10T00:00:00Z"),
                "https://example.com/" + i,
                "a:" + i);
    }

    /**
     * A word a monitor would watch: drawn with the corpus's own Zipfian law, restricted to ranks
     * beyond the commonest words (P(rank) ∝ 1/rank on [{@value #COMMON_WORDS}, vocabulary)).
     */
    private static String watched(String[] words, Random random) {
        double span = Math.log((double) VOCABULARY / COMMON_WORDS);
        return words[Math.min(VOCABULARY - 1, (int) (COMMON_WORDS * Math.exp(random.nextDouble() * span)))];
    }

    /**
     * The stem of a watched word of four syllables ({@code kalomira*} for {@code kalomirab}): a handful
     * of words share it, as {@code vaccin*} covers vaccine, vaccines and vaccination.
     */
    private static String prefix(String[] words, Random random) {
        while (true) {
            String word = watched(words, random);
            if (word.length() >= 9) {
                return word.substring(0, word.length() - 1) + "*";
            }
        }
    }

    private static String words(int count, String[] words, Random random) {
        StringBuilder q = new StringBuilder();
        for (int w = 0; w < count; w++) {
            q.append(w == 0 ? "" : " ").append(watched(words, random));
        }
        return q.toString();
    }

    private static final String[] SHAPES = {"and", "and", "phrase", "5and2not", "prefix", "title", "lang", "feed+or"};

    private static String query(int i, String[] words, String[][] collocations, Random random) {
        return switch (i % 8) {
            case 0, 1 -> words(2 + random.nextInt(3), words, random);
            case 2 -> {
                String[] pair = collocations[random.nextInt(COLLOCATIONS)];
                yield "\"" + pair[0] + " " + pair[1] + "\"";
            }
            case 3 -> words(5, words, random) + " -" + watched(words, random) + " -" + watched(words, random);
            case 4 -> prefix(words, random) + (random.nextBoolean() ? " " + watched(words, random) : "");
            case 5 -> "title:" + watched(words, random) + " " + watched(words, random);
            case 6 -> "lang:fr " + words(1 + random.nextInt(2), words, random);
            default ->
                "feed:feed-" + random.nextInt(20) + " (" + watched(words, random) + " OR " + watched(words, random)
                        + ")";
        };
    }
}
