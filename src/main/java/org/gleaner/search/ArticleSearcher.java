package org.gleaner.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.index.ArticleIndex;
import org.jspecify.annotations.Nullable;

/**
 * Runs searches against the article index: parse, rank (BM25 with field boosts and a mild recency
 * bonus, or by date), collapse copies of a story into one hit, highlight, and count facets.
 *
 * <p>Thread-safe; one instance serves every request.
 */
public final class ArticleSearcher {
    private static final Set<String> HIT_FIELDS = Set.of(
            ArticleFields.KEY,
            ArticleFields.TITLE,
            ArticleFields.URL,
            ArticleFields.SITE,
            ArticleFields.FEED,
            ArticleFields.PUBLISHED,
            ArticleFields.ARTICLE_TEXT,
            ArticleFields.ENTRY_TEXT);
    private static final Set<String> URL_FIELDS = Set.of(ArticleFields.URL);

    private final ArticleIndex index;
    private final InstantSource clock;
    private final Facets facets = new Facets();
    private final SharedStories sharedStories = new SharedStories();

    public ArticleSearcher(ArticleIndex index, InstantSource clock) {
        this.index = index;
        this.clock = clock;
    }

    /**
     * Runs a search request.
     *
     * @throws QueryException for a malformed or too-broad query, an unknown filter, a bad cursor or
     *     limit: a problem with the request, to be shown to its author
     */
    public SearchResults search(SearchRequest request) throws QueryException {
        if (request.limit() < 1 || request.limit() > SearchTuning.MAX_LIMIT) {
            throw new QueryException("limit must be between 1 and " + SearchTuning.MAX_LIMIT, -1);
        }
        Query userQuery = request.query().isBlank()
                ? new MatchAllDocsQuery()
                : QueryLanguage.parse(request.query(), clock, analysesInIndex());
        Query filter = Facets.filter(request.filters());
        int fingerprint = Objects.hash(request.query().strip(), request.filters(), request.sort());
        boolean byDate = request.sort() != SearchRequest.Sort.RELEVANCE;
        ScoreDoc after = request.cursor() == null
                ? null
                : Cursor.decode(request.cursor(), fingerprint).after(byDate);

        Query matching = filter == null
                ? userQuery
                : new BooleanQuery.Builder()
                        .add(userQuery, Occur.MUST)
                        .add(filter, Occur.FILTER)
                        .build();
        Plan plan = new Plan(
                matching,
                userQuery,
                byDate ? null : clock.instant(),
                request.sort(),
                request.limit(),
                request.facets(),
                fingerprint);
        return run(plan, after);
    }

    /**
     * The ranking of a relevance-sorted search: the matching query's score plus the recency bonus
     * ({@link SearchTuning#FRESHNESS_WEIGHT}, halving every {@link SearchTuning#FRESHNESS_HALF_LIFE}
     * before {@code now}). Public for benchmarks that rebuild Gleaner's search step by step.
     */
    public static Query withFreshness(Query matching, Instant now) {
        return new FreshnessBoost(
                matching,
                ArticleFields.PUBLISHED,
                SearchTuning.FRESHNESS_WEIGHT,
                now.toEpochMilli(),
                SearchTuning.FRESHNESS_HALF_LIFE.toMillis());
    }

