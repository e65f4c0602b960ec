package org.gleaner.bench;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.index.ArticleIndex;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.search.QueryLanguage;
import org.gleaner.search.SearchRequest;
import org.gleaner.search.SearchTuning;

/**
 * Where Gleaner's query time goes: the same queries run as a ladder of steps from the bare baseline
 * to the full path, each step adding one thing. Run after {@link SearchBenchmark} built its index.
 *
 * <p>Arguments: documents in the index, index directory.
 */
public final class SearchBreakdown {
    private SearchBreakdown() {}

    public static void main(String[] args) throws Exception {
        int docs = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        SearchCorpus corpus = new SearchCorpus(42);
        InstantSource clock = InstantSource.fixed(SearchCorpus.NOW);
        try (ArticleIndex index = ArticleIndex.open(dir, corpus.log(docs))) {
            index.catchUp();
            ArticleSearcher searcher = new ArticleSearcher(index, clock);
            IndexSearcher lucene = index.searchers().acquire();
            try {
                for (String kind : List.of("term", "phrase")) {
                    List<String> queries = new ArrayList<>();
                    for (SearchBenchmark.Case c : SearchBenchmark.cases(corpus).get(kind)) {
                        queries.add(c.gleaner());
                    }
                    Map<String, Function<String, Object>> steps = new LinkedHashMap<>();
                    steps.put(
                            "1 bare text field, top 10, count to 1k, snippet",
                            q -> bare(lucene, SearchBenchmark.bareQuery(kind, q), 10, 1_000, false));
                    steps.put(
                            "2 + parsed query (3 fields, boosts)",
                            q -> bare(lucene, parse(q, clock), 10, 1_000, false));
                    steps.put(
                            "3 + exact count to 10k, top 20",
                            q -> bare(lucene, parse(q, clock), 20, SearchTuning.EXACT_TOTAL_LIMIT, false));
                    steps.put(
                            "4 + recency boost",
                            q -> bare(
                                    lucene, fresh(parse(q, clock), clock), 20, SearchTuning.EXACT_TOTAL_LIMIT, false));
                    steps.put(
                            "5 + title/entry snippets too",
                            q -> bare(lucene, fresh(parse(q, clock), clock), 20, SearchTuning.EXACT_TOTAL_LIMIT, true));
                    steps.put("6 full ArticleSearcher.search", q -> {
                        try {
                            return searcher.search(SearchRequest.of(q, 10));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    System.out.println(kind + ":");
                    for (Map.Entry<String, Function<String, Object>> step : steps.entrySet()) {
                        List<Double> samples = new ArrayList<>();
                        for (int round = 0; round < 8; round++) {
                            for (String q : queries) {
                                long t0 = System.nanoTime();
                                if (step.getValue().apply(q) == null) {
                                    throw new IllegalStateException("no result for " + q);
                                }
                                if (round >= 2) {
                                    samples.add((System.nanoTime() - t0) / 1e6);
                                }
                            }
                        }
                        System.out.printf(
                                "  %-50s p50 %7.2f ms  p99 %7.2f ms%n",
                                step.getKey(),
                                SearchBenchmark.percentile(samples, 50),
                                SearchBenchmark.percentile(samples, 99));
                    }
                }
            } finally {
                index.searchers().release(lucene);
            }
        }
    }

    private static Query parse(String q, InstantSource clock) {
        try {
            return QueryLanguage.parse(q, clock, java.util.Set.of("en"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Query fresh(Query q, InstantSource clock) {
        return new BooleanQuery.Builder()
                .add(q, Occur.MUST)
                .add(
                        LongField.newDistanceFeatureQuery(
                                ArticleFields.PUBLISHED,
                                SearchTuning.FRESHNESS_WEIGHT,
                                clock.instant().toEpochMilli(),
                                SearchTuning.FRESHNESS_HALF_LIFE.toMillis()),
                        Occur.SHOULD)
                .build();
    }

    private static Object bare(IndexSearcher searcher, Query query, int n, int threshold, boolean threeFields) {
        try {
            TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(n, null, threshold));
            TopDocs ten = new TopDocs(
                    top.totalHits, java.util.Arrays.copyOf(top.scoreDocs, Math.min(10, top.scoreDocs.length)));
            UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, Analyzers.indexAnalyzer())
                    .build();
            if (threeFields) {
                return highlighter.highlightFields(
                        new String[] {ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT, ArticleFields.ENTRY_TEXT},
                        query,
                        ten,
                        new int[] {1, 2, 2});
            }
            return highlighter.highlight(ArticleFields.ARTICLE_TEXT, query, ten, 2);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
