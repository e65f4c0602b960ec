package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.gleaner.index.ArticleFields;

/**
 * A lower bound on how many live documents a query matches, read from term statistics alone. When a
 * single word already occurs in more documents than the exact-count limit, the total is "10,000+"
 * without counting anything: that is the common case for an everyday word in a large index, where
 * counting would cost as much as the search. Queries it cannot bound (conjunctions, phrases,
 * exclusions) get 0, and are counted.
 */
final class MatchBound {
    private MatchBound() {}

    /**
     * At least this many live documents match {@code query}; 0 when nothing cheap is known. Stops
     * looking once {@code enough} is reached (each term looked up costs a seek per segment).
     */
    static long atLeast(IndexReader reader, Query query, long enough) throws IOException {
        if (query instanceof TermQuery term) {
            return live(reader, term.getTerm());
        }
        if (query instanceof BoostQuery boost) {
            return atLeast(reader, boost.getQuery(), enough);
        }
        if (query instanceof ConstantScoreQuery constant) {
            return atLeast(reader, constant.getQuery(), enough);
        }
        if (query instanceof SynonymQuery synonyms) {
            long best = 0;
            for (Term term : synonyms.getTerms()) {
                best = Math.max(best, live(reader, term));
                if (best >= enough) {
                    break;
                }
            }
            return best;
        }
        if (query instanceof DisjunctionMaxQuery dismax) {
            return best(reader, dismax.getDisjuncts(), enough);
        }
        if (query instanceof BooleanQuery bool) {
            return atLeast(reader, bool, enough);
        }
        return 0;
    }

    /** The largest bound among alternatives, trying the largest fields (article text) first. */
    private static long best(IndexReader reader, Collection<Query> alternatives, long enough) throws IOException {
        List<Query> ordered = new ArrayList<>(alternatives);
        ordered.sort(Comparator.comparing(q -> !QueryLanguage.mentions(q, ArticleFields.ARTICLE_TEXT)));
        long best = 0;
        for (Query alternative : ordered) {
            best = Math.max(best, atLeast(reader, alternative, enough));
            if (best >= enough) {
                break;
            }
        }
        return best;
    }

    private static long atLeast(IndexReader reader, BooleanQuery bool, long enough) throws IOException {
        Query required = null;
        int requiredCount = 0;
        List<Query> optional = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> {
                    required = clause.getQuery();
                    requiredCount++;
                }
                case SHOULD -> optional.add(clause.getQuery());
                case MUST_NOT -> {
                    return 0;
                }
            }
        }
        if (requiredCount == 1 && required != null) {
            // optional clauses beside a required one only change scores (unless a minimum is set)
            return bool.getMinimumNumberShouldMatch() > 0 ? 0 : atLeast(reader, required, enough);
        }
        if (requiredCount == 0 && bool.getMinimumNumberShouldMatch() <= 1) {
            return best(reader, optional, enough);
        }
        return 0;
    }

    /** Documents holding the term, less every deleted document (some may have held it). */
    private static long live(IndexReader reader, Term term) throws IOException {
        return Math.max(0, reader.docFreq(term) - (long) reader.numDeletedDocs());
    }
}
