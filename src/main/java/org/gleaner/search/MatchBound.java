package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
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
 * counting would cost as much as the search. Conjunctions of very frequent words are bounded by how
 * much their sets must overlap. Queries it cannot bound (phrases, exclusions, rarer conjunctions) get
 * 0, and are counted.
 */
final class MatchBound {
    private MatchBound() {}

    /**
     * At least this many live documents match {@code query}; 0 when nothing cheap is known. Stops
     * looking once {@code enough} is reached (each term looked up costs a seek per segment).
     */
    static long atLeast(IndexReader reader, Query query, long enough) throws IOException {
        if (query instanceof TermQuery term) {
            // a word already looked up (TermLookups) carries its document frequency
            TermStates states = term.getTermStates();
            return states != null ? live(reader, states.docFreq()) : live(reader, reader.docFreq(term.getTerm()));
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
                best = Math.max(best, live(reader, reader.docFreq(term)));
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
        List<Query> required = new ArrayList<>();
        List<Query> optional = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> required.add(clause.getQuery());
                case SHOULD -> optional.add(clause.getQuery());
                case MUST_NOT -> {
                    return 0;
                }
            }
        }
        if (bool.getMinimumNumberShouldMatch() > (required.isEmpty() ? 1 : 0)) {
            return 0;
        }
        if (required.isEmpty()) {
            return best(reader, optional, enough);
        }
        if (required.size() == 1) {
            // optional clauses beside a required one only change scores
            return atLeast(reader, required.get(0), enough);
        }
        // Words so frequent that their sets must overlap: k sets within N documents share at least
        // the sum of their sizes less (k - 1) N (everyday words in a large index often do).
        long documents = reader.numDocs();
        long slack = (required.size() - 1) * documents;
        long sum = 0;
        for (Query clause : required) {
            long bound = atLeast(reader, clause, enough + slack);
            if (bound <= slack / required.size()) {
                return 0; // this clause is too rare for the sets to be forced to overlap
            }
            sum += bound;
        }
        return Math.max(0, sum - slack);
    }

    /** Documents holding a term, less every deleted document (some may have held it). */
    private static long live(IndexReader reader, int docFreq) {
        return Math.max(0, docFreq - (long) reader.numDeletedDocs());
    }
}
