package org.gleaner.search;

import java.io.IOException;
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

/**
 * A lower bound on how many live documents a query matches, read from term statistics alone. When a
 * single word already occurs in more documents than the exact-count limit, the total is "10,000+"
 * without counting anything: that is the common case for an everyday word in a large index, where
 * counting would cost as much as the search. Queries it cannot bound (conjunctions, phrases,
 * exclusions) get 0, and are counted.
 */
final class MatchBound {
    private MatchBound() {}

    /** At least this many live documents match {@code query}; 0 when nothing cheap is known. */
    static long atLeast(IndexReader reader, Query query) throws IOException {
        if (query instanceof TermQuery term) {
            return live(reader, term.getTerm());
        }
        if (query instanceof BoostQuery boost) {
            return atLeast(reader, boost.getQuery());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return atLeast(reader, constant.getQuery());
        }
        if (query instanceof SynonymQuery synonyms) {
            long best = 0;
            for (Term term : synonyms.getTerms()) {
                best = Math.max(best, live(reader, term));
            }
            return best;
        }
        if (query instanceof DisjunctionMaxQuery dismax) {
            long best = 0;
            for (Query disjunct : dismax.getDisjuncts()) {
                best = Math.max(best, atLeast(reader, disjunct));
            }
            return best;
        }
        if (query instanceof BooleanQuery bool) {
            return atLeast(reader, bool);
        }
        return 0;
    }

    private static long atLeast(IndexReader reader, BooleanQuery bool) throws IOException {
        Query required = null;
        int requiredCount = 0;
        long bestOptional = 0;
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> {
                    required = clause.getQuery();
                    requiredCount++;
                }
                case SHOULD -> bestOptional = Math.max(bestOptional, atLeast(reader, clause.getQuery()));
                case MUST_NOT -> {
                    return 0;
                }
            }
        }
        if (requiredCount == 1 && required != null) {
            // optional clauses beside a required one only change scores (unless a minimum is set)
            return bool.getMinimumNumberShouldMatch() > 0 ? 0 : atLeast(reader, required);
        }
        if (requiredCount == 0 && bool.getMinimumNumberShouldMatch() <= 1) {
            return bestOptional;
        }
        return 0;
    }

    /** Documents holding the term, less every deleted document (some may have held it). */
    private static long live(IndexReader reader, Term term) throws IOException {
        return Math.max(0, reader.docFreq(term) - (long) reader.numDeletedDocs());
    }
}
