package org.gleaner.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;
import org.gleaner.alert.QueryMonitor;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.model.SearchDocument;
import org.gleaner.search.QueryLanguage;
import org.gleaner.store.Watch;

/**
 * Match throughput of watches (issue 6), not part of the test suite. Gleaner's path ({@link
 * QueryMonitor#match}: the query language's queries, the article schema, the multipass presearcher
 * with prefix handling, then the matched queries fetched for highlighting) next to a bare
 * lucene-monitor {@code match} with the same presearcher and the same queries, in one JVM.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat cp.txt) org.gleaner.bench.MonitorBenchmark 1000 10000 100000
 * </pre>
 */
public final class MonitorBenchmark {
    private static final int VOCABULARY = 50_000;
    private static final int ARTICLE_WORDS = 800;
    private static final int ARTICLES = 400;
    private static final int WARMUP = 100;
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-12-10T12:00:00Z"));

    private MonitorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0
                ? new int[] {1_000, 10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        Random random = new Random(42);
        String[] words = vocabulary(random);
        List<SearchDocument> articles = new ArrayList<>();
        for (int i = 0; i < ARTICLES + WARMUP; i++) {
            articles.add(article(i, words, random));
        }
        System.out.printf(
                Locale.ROOT,
                "cores=%d maxHeap=%dMiB articles=%d (+%d warm-up), ~%d words each%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                ARTICLES,
                WARMUP,
                ARTICLE_WORDS);
        for (int size : sizes) {
            run(size, words, articles, new Random(size));
        }
    }

    private static void run(int size, String[] words, List<SearchDocument> articles, Random random) throws Exception {
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            watches.add(new Watch(
                    i + 1,
                    "w" + i,
                    query(i, words, random),
                    Watch.Pace.IMMEDIATE,
                    false,
                    null,
                    1,
                    null,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    List.of()));
        }
        long before = usedHeap();
        long start = System.nanoTime();
        QueryMonitor gleaner = QueryMonitor.open(null, CLOCK);
        gleaner.register(watches);
        double registerSeconds = (System.nanoTime() - start) / 1e9;
        long heap = usedHeap() - before;

        long candidates = 0;
        long matches = 0;
        for (SearchDocument a : articles.subList(WARMUP, articles.size())) {
            candidates += gleaner.candidates(a);
        }
        for (SearchDocument a : articles.subList(0, WARMUP)) {
            gleaner.match(a);
        }
        long[] gleanerLatency = new long[ARTICLES];
        for (int i = 0; i < ARTICLES; i++) {
            long t = System.nanoTime();
            matches += gleaner.match(articles.get(WARMUP + i)).size();
            gleanerLatency[i] = System.nanoTime() - t;
        }
        double gleaner2 = twoThreads(a -> gleaner.match(a).size(), articles);
        gleaner.close();

        Monitor bare = new Monitor(Analyzers.indexAnalyzer(), QueryMonitor.presearcher(), QueryMonitor.configuration());
        List<MonitorQuery> queries = new ArrayList<>();
        for (Watch w : watches) {
            queries.add(new MonitorQuery(Long.toString(w.id()), QueryLanguage.parse(w.query(), CLOCK)));
        }
        bare.register(queries);
        for (SearchDocument a : articles.subList(0, WARMUP)) {
            bare.match(ArticleFields.document(a), QueryMatch.SIMPLE_MATCHER);
        }
        long[] bareLatency = new long[ARTICLES];
        for (int i = 0; i < ARTICLES; i++) {
            long t = System.nanoTime();
            bare.match(ArticleFields.document(articles.get(WARMUP + i)), QueryMatch.SIMPLE_MATCHER);
            bareLatency[i] = System.nanoTime() - t;
        }
        double bare2 = twoThreads(
                a -> bare.match(ArticleFields.document(a), QueryMatch.SIMPLE_MATCHER)
                        .getMatchCount(),
                articles);
        bare.close();

        System.out.printf(
                Locale.ROOT,
                "watches=%d register=%.1fs heap/watch=%dB candidates=%.2f%% matches/article=%.2f%n"
                        + "  gleaner: 1 thread %.0f/s p50=%.2fms p99=%.2fms | 2 threads %.0f/s%n"
                        + "  bare:    1 thread %.0f/s p50=%.2fms p99=%.2fms | 2 threads %.0f/s%n",
                size,
                registerSeconds,
                heap / size,
                100.0 * candidates / ((double) ARTICLES * size),
                (double) matches / ARTICLES,
                perSecond(gleanerLatency),
                ms(gleanerLatency, 0.50),
                ms(gleanerLatency, 0.99),
                gleaner2,
                perSecond(bareLatency),
                ms(bareLatency, 0.50),
                ms(bareLatency, 0.99),
                bare2);
    }

    private interface Matcher {
        int match(SearchDocument article) throws Exception;
    }

    private static double twoThreads(Matcher matcher, List<SearchDocument> articles) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "bench"));
        try {
            List<SearchDocument> measured = articles.subList(WARMUP, articles.size());
            long start = System.nanoTime();
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = offset; i < measured.size(); i += 2) {
                        n += matcher.match(measured.get(i));
                    }
                    return n;
                }));
            }
            for (Future<Integer> part : parts) {
                part.get();
            }
            return measured.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static double perSecond(long[] nanos) {
        return nanos.length / (Arrays.stream(nanos).sum() / 1e9);
    }

    private static double ms(long[] nanos, double quantile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))] / 1e6;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Pronounceable synthetic words, so stemmers leave most of them alone. */
    private static String[] vocabulary(Random random) {
        String[] syllables = {"ka", "lo", "mi", "ra", "to", "ne", "su", "pa", "di", "ve", "zo", "ba", "ri", "fu", "ge"};
        String[] words = new String[VOCABULARY];
        java.util.Set<String> seen = new java.util.HashSet<>();
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

    /** Zipfian rank (s = 1) by inverse transform over the harmonic numbers, approximated. */
    private static int zipf(Random random) {
        double u = random.nextDouble();
        return Math.min(VOCABULARY - 1, (int) Math.exp(u * Math.log(VOCABULARY)) - 1);
    }

    private static SearchDocument article(int i, String[] words, Random random) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < ARTICLE_WORDS; w++) {
            text.append(words[zipf(random)]).append(w % 15 == 14 ? ". " : " ");
        }
        StringBuilder title = new StringBuilder();
        for (int w = 0; w < 8; w++) {
            title.append(words[zipf(random)]).append(' ');
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

    /** A word a monitor would watch: a name or term that most articles do not contain. */
    private static String word(String[] words, Random random) {
        return words[2_000 + random.nextInt(45_000)];
    }

    private static String query(int i, String[] words, Random random) {
        return switch (i % 8) {
            case 0, 1 ->
                word(words, random) + " " + word(words, random)
                        + (random.nextBoolean() ? " " + word(words, random) : "");
            case 2 -> "\"" + word(words, random) + " " + word(words, random) + "\"";
            case 3 -> {
                StringBuilder q = new StringBuilder();
                for (int w = 0; w < 5; w++) {
                    q.append(word(words, random)).append(' ');
                }
                yield q + "-" + word(words, random) + " -" + word(words, random);
            }
            case 4 -> word(words, random).substring(0, 5) + "*";
            case 5 -> "title:" + word(words, random) + " " + word(words, random);
            case 6 -> "lang:fr " + word(words, random) + " " + word(words, random);
            default ->
                "feed:feed-" + random.nextInt(20) + " (" + word(words, random) + " OR " + word(words, random) + ")";
        };
    }
}
