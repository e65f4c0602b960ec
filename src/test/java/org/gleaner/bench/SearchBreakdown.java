package org.gleaner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.index.ArticleIndex;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.search.QueryException;
import org.gleaner.search.QueryLanguage;
import org.gleaner.search.SearchRequest;

/**
 * Where Gleaner's query time goes: the benchmark's queries run as a ladder of steps from the bare
 * like-for-like baseline of {@link SearchBenchmark} to the full path, each step adding one thing.
 * The gap between the last two steps is what {@link ArticleSearcher} adds around the search: the
 * exact total to 10,000, story collapse, reading the hits' stored fields and building the results.
 *
 * <p>Arguments: documents, index directory (as for {@link SearchBenchmark}, whose index it reuses),
 * optional queries per kind (default 40), optional comma-separated kinds to run (default all; e.g.
 * {@code term,or} for a profile of those alone).
 */
public final class SearchBreakdown {
    private SearchBreakdown() {}

    public static void main(String[] args) throws Exception {
        int docs = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        int perKind = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Set<String> only = args.length > 3 ? Set.of(args[3].split(",")) : Set.of();
        SearchCorpus corpus = new SearchCorpus(42);
        InstantSource clock = InstantSource.fixed(SearchCorpus.NOW);
        try (ArticleIndex index = SearchBenchmark.open(corpus, docs, dir)) {
            ArticleSearcher searcher = new ArticleSearcher(index, clock);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            IndexSearcher lucene = index.searchers().acquire();
            try {
                SearchBenchmark.Bare bare = new SearchBenchmark.Bare(lucene);
                for (Map.Entry<String, List<SearchBenchmark.Case>> kind : SearchBenchmark.cases(
                                corpus, perKind, SearchBenchmark.typicalWords())
                        .entrySet()) {
                    if (!only.isEmpty() && !only.contains(kind.getKey())) {
                        continue;
                    }
                    boolean facets = kind.getValue().get(0).facets();
                    Map<String, Function<SearchBenchmark.Case, Object>> steps = new LinkedHashMap<>();
                    steps.put(
                            "1 bare: same fields and boosts, top 10, title+text snippets",
                            c -> bare.run(c.bare(), facets, true));
                    steps.put(
                            "2 + Gleaner's parsed query instead",
                            c -> bare.run(parse(c.gleaner(), clock), facets, true));
                    steps.put(
                            "3 + recency boost (as Gleaner ranks)",
                            c -> bare.run(fresh(parse(c.gleaner(), clock), clock), facets, true));
                    steps.put(
                            "3b + top 20 (collapse reserve)",
                            c -> wider(lucene, fresh(parse(c.gleaner(), clock), clock), false));
                    steps.put(
                            "3c + top 20, counting to 10,000 while ranking",
                            c -> counted(lucene, parse(c.gleaner(), clock), clock, true));
                    steps.put(
                            "3d + top 20, pruning from 1,000, then a count to 10,000",
                            c -> counted(lucene, parse(c.gleaner(), clock), clock, false));
                    steps.put(
                            "4 + top 20 (collapse reserve), entry snippets too",
                            c -> wider(lucene, fresh(parse(c.gleaner(), clock), clock), true));
                    steps.put("5 full ArticleSearcher.search", c -> {
                        try {
                            return searcher.search(new SearchRequest(
                                    c.gleaner(), 10, SearchRequest.Sort.RELEVANCE, null, Map.of(), facets));
                        } catch (QueryException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    System.out.println(kind.getKey() + ":");
                    for (Map.Entry<String, Function<SearchBenchmark.Case, Object>> step : steps.entrySet()) {
                        List<Double> samples = new ArrayList<>();
                        List<Double> cpu = new ArrayList<>();
                        for (int round = 0; round < 8; round++) {
                            for (SearchBenchmark.Case c : kind.getValue()) {
                                long c0 = threads.getCurrentThreadCpuTime();
                                long t0 = System.nanoTime();
                                if (step.getValue().apply(c) == null) {
                                    throw new IllegalStateException("no result for " + c.gleaner());
                                }
                                if (round >= 2) {
                                    samples.add((System.nanoTime() - t0) / 1e6);
                                    cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e6);
                                }
                            }
                        }
                        System.out.printf(
                                "  %-62s p50 %7.2f ms  p99 %7.2f ms  (CPU p50 %7.2f ms)%n",
                                step.getKey(),
                                SearchBenchmark.percentile(samples, 50),
                                SearchBenchmark.percentile(samples, 99),
                                SearchBenchmark.percentile(cpu, 50));
                    }
                }
            } finally {
                index.searchers().release(lucene);
            }
        }
    }

    private static Query parse(String q, InstantSource clock) {
        try {
            return QueryLanguage.parse(q, clock, Set.of("en"));
        } catch (QueryException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Query fresh(Query q, InstantSource clock) {
        return ArticleSearcher.withFreshness(q, clock.instant());
    }

    /**
     * The two ways to an exact total up to 10,000: count every match while ranking until 10,000
     * (ranking skips documents only after that), or rank as Lucene does by default and count in a
     * second pass without scores, stopping at 10,000.
     */
    private static Object counted(IndexSearcher searcher, Query matching, InstantSource clock, boolean whileRanking) {
        try {
            TopDocs top = searcher.search(
                    fresh(matching, clock), new TopScoreDocCollectorManager(20, null, whileRanking ? 10_000 : 1_000));
            long total = top.totalHits.value;
            if (top.totalHits.relation != TotalHits.Relation.EQUAL_TO && total < 10_000) {
                total = searcher.search(matching, new CappedCount(10_000));
            }
            TopDocs ten = new TopDocs(
                    new TotalHits(total, TotalHits.Relation.EQUAL_TO),
                    Arrays.copyOf(top.scoreDocs, Math.min(10, top.scoreDocs.length)));
            return UnifiedHighlighter.builder(searcher, Analyzers.indexAnalyzer())
                    .build()
                    .highlightFields(
                            new String[] {ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT}, matching, ten, new int[] {
                                1, 2
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts matches without scores, stopping at a cap. */
    private record CappedCount(int cap) implements CollectorManager<Collector, Integer> {
        @Override
        public Collector newCollector() {
            int[] count = {0};
            return new SimpleCollector() {
                @Override
                public void collect(int doc) {
                    if (++count[0] >= cap) {
                        throw new CollectionTerminatedException();
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }

                @Override
                public String toString() {
                    return Integer.toString(count[0]);
                }
            };
        }

        @Override
        public Integer reduce(Collection<Collector> collectors) {
            int total = 0;
            for (Collector collector : collectors) {
                total += Integer.parseInt(collector.toString());
            }
            return Math.min(cap, total);
        }
    }

    private static Object wider(IndexSearcher searcher, Query query, boolean entryToo) {
        try {
            TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(20, null, 1_000));
            TopDocs ten = new TopDocs(top.totalHits, Arrays.copyOf(top.scoreDocs, Math.min(10, top.scoreDocs.length)));
            return UnifiedHighlighter.builder(searcher, Analyzers.indexAnalyzer())
                    .build()
                    .highlightFields(
                            entryToo
                                    ? new String[] {
                                        ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT, ArticleFields.ENTRY_TEXT
                                    }
                                    : new String[] {ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT},
                            query,
                            ten,
                            entryToo ? new int[] {1, 2, 2} : new int[] {1, 2});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