    /**
     * Articles like the given one ("more like this"): its most distinctive words, searched in the
     * other stories; copies of the same story are left out.
     *
     * @throws QueryException when no document has that key
     */
    public SearchResults similar(String documentKey, int limit) throws QueryException {
        if (limit < 1 || limit > SearchTuning.MAX_LIMIT) {
            throw new QueryException("limit must be between 1 and " + SearchTuning.MAX_LIMIT, -1);
        }
        SearcherManager manager = index.searchers();
        Query like;
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                TopDocs found = searcher.search(new TermQuery(new Term(ArticleFields.KEY, documentKey)), 1);
                if (found.scoreDocs.length == 0) {
                    throw new QueryException("no article with key '" + documentKey + "'", -1);
                }
                Document source = searcher.storedFields().document(found.scoreDocs[0].doc);
                MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
                mlt.setAnalyzer(Analyzers.forLanguage(source.get(ArticleFields.LANGUAGE)));
                mlt.setFieldNames(
                        new String[] {ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT, ArticleFields.ENTRY_TEXT});
                mlt.setMinTermFreq(1);
                mlt.setMinDocFreq(SearchTuning.SIMILAR_MIN_DOC_FREQ);
                mlt.setMaxQueryTerms(SearchTuning.SIMILAR_QUERY_TERMS);
                mlt.setBoost(true);
                mlt.setStopWords(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                Map<String, Collection<Object>> fields = new LinkedHashMap<>();
                for (String field : mlt.getFieldNames()) {
                    String value = source.get(field);
                    if (value != null) {
                        fields.put(field, List.of(value));
                    }
                }
                like = new BooleanQuery.Builder()
                        .add(requireShared(mlt.like(fields)), Occur.MUST)
                        .add(
                                new TermQuery(new Term(
                                        ArticleFields.STORY,
                                        Objects.requireNonNullElse(source.get(ArticleFields.STORY), documentKey))),
                                Occur.MUST_NOT)
                        .add(new TermQuery(new Term(ArticleFields.KEY, documentKey)), Occur.MUST_NOT)
                        .build();
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run(new Plan(like, like, null, SearchRequest.Sort.RELEVANCE, limit, false, 0), null);
    }

    /** An article is similar when it shares several distinctive words, not just one. */
    private static Query requireShared(Query like) {
        if (!(like instanceof BooleanQuery terms)) {
            return like;
        }
        int shared = Math.max(1, Math.round(terms.clauses().size() * SearchTuning.SIMILAR_MIN_SHARED));
        BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(shared);
        terms.clauses().forEach(builder::add);
        return builder.build();
    }

    /** The analyses the indexed documents were given, so queries skip the forms no document has. */
    private record Analyses(IndexReader reader, Set<String> names) {}

    private volatile @Nullable Analyses analyses;

    @SuppressWarnings("ReferenceEquality") // a reader is a point-in-time view: identity is the point
    private Set<String> analysesInIndex() {
        SearcherManager manager = index.searchers();
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                IndexReader reader = searcher.getIndexReader();
                Analyses current = analyses;
                if (current != null && current.reader() == reader) {
                    return current.names();
                }
                // documents without a language are analysed as English
                Set<String> names = new HashSet<>(Set.of(Analyzers.analysisFor(null)));
                Terms languages = MultiTerms.getTerms(reader, ArticleFields.LANGUAGE);
                if (languages != null) {
                    TermsEnum terms = languages.iterator();
                    for (BytesRef term = terms.next(); term != null; term = terms.next()) {
                        names.add(Analyzers.analysisFor(term.utf8ToString()));
                    }
                }
                analyses = new Analyses(reader, Set.copyOf(names));
                return names;
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a document with this key is in the index (for a 404 before asking for similar ones). */
    public boolean contains(String documentKey) {
        SearcherManager manager = index.searchers();
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                return searcher.count(new TermQuery(new Term(ArticleFields.KEY, documentKey))) > 0;
            } finally {
                manager.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable Sort sortFor(SearchRequest.Sort sort) {
        return switch (sort) {
            case RELEVANCE -> null;
            case NEWEST -> {
                SortField field = LongField.newSortField(ArticleFields.PUBLISHED, true, SortedNumericSelector.Type.MIN);
                field.setMissingValue(Long.MIN_VALUE);
                yield new Sort(field);
            }
            case OLDEST -> {
                SortField field =
                        LongField.newSortField(ArticleFields.PUBLISHED, false, SortedNumericSelector.Type.MIN);
                field.setMissingValue(Long.MAX_VALUE);
                yield new Sort(field);
            }
        };
    }

    /**
     * One search to run: the query defining the matches (ranked, counted and faceted), the query to
     * highlight, the time the recency bonus counts back from (null: no bonus), order, page size,
     * facets.
     */
    private record Plan(
            Query matching,
            Query highlighted,
            @Nullable Instant freshFrom,
            SearchRequest.Sort order,
            int limit,
            boolean facets,
            int fingerprint) {
        @Nullable
        Sort sort() {
            return sortFor(order);
        }
    }

    private SearchResults run(Plan plan, @Nullable ScoreDoc after) throws QueryException {
        SearcherManager manager = index.searchers();
        try {
            IndexSearcher searcher = manager.acquire();
            try {
                return run(searcher, plan, after);
            } finally {
                manager.release(searcher);
            }
        } catch (ExpansionLimit.TooBroad e) {
            throw e.queryException();
        } catch (IndexSearcher.TooManyClauses e) {
            throw new QueryException("the query expands to too many words: make it more specific", -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResults run(IndexSearcher searcher, Plan plan, @Nullable ScoreDoc start) throws IOException {
        int batch = plan.limit() + SearchTuning.COLLAPSE_OVERFETCH;
        StoredFields stored = searcher.storedFields();
        List<ScoreDoc> chosen = new ArrayList<>();
        List<List<String>> otherSources = new ArrayList<>();
        Set<String> seenStories = new HashSet<>();
        // each word looked up in every segment once, for ranking, the "10,000+" bound and the facets
        Query matching = TermLookups.lookedUp(searcher, searcher.rewrite(plan.matching()));
        // the recency bonus is added around the text query rather than as a boolean clause beside it,
        // so that the text query keeps its score-based pruning (see FreshnessBoost)
        Instant freshFrom = plan.freshFrom();
        Query ranked = freshFrom == null ? matching : withFreshness(matching, freshFrom);
        // one Weight for every read of this page and for ranking the copies of stories
        Weight weight = searcher.createWeight(
                searcher.rewrite(ranked),
                topCollector(plan.sort(), batch, null, SearchTuning.RANKING_COUNT_LIMIT)
                        .newCollector()
                        .scoreMode(),
                1f);
        // The exact total to 10,000 comes from one of: term statistics that already show "10,000+";
        // the facet pass, which visits every match anyway; the words' postings, for a query of
        // alternative words; else the ranking pass itself (one pass over the matches instead of a
        // ranking pass and a counting pass). Only in the last case must ranking score every match.
        long bound = plan.facets()
                ? 0
                : MatchBound.atLeast(searcher.getIndexReader(), matching, SearchTuning.EXACT_TOTAL_LIMIT);
        boolean countedElsewhere = plan.facets() || bound >= SearchTuning.EXACT_TOTAL_LIMIT;
        long wordCount = countedElsewhere ? -1 : WordCount.count(searcher, matching);
        int countWhileRanking = countedElsewhere
                ? SearchTuning.RANKING_COUNT_LIMIT
                : wordCount >= 0 ? batch : SearchTuning.EXACT_TOTAL_LIMIT;
        StoryCopies storyCopies = new StoryCopies(weight, plan.order(), sharedStories, searcher.getIndexReader());
        ScoreDoc after = start;
        ScoreDoc lastConsumed = null;
        boolean more = false;
        TopDocs first = null;
        reading:
        for (int round = 0; round < SearchTuning.COLLAPSE_MAX_ROUNDS; round++) {
            TopDocs read = collect(
                    searcher,
                    weight,
                    plan.sort() == null && after == null ? new CountingBar(batch) : null,
                    topCollector(
                            plan.sort(),
                            batch,
                            after,
                            first == null ? countWhileRanking : SearchTuning.RANKING_COUNT_LIMIT));
            if (first == null) {
                first = read;
            }
            for (ScoreDoc hit : read.scoreDocs) {
                if (chosen.size() == plan.limit()) {
                    more = true;
                    break reading;
                }
                lastConsumed = hit;
                String story = story(searcher, hit.doc);
                if (!seenStories.add(story)) {
                    continue;
                }
                List<String> others = new ArrayList<>();
                List<StoryCopies.Ranked> copies = storyCopies.matching(story);
                boolean listed = copies.stream().anyMatch(copy -> copy.doc() == hit.doc);
                if (listed && copies.get(0).doc() != hit.doc) {
                    continue; // a better-ranked copy of this story represents it (on this page or before)
                }
                for (StoryCopies.Ranked copy : copies) {
                    if (others.size() == SearchTuning.MAX_OTHER_SOURCES) {
                        break;
                    }
                    String url = copy.doc() == hit.doc
                            ? null
                            : stored.document(copy.doc(), URL_FIELDS).get(ArticleFields.URL);
                    if (url != null && !others.contains(url)) {
                        others.add(url);
                    }
                }
                chosen.add(hit);
                otherSources.add(others);
            }
            if (read.scoreDocs.length < batch) {
                break;
            }
            after = read.scoreDocs[read.scoreDocs.length - 1];
            if (round == SearchTuning.COLLAPSE_MAX_ROUNDS - 1) {
                more = true;
            }
        }
        TopDocs firstRead = Objects.requireNonNull(first);
        int[] docIds = chosen.stream().mapToInt(hit -> hit.doc).toArray();
        Map<Integer, Document> loaded = new HashMap<>();
        for (int doc : docIds) {
            loaded.put(doc, stored.document(doc, HIT_FIELDS));
        }
        Snippets.Highlight[] highlights = Snippets.highlight(searcher, plan.highlighted(), docIds, loaded);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            hits.add(hit(
                    Objects.requireNonNull(loaded.get(docIds[i])), chosen.get(i), highlights[i], otherSources.get(i)));
        }
        TotalHits total = firstRead.totalHits;
        Map<String, List<FacetCount>> facetCounts = Map.of();
        long counted = total.value;
        boolean exact = total.relation == TotalHits.Relation.EQUAL_TO;
        if (plan.facets()) {
            // every match is visited for the facets anyway, without scores, in a pass of its own: ranking
            // keeps skipping non-competitive documents, and the facet pass gives the exact total
            Facets.Counted matches = facets.count(searcher, matching, clock.instant());
            facetCounts = matches.facets();
            counted = matches.matches();
            exact = true;
        } else if (wordCount >= 0) {
            counted = wordCount;
            exact = true;
        } else if (!exact) {
            // ranking counted to the exact limit, or stopped counting early because term statistics
            // already show "10,000+"
            counted = Math.max(counted, bound);
        }
        boolean lowerBound =
                counted >= SearchTuning.EXACT_TOTAL_LIMIT && (counted > SearchTuning.EXACT_TOTAL_LIMIT || !exact);
        return new SearchResults(
                lowerBound ? SearchTuning.EXACT_TOTAL_LIMIT : counted,
                lowerBound,
                hits,
                more ? Cursor.next(lastConsumed, plan.fingerprint()) : null,
                facetCounts);
    }

    /** For tests: how many index segments' facet columns are held. */
    int segmentsWithFacetColumns() {
        return facets.segmentsHeld();
    }

    /** The story id from doc values: cheaper than decompressing a stored-fields block per hit. */
    private static String story(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        SortedDocValues stories = DocValues.getSorted(leaf.reader(), ArticleFields.STORY);
        if (!stories.advanceExact(doc - leaf.docBase)) {
            return "";
        }
        return stories.lookupOrd(stories.ordValue()).utf8ToString();
    }

    private static CollectorManager<? extends Collector, ? extends TopDocs> topCollector(
            @Nullable Sort sort, int count, @Nullable ScoreDoc after, int countLimit) {
        // one collector per manager, filled on this thread (see collect): without the shared, thread-safe
        // hit counting and score accumulator that concurrent search needs
        return sort == null
                ? new TopScoreDocCollectorManager(count, after, countLimit, false)
                : new TopFieldCollectorManager(sort, count, (FieldDoc) after, countLimit, false);
    }

    /**
     * What {@link IndexSearcher#search(Query, CollectorManager)} does on a searcher without an executor,
     * with a Weight built beforehand.
     */
    private static <C extends Collector, T> T collect(
            IndexSearcher searcher, Weight weight, @Nullable CountingBar bar, CollectorManager<C, T> manager)
            throws IOException {
        C collector = manager.newCollector();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            LeafCollector leafCollector;
            try {
                leafCollector = collector.getLeafCollector(leaf);
            } catch (CollectionTerminatedException e) {
                continue;
            }
            if (bar != null) {
                leafCollector = bar.watch(leafCollector);
            }
            BulkScorer scorer = weight.bulkScorer(leaf);
            if (scorer != null) {
                try {
                    scorer.score(leafCollector, leaf.reader().getLiveDocs());
                } catch (CollectionTerminatedException e) {
                    // the collector has seen enough of this segment
                }
            }
            leafCollector.finish();
        }
        return manager.reduce(List.of(collector));
    }

    private static SearchHit hit(Document doc, ScoreDoc scored, Snippets.Highlight highlight, List<String> others) {
        String title = Objects.requireNonNullElse(doc.get(ArticleFields.TITLE), "");
        IndexableField published = doc.getField(ArticleFields.PUBLISHED);
        List<String> feeds = new ArrayList<>();
        for (IndexableField feed : doc.getFields(ArticleFields.FEED)) {
            feeds.add(feed.stringValue());
        }
        String titleHtml = highlight.titleHtml();
        String snippet = highlight.snippetHtml();
        return new SearchHit(
                Objects.requireNonNullElse(doc.get(ArticleFields.KEY), ""),
                title,
                titleHtml != null ? titleHtml : Snippets.escape(title),
                Objects.requireNonNullElse(doc.get(ArticleFields.URL), ""),
                doc.get(ArticleFields.SITE),
                feeds,
                published == null
                        ? null
                        : Instant.ofEpochMilli(published.numericValue().longValue()),
                snippet != null ? snippet : "",
                Float.isNaN(scored.score) ? 0f : scored.score,
                others);
    }
}
