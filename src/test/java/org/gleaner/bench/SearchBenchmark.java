package org.gleaner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
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
import org.gleaner.search.SearchTuning;

/**
 * Query latency: Gleaner's full path ({@link ArticleSearcher#search}: parse, multilingual query, BM25
 * with field boosts and recency, exact total to 10,000, story collapse, highlighted title and
 * snippet, facets when asked) against bare Lucene on the same index, measured side by side
 * (interleaved, query by query) in one JVM. Not part of the test suite.
 *
 * <p>Both sides search one index, built by Gleaner's {@link ArticleIndex} from the seeded corpus, with
 * the same {@link IndexSearcher}. The bare side asks the same question by hand: the same analysed
 * terms in the same fields with the same boosts (title ×3, entry ×1.5, article text; a disjunction
 * max per word), {@link IndexSearcher#search(Query, int)} for the top 10 (Lucene's default count of
 * 1,000), and a default {@link UnifiedHighlighter} for the same fields Gleaner highlights (the whole
 * title and two passages of the article text); faceted queries count the same four keyword
 * dimensions. Besides wall-clock percentiles it prints the ratio of the searching thread's CPU-time
 * percentiles. Not in the bare side: the recency boost, exact totals to 10,000, collapse, the entry
 * text snippet fallback, the date facet and query parsing. For reference it also times the older,
 * narrower baseline: the article text field alone.
 *
 * <p>Arguments: documents (default 30,000); index directory (default a temporary one). A directory
 * holding an index of this corpus is reused: only documents it lacks are indexed, so a large index is
 * built once (e.g. {@code /work/wt/cache/search-1m}) and measured on later runs. Optional third
 * argument: queries per kind (default 40).
 *
 * <p>{@code -Dbench.words=typical} draws the query words from rarer ranks, like the words people search a
 * news archive for (a term in roughly 0.1 % to 5 % of the articles, phrases holding at least one such word);
 * the default, {@code frequent}, draws everyday words, the slow end of searches.
 */
public final class SearchBenchmark {
    private static final int DEFAULT_QUERIES_PER_KIND = 40;
    private static final int WARMUP_ROUNDS = 3;
    private static final int MEASURED_ROUNDS = 10;

    private SearchBenchmark() {}

