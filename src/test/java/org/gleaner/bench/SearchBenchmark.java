package org.gleaner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.index.ArticleIndex;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.search.SearchRequest;

/**
 * Query latency: Gleaner's full path ({@link ArticleSearcher#search}: parse, multilingual query, BM25
 * with boosts and recency, collapse, highlighted title and snippet, facets when asked) against a bare
 * {@link IndexSearcher#search} plus {@link UnifiedHighlighter} snippets of the top 10 on the same
 * index, measured side by side (interleaved) in one JVM. Not part of the test suite.
 *
 * <p>Arguments: documents (default 30,000), index directory (reused when it already holds them).
 */
public final class SearchBenchmark {
    private static final int QUERIES_PER_KIND = 40;
    private static final int WARMUP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 10;

    private SearchBenchmark() {}

    /** One benchmark query in both forms. */
    record Case(String gleaner, Query bare, boolean facets) {}

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("gleaner-search-bench");
        SearchCorpus corpus = new SearchCorpus(42);
        try (ArticleIndex index = ArticleIndex.open(dir, corpus.log(docs))) {
            long start = System.nanoTime();
            int applied = index.catchUp();
            System.out.printf(
                    "index: %d docs (%d applied now in %.0f s), heap max %d MiB%n",
                    index.documentCount(),
                    applied,
                    (System.nanoTime() - start) / 1e9,
                    Runtime.getRuntime().maxMemory() >> 20);
            ArticleSearcher searcher = new ArticleSearcher(index, InstantSource.fixed(SearchCorpus.NOW));
            Map<String, List<Case>> kinds = cases(corpus);
            IndexSearcher bareSearcher = index.searchers().acquire();
            try {
                System.out.printf(
                        "%-12s %10s %10s %10s %10s %8s %8s%n",
                        "kind", "bare p50", "bare p99", "glean p50", "glean p99", "x p50", "x p99");
                for (Map.Entry<String, List<Case>> kind : kinds.entrySet()) {
                    List<Double> bare = new ArrayList<>();
                    List<Double> gleaner = new ArrayList<>();
                    for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
                        for (Case c : kind.getValue()) {
                            long t0 = System.nanoTime();
                            runBare(bareSearcher, c);
                            long t1 = System.nanoTime();
                            searcher.search(new SearchRequest(
                                    c.gleaner(), 10, SearchRequest.Sort.RELEVANCE, null, Map.of(), c.facets()));
                            long t2 = System.nanoTime();
                            if (round >= WARMUP_ROUNDS) {
                                bare.add((t1 - t0) / 1e6);
                                gleaner.add((t2 - t1) / 1e6);
                            }
                        }
                    }
                    double b50 = percentile(bare, 50);
                    double b99 = percentile(bare, 99);
                    double g50 = percentile(gleaner, 50);
                    double g99 = percentile(gleaner, 99);
                    System.out.printf(
                            "%-12s %10.2f %10.2f %10.2f %10.2f %8.2f %8.2f%n",
                            kind.getKey(), b50, b99, g50, g99, g50 / b50, g99 / b99);
                }
            } finally {
                index.searchers().release(bareSearcher);
            }
        }
    }

    private static void runBare(IndexSearcher searcher, Case c) throws Exception {
        TopDocs top;
        if (c.facets()) {
            Object[] results = searcher.search(
                    c.bare(),
                    new MultiCollectorManager(new TopScoreDocCollectorManager(10, 1000), new FacetsCollectorManager()));
            top = (TopDocs) results[0];
            FacetsCollector matches = (FacetsCollector) results[1];
            for (String field :
                    List.of(ArticleFields.FEED, ArticleFields.SITE, ArticleFields.TAG, ArticleFields.LANGUAGE)) {
                new StringValueFacetCounts(state(searcher, field), matches).getTopChildren(20, field);
            }
        } else {
            top = searcher.search(c.bare(), 10);
        }
        UnifiedHighlighter highlighter =
                UnifiedHighlighter.builder(searcher, Analyzers.indexAnalyzer()).build();
        highlighter.highlight(ArticleFields.ARTICLE_TEXT, c.bare(), top, 2);
    }

    private static final Map<String, StringDocValuesReaderState> STATES = new java.util.HashMap<>();

    private static StringDocValuesReaderState state(IndexSearcher searcher, String field) throws java.io.IOException {
        StringDocValuesReaderState state = STATES.get(field);
        if (state == null) {
            state = new StringDocValuesReaderState(searcher.getIndexReader(), field);
            STATES.put(field, state);
        }
        return state;
    }

    /** The bare query of a kind for the Gleaner query text (term and phrase kinds). */
    static Query bareQuery(String kind, String gleaner) {
        if (kind.equals("phrase")) {
            String[] words = gleaner.replace("\"", "").split(" ");
            return new PhraseQuery(ArticleFields.ARTICLE_TEXT, indexed(words[0]), indexed(words[1]));
        }
        return new TermQuery(text(gleaner));
    }

    private static String indexed(String word) {
        return Analyzers.analyze(Analyzers.forLanguage("en"), ArticleFields.ARTICLE_TEXT, word)
                .get(0);
    }

    private static Term text(String word) {
        return new Term(ArticleFields.ARTICLE_TEXT, indexed(word));
    }

    static Map<String, List<Case>> cases(SearchCorpus corpus) {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, List<Case>> kinds = new java.util.LinkedHashMap<>();
        List<Case> term = new ArrayList<>();
        List<Case> and = new ArrayList<>();
        List<Case> or = new ArrayList<>();
        List<Case> phrase = new ArrayList<>();
        List<Case> fieldDate = new ArrayList<>();
        List<Case> faceted = new ArrayList<>();
        long since = SearchCorpus.NOW.minusSeconds(90L * 86_400).toEpochMilli();
        for (int i = 0; i < QUERIES_PER_KIND; i++) {
            String w = corpus.word(100 + random.nextInt(1900));
            term.add(new Case(w, new TermQuery(text(w)), false));
            String a = corpus.word(50 + random.nextInt(950));
            String b = corpus.word(50 + random.nextInt(950));
            and.add(new Case(
                    a + " " + b,
                    new BooleanQuery.Builder()
                            .add(new TermQuery(text(a)), Occur.MUST)
                            .add(new TermQuery(text(b)), Occur.MUST)
                            .build(),
                    false));
            String c = corpus.word(200 + random.nextInt(2800));
            String d = corpus.word(200 + random.nextInt(2800));
            or.add(new Case(
                    c + " OR " + d,
                    new BooleanQuery.Builder()
                            .add(new TermQuery(text(c)), Occur.SHOULD)
                            .add(new TermQuery(text(d)), Occur.SHOULD)
                            .build(),
                    false));
            String[] words = corpus.document(random.nextInt(1000))
                    .articleText()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replace(".", "")
                    .split(" ");
            int at = random.nextInt(words.length - 1);
            phrase.add(new Case(
                    "\"" + words[at] + " " + words[at + 1] + "\"",
                    new PhraseQuery(ArticleFields.ARTICLE_TEXT, indexed(words[at]), indexed(words[at + 1])),
                    false));
            String t = corpus.word(20 + random.nextInt(480));
            fieldDate.add(new Case(
                    "title:" + t + " since:90d",
                    new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(ArticleFields.TITLE, indexed(t))), Occur.MUST)
                            .add(LongField.newRangeQuery(ArticleFields.PUBLISHED, since, Long.MAX_VALUE), Occur.FILTER)
                            .build(),
                    false));
            String f = corpus.word(100 + random.nextInt(1900));
            faceted.add(new Case(f, new TermQuery(text(f)), true));
        }
        kinds.put("term", term);
        kinds.put("and", and);
        kinds.put("or", or);
        kinds.put("phrase", phrase);
        kinds.put("field+date", fieldDate);
        kinds.put("faceted", faceted);
        return kinds;
    }

    static double percentile(List<Double> samples, int p) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
