package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Looks each word of a rewritten query up in every index segment once per search. A search needs a
 * word's per-segment postings and statistics three times: to rank, to bound the total from its
 * document frequency ({@link MatchBound}), and to count facets over the matches. Left to Lucene, each
 * would seek the word in every segment again (at a million articles, dozens of segments times three
 * fields per word). Here the word queries carry their looked-up {@link TermStates}, which
 * {@link TermQuery} reuses when it builds a weight on the same searcher.
 */
final class TermLookups {
    private final IndexSearcher searcher;
    private final Map<Term, TermStates> looked = new HashMap<>();

    private TermLookups(IndexSearcher searcher) {
        this.searcher = searcher;
    }

    /**
     * The query with every word in it (in boolean, disjunction-max, boost and constant-score queries)
     * looked up on {@code searcher}; other queries (phrases, ranges) are left as they are.
     */
    static Query lookedUp(IndexSearcher searcher, Query rewritten) throws IOException {
        return new TermLookups(searcher).resolve(rewritten);
    }

    private Query resolve(Query query) throws IOException {
        if (query instanceof TermQuery word) {
            return word.getTermStates() != null ? word : new TermQuery(word.getTerm(), states(word.getTerm()));
        }
        if (query instanceof BoostQuery boosted) {
            return new BoostQuery(resolve(boosted.getQuery()), boosted.getBoost());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return new ConstantScoreQuery(resolve(constant.getQuery()));
        }
        if (query instanceof DisjunctionMaxQuery fields) {
            List<Query> disjuncts = new ArrayList<>();
            for (Query disjunct : fields.getDisjuncts()) {
                disjuncts.add(resolve(disjunct));
            }
            return new DisjunctionMaxQuery(disjuncts, fields.getTieBreakerMultiplier());
        }
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder builder =
                    new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                builder.add(resolve(clause.getQuery()), clause.getOccur());
            }
            return builder.build();
        }
        return query;
    }

    private TermStates states(Term term) throws IOException {
        TermStates states = looked.get(term);
        if (states == null) {
            // with statistics: the ranking weight needs them, and MatchBound reads the document frequency
            states = TermStates.build(searcher, term, true);
            looked.put(term, states);
        }
        return states;
    }
}
