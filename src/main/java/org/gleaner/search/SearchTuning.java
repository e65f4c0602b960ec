package org.gleaner.search;

import java.time.Duration;

/** The search heuristics in one table: every number that shapes ranking, limits and results. */
public final class SearchTuning {
    /** A word in the title says more about the story than one in its body. */
    public static final float TITLE_BOOST = 3.0f;
    /** The entry text is the blogger's own framing of the story: a little above the article body. */
    public static final float ENTRY_BOOST = 1.5f;
    /** The article body is the baseline. */
    public static final float ARTICLE_BOOST = 1.0f;
    /** A word found in several fields counts a little more than in its best field alone. */
    public static final float FIELD_TIE_BREAKER = 0.3f;

    /**
     * Recency bonus added to the relevance score (at most this much, for an article published now):
     * mild next to BM25 scores of a few points per matched word, so it orders near-equal hits.
     */
    public static final float FRESHNESS_WEIGHT = 1.0f;
    /** Age at which the recency bonus has halved: news goes stale in days, not months. */
    public static final Duration FRESHNESS_HALF_LIFE = Duration.ofDays(7);

    /** Totals are counted exactly up to here, then reported as a lower bound ("10,000+"). */
    public static final int EXACT_TOTAL_LIMIT = 10_000;
    /**
     * Matches counted while ranking before Lucene may skip non-competitive documents (block-max
     * WAND), when the total is known otherwise: term statistics show "10,000+", or the facet pass
     * counts every match. Else ranking counts to {@link #EXACT_TOTAL_LIMIT} before it skips.
     */
    public static final int RANKING_COUNT_LIMIT = 1_000;
    /** The largest page; deeper reading uses the cursor. */
    public static final int MAX_LIMIT = 100;

    /** A prefix matching more index words than this is refused: it would be a slow, useless scan. */
    public static final int MAX_PREFIX_EXPANSIONS = 1_024;
    /** Letters needed before '*': one letter always expands to too many words. */
    public static final int MIN_PREFIX_LENGTH = 2;
    /** Letters a fuzzy word must have: shorter words are within two edits of almost anything. */
    public static final int MIN_FUZZY_LENGTH = 3;
    /** Leading characters a fuzzy match must share: keeps fuzzy matching fast on a large index. */
    public static final int FUZZY_PREFIX_LENGTH = 1;
    /** Similar index words a fuzzy word may expand to (the best-scoring ones are kept). */
    public static final int FUZZY_MAX_EXPANSIONS = 50;
    /** The largest "near" distance: more than a paragraph is no longer near. */
    public static final int MAX_SLOP = 50;
    /** Longer queries are pasted text, not searches. */
    public static final int MAX_QUERY_LENGTH = 1_000;
    /** Words, phrases and filters per query: bounds the work one request can cause. */
    public static final int MAX_QUERY_TERMS = 64;
    /** Parenthesis nesting depth: bounds parser recursion. */
    public static final int MAX_NESTING = 16;

    /** Values listed per facet dimension. */
    public static final int FACET_VALUES = 20;
    /** Publication date facet: one bucket per day for this many recent days, then one per month. */
    public static final int FACET_RECENT_DAYS = 30;

    /** Other copies of a story listed with its hit. */
    public static final int MAX_OTHER_SOURCES = 20;
    /** Ranked documents read per page beyond the limit, so collapsed copies rarely need a second read. */
    public static final int COLLAPSE_OVERFETCH = 10;
    /** Reads per page before giving up filling it (a page of many copies of few stories). */
    public static final int COLLAPSE_MAX_ROUNDS = 5;

    /** Snippet passage length goal in characters: two lines of a result list. */
    public static final int SNIPPET_LENGTH = 160;
    /** Passages joined with an ellipsis in one snippet. */
    public static final int SNIPPET_PASSAGES = 2;

    /** Distinctive words taken from an article to find similar ones. */
    public static final int SIMILAR_QUERY_TERMS = 25;
    /** A word must appear in at least this many articles to say anything about similarity. */
    public static final int SIMILAR_MIN_DOC_FREQ = 2;

    /** Fraction of those words a similar article must share: one shared word is a coincidence. */
    public static final float SIMILAR_MIN_SHARED = 0.2f;

    private SearchTuning() {}
}