    /** One benchmark query: Gleaner's text, the like-for-like bare query, the text-only bare query. */
    record Case(String gleaner, Query bare, Query textOnly, boolean facets) {}

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("gleaner-search-bench");
        int perKind = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_QUERIES_PER_KIND;
        SearchCorpus corpus = new SearchCorpus(42);
        try (ArticleIndex index = open(corpus, docs, dir)) {
            ArticleSearcher searcher = new ArticleSearcher(index, InstantSource.fixed(SearchCorpus.NOW));
            boolean typical = typicalWords();
            System.out.println("query words: " + (typical ? "typical" : "frequent"));
            Map<String, List<Case>> kinds = cases(corpus, perKind, typical);
            // CPU time of the searching thread beside wall time: on a shared machine it moves less
            // with other processes' load (it still counts time lost to cache contention)
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            IndexSearcher lucene = index.searchers().acquire();
            try {
                Bare bare = new Bare(lucene);
                System.out.printf(
                        "%-11s %9s %9s %9s %9s %7s %7s | %9s %9s | %7s %7s  (ms; text-only bare; CPU-time ratios)%n",
                        "kind",
                        "bare p50",
                        "bare p99",
                        "glean p50",
                        "glean p99",
                        "x p50",
                        "x p99",
                        "p50",
                        "p99",
                        "cpu p50",
                        "cpu p99");
                // every kind once on both sides before any is measured: the first kind measured is not
                // also the one that pays for compiling the paths all kinds share
                for (List<Case> cases : kinds.values()) {
                    for (Case c : cases) {
                        bare.run(c.bare(), c.facets(), true);
                        searcher.search(new SearchRequest(
                                c.gleaner(), 10, SearchRequest.Sort.RELEVANCE, null, Map.of(), c.facets()));
                    }
                }
                for (Map.Entry<String, List<Case>> kind : kinds.entrySet()) {
                    List<Double> bareTimes = new ArrayList<>();
                    List<Double> gleanerTimes = new ArrayList<>();
                    List<Double> textOnlyTimes = new ArrayList<>();
                    List<Double> bareCpu = new ArrayList<>();
                    List<Double> gleanerCpu = new ArrayList<>();
                    for (int round = 0; round < WARMUP_ROUNDS + MEASURED_ROUNDS; round++) {
                        for (Case c : kind.getValue()) {
                            long c0 = threads.getCurrentThreadCpuTime();
                            long t0 = System.nanoTime();
                            bare.run(c.bare(), c.facets(), true);
                            long t1 = System.nanoTime();
                            long c1 = threads.getCurrentThreadCpuTime();
                            searcher.search(new SearchRequest(
                                    c.gleaner(), 10, SearchRequest.Sort.RELEVANCE, null, Map.of(), c.facets()));
                            long t2 = System.nanoTime();
                            long c2 = threads.getCurrentThreadCpuTime();
                            bare.run(c.textOnly(), c.facets(), false);
                            long t3 = System.nanoTime();
                            if (round >= WARMUP_ROUNDS) {
                                bareTimes.add((t1 - t0) / 1e6);
                                gleanerTimes.add((t2 - t1) / 1e6);
                                textOnlyTimes.add((t3 - t2) / 1e6);
                                bareCpu.add((c1 - c0) / 1e6);
                                gleanerCpu.add((c2 - c1) / 1e6);
                            }
                        }
                    }
                    double b50 = percentile(bareTimes, 50);
                    double b99 = percentile(bareTimes, 99);
                    double g50 = percentile(gleanerTimes, 50);
                    double g99 = percentile(gleanerTimes, 99);
                    System.out.printf(
                            "%-11s %9.2f %9.2f %9.2f %9.2f %7.2f %7.2f | %9.2f %9.2f | %7.2f %7.2f%n",
                            kind.getKey(),
                            b50,
                            b99,
                            g50,
                            g99,
                            g50 / b50,
                            g99 / b99,
                            percentile(textOnlyTimes, 50),
                            percentile(textOnlyTimes, 99),
                            percentile(gleanerCpu, 50) / percentile(bareCpu, 50),
                            percentile(gleanerCpu, 99) / percentile(bareCpu, 99));
                }
            } finally {
                index.searchers().release(lucene);
            }
        }
    }

    /** Opens (and completes, if needed) the benchmark index of the first {@code docs} corpus documents. */
    static ArticleIndex open(SearchCorpus corpus, int docs, Path dir) throws IOException {
        ArticleIndex index = ArticleIndex.open(dir, corpus.log(docs));
        long start = System.nanoTime();
        int applied = index.catchUp();
        System.out.printf(
                "index %s: %d docs (%d indexed now in %.0f s), %d segments, heap max %d MiB%n",
                dir,
                index.documentCount(),
                applied,
                (System.nanoTime() - start) / 1e9,
                segments(index),
                Runtime.getRuntime().maxMemory() >> 20);
        return index;
    }

    private static int segments(ArticleIndex index) throws IOException {
        IndexSearcher searcher = index.searchers().acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            index.searchers().release(searcher);
        }
    }

    /** The bare Lucene side: search, facets (reader states built once, as any application would), highlight. */
    static final class Bare {
        private static final List<String> FACET_FIELDS =
                List.of(ArticleFields.FEED, ArticleFields.SITE, ArticleFields.TAG, ArticleFields.LANGUAGE);
        private final IndexSearcher searcher;
        private final Map<String, StringDocValuesReaderState> states = new HashMap<>();

        Bare(IndexSearcher searcher) {
            this.searcher = searcher;
        }

        Object run(Query query, boolean facets, boolean titleToo) {
            try {
                TopDocs top;
                if (facets) {
                    Object[] results = searcher.search(
                            query,
                            new MultiCollectorManager(
                                    new TopScoreDocCollectorManager(10, 1_000), new FacetsCollectorManager()));
                    top = (TopDocs) results[0];
                    FacetsCollector matches = (FacetsCollector) results[1];
                    for (String field : FACET_FIELDS) {
                        new StringValueFacetCounts(state(field), matches).getTopChildren(20, field);
                    }
                } else {
                    top = searcher.search(query, 10);
                }
                UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, Analyzers.indexAnalyzer())
                        .build();
                if (titleToo) {
                    return highlighter.highlightFields(
                            new String[] {ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT}, query, top, new int[] {
                                1, SearchTuning.SNIPPET_PASSAGES
                            });
                }
                return highlighter.highlight(ArticleFields.ARTICLE_TEXT, query, top, SearchTuning.SNIPPET_PASSAGES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private StringDocValuesReaderState state(String field) throws IOException {
            StringDocValuesReaderState state = states.get(field);
            if (state == null) {
                state = new StringDocValuesReaderState(searcher.getIndexReader(), field);
                states.put(field, state);
            }
            return state;
        }
    }

    static String indexed(String word) {
        return Analyzers.analyze(Analyzers.forLanguage("en"), ArticleFields.ARTICLE_TEXT, word)
                .get(0);
    }

    /** A word (or two-word phrase) in the three prose fields, boosted as Gleaner's query language does. */
    static Query prose(String... words) {
        List<Query> perField = new ArrayList<>();
        for (Map.Entry<String, Float> field : Map.of(
                        ArticleFields.TITLE, SearchTuning.TITLE_BOOST,
                        ArticleFields.ARTICLE_TEXT, SearchTuning.ARTICLE_BOOST,
                        ArticleFields.ENTRY_TEXT, SearchTuning.ENTRY_BOOST)
                .entrySet()) {
            Query q = single(field.getKey(), words);
            perField.add(field.getValue() == 1f ? q : new BoostQuery(q, field.getValue()));
        }
        return new DisjunctionMaxQuery(perField, SearchTuning.FIELD_TIE_BREAKER);
    }

    /** A word or phrase in one field. */
    static Query single(String field, String... words) {
        if (words.length == 1) {
            return new TermQuery(new Term(field, indexed(words[0])));
        }
        PhraseQuery.Builder phrase = new PhraseQuery.Builder();
        for (String word : words) {
            phrase.add(new Term(field, indexed(word)));
        }
        return phrase.build();
    }

    private static Query both(Query a, Query b, Occur occur) {
        return new BooleanQuery.Builder().add(a, occur).add(b, occur).build();
    }

    /** Whether {@code -Dbench.words=typical} asks for the typical mix of query words. */
    static boolean typicalWords() {
        return System.getProperty("bench.words", "frequent").equals("typical");
    }

    /**
     * A word rank in {@code [low, high)}: uniform for the frequent mix (the draws of earlier runs), else
     * log-uniform over {@code [typicalLow, typicalHigh)}, as often from 1,000 to 2,000 as from 10,000 to 20,000.
     */
    private static int rank(
            SplittableRandom random, boolean typical, int low, int high, int typicalLow, int typicalHigh) {
        if (!typical) {
            return low + random.nextInt(high - low);
        }
        double span = Math.log(typicalHigh) - Math.log(typicalLow);
        return (int) Math.exp(Math.log(typicalLow) + random.nextDouble() * span);
    }

    static Map<String, List<Case>> cases(SearchCorpus corpus, int perKind, boolean typical) {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, List<Case>> kinds = new LinkedHashMap<>();
        for (String kind : List.of("term", "and", "or", "phrase", "field+date", "faceted", "highlighted")) {
            kinds.put(kind, new ArrayList<>());
        }
        long since = SearchCorpus.NOW.minusSeconds(90L * 86_400).toEpochMilli();
        String text = ArticleFields.ARTICLE_TEXT;
        for (int i = 0; i < perKind; i++) {
            String w = corpus.word(rank(random, typical, 100, 2000, 1000, 20_000));
            kinds.get("term").add(new Case(w, prose(w), single(text, w), false));
            String a = corpus.word(rank(random, typical, 50, 1000, 300, 10_000));
            String b = corpus.word(rank(random, typical, 50, 1000, 300, 10_000));
            kinds.get("and")
                    .add(new Case(
                            a + " " + b,
                            both(prose(a), prose(b), Occur.MUST),
                            both(single(text, a), single(text, b), Occur.MUST),
                            false));
            String c = corpus.word(rank(random, typical, 200, 3000, 1000, 20_000));
            String d = corpus.word(rank(random, typical, 200, 3000, 1000, 20_000));
            kinds.get("or")
                    .add(new Case(
                            c + " OR " + d,
                            both(prose(c), prose(d), Occur.SHOULD),
                            both(single(text, c), single(text, d), Occur.SHOULD),
                            false));
            String[] words = corpus.document(random.nextInt(1000))
                    .articleText()
                    .toLowerCase(Locale.ROOT)
                    .replace(".", "")
                    .split(" ");
            int at = random.nextInt(words.length - 1);
            // a typical phrase holds a word outside the 1,000 most frequent (a name, a topic)
            for (int tried = 0;
                    typical
                            && tried < words.length
                            && corpus.rank(words[at]) < 1000
                            && corpus.rank(words[at + 1]) < 1000;
                    tried++) {
                at = (at + 1) % (words.length - 1);
            }
            kinds.get("phrase")
                    .add(new Case(
                            "\"" + words[at] + " " + words[at + 1] + "\"",
                            prose(words[at], words[at + 1]),
                            single(text, words[at], words[at + 1]),
                            false));
            String t = corpus.word(rank(random, typical, 20, 500, 200, 5000));
            Query recent = LongField.newRangeQuery(ArticleFields.PUBLISHED, since, Long.MAX_VALUE);
            kinds.get("field+date")
                    .add(new Case(
                            "title:" + t + " since:90d",
                            both(single(ArticleFields.TITLE, t), recent, Occur.MUST),
                            both(single(text, t), recent, Occur.MUST),
                            false));
            String f = corpus.word(rank(random, typical, 100, 2000, 1000, 20_000));
            kinds.get("faceted").add(new Case(f, prose(f), single(text, f), true));
            // highlighting-heavy: three frequent words, each marked many times in every snippet
            String h1 = corpus.word(rank(random, typical, 10, 100, 100, 1000));
            String h2 = corpus.word(rank(random, typical, 10, 100, 100, 1000));
            String h3 = corpus.word(rank(random, typical, 10, 100, 100, 1000));
            kinds.get("highlighted")
                    .add(new Case(
                            h1 + " " + h2 + " " + h3,
                            new BooleanQuery.Builder()
                                    .add(prose(h1), Occur.MUST)
                                    .add(prose(h2), Occur.MUST)
                                    .add(prose(h3), Occur.MUST)
                                    .build(),
                            new BooleanQuery.Builder()
                                    .add(single(text, h1), Occur.MUST)
                                    .add(single(text, h2), Occur.MUST)
                                    .add(single(text, h3), Occur.MUST)
                                    .build(),
                            false));
        }
        return kinds;
    }

    static double percentile(List<Double> samples, int p) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
