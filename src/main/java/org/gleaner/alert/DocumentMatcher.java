package org.gleaner.alert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether each candidate query matches the document being matched, like lucene-monitor's
 * {@code QueryMatch.SIMPLE_MATCHER}, at a fraction of the cost per candidate.
 *
 * <p>The stock matcher runs a full search per candidate: a rewrite of the whole query, a weight for
 * every clause (each looking its terms up), a bulk scorer and a collector. The batch holds one
 * document, so matching is a question about that document: a term matches when the document has it,
 * and boolean, max-disjunction, boost and synonym queries combine their parts by Lucene's rules. Only
 * the parts that need positions or expansion (phrases, prefixes, ranges) are asked of their own
 * scorer, with two-phase matches confirmed. The answer is the stock matcher's: a test compares them,
 * the benchmark checks its matches against the bare monitor, and the alert tests against search.
 */
final class DocumentMatcher extends CandidateMatcher<QueryMatch> {
    static final MatcherFactory<QueryMatch> FACTORY = DocumentMatcher::new;

    /** The document's terms by field (null: the document has no such field), opened as queries ask. */
    private final Map<String, @Nullable TermsEnum> termsEnums = new HashMap<>();

    private DocumentMatcher(IndexSearcher searcher) {
        super(searcher);
        // One document: nothing is worth caching, and the default cache is shared across threads.
        searcher.setQueryCache(null);
    }

    @Override
    protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        if (leaves.size() == 1 && leaves.get(0).reader().maxDoc() == 1) {
            if (matches(matchQuery)) {
                addMatch(new QueryMatch(queryId), 0);
            }
            return;
        }
        Weight weight = searcher.createWeight(searcher.rewrite(matchQuery), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : leaves) {
            ScorerSupplier supplier = weight.scorerSupplier(leaf);
            if (supplier == null) {
                continue;
            }
            Bits live = leaf.reader().getLiveDocs();
            Scorer scorer = supplier.get(leaf.reader().maxDoc());
            TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
            DocIdSetIterator docs = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if ((live == null || live.get(doc)) && (twoPhase == null || twoPhase.matches())) {
                    addMatch(new QueryMatch(queryId), leaf.docBase + doc);
                }
            }
        }
    }

    /**
     * Whether the one document matches {@code query}. Boolean structure and plain terms are decided
     * here (a term matches when the document has it); any other query (phrases, prefixes, ranges) is
     * asked of its own scorer, as the whole query was before.
     */
    private boolean matches(Query query) throws IOException {
        if (query instanceof TermQuery term) {
            return hasTerm(term.getTerm());
        }
        if (query instanceof SynonymQuery synonyms) {
            for (Term term : synonyms.getTerms()) {
                if (hasTerm(term)) {
                    return true;
                }
            }
            return false;
        }
        if (query instanceof BooleanQuery bool) {
            return matchesBoolean(bool);
        }
        if (query instanceof DisjunctionMaxQuery max) {
            for (Query disjunct : max.getDisjuncts()) {
                if (matches(disjunct)) {
                    return true;
                }
            }
            return false;
        }
        if (query instanceof BoostQuery boost) {
            return matches(boost.getQuery());
        }
        if (query instanceof ConstantScoreQuery constant) {
            return matches(constant.getQuery());
        }
        if (query instanceof MatchAllDocsQuery) {
            return true;
        }
        if (query instanceof MatchNoDocsQuery) {
            return false;
        }
        return matchesWithScorer(query);
    }

    /**
     * Lucene's boolean semantics for one document: every MUST and FILTER clause, no MUST_NOT clause,
     * and at least the minimum number of SHOULD clauses — one when nothing else is required.
     */
    private boolean matchesBoolean(BooleanQuery bool) throws IOException {
        int should = 0;
        int required = 0;
        List<Query> optional = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> required++;
                case SHOULD -> should++;
                case MUST_NOT -> {}
            }
        }
        int minShould = bool.getMinimumNumberShouldMatch();
        if (required == 0 && minShould == 0) {
            minShould = 1;
        }
        if (minShould > should) {
            return false;
        }
        // Cheap decisions first: a failed requirement or a present exclusion ends the test.
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST, FILTER -> {
                    if (!matches(clause.getQuery())) {
                        return false;
                    }
                }
                case MUST_NOT -> {
                    if (matches(clause.getQuery())) {
                        return false;
                    }
                }
                case SHOULD -> optional.add(clause.getQuery());
            }
        }
        int matched = 0;
        for (int i = 0; i < optional.size() && matched < minShould; i++) {
            if (matches(optional.get(i))) {
                matched++;
            }
        }
        return matched >= minShould;
    }

    private boolean hasTerm(Term term) throws IOException {
        TermsEnum terms = termsEnums.get(term.field());
        if (terms == null) {
            if (termsEnums.containsKey(term.field())) {
                return false;
            }
            Terms fieldTerms =
                    searcher.getIndexReader().leaves().get(0).reader().terms(term.field());
            terms = fieldTerms == null ? null : fieldTerms.iterator();
            termsEnums.put(term.field(), terms);
            if (terms == null) {
                return false;
            }
        }
        return terms.seekExact(term.bytes());
    }

    /** Whether the one document matches, asked of the query's own scorer (two-phase matches confirmed). */
    private boolean matchesWithScorer(Query query) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
        ScorerSupplier supplier = weight.scorerSupplier(leaf);
        if (supplier == null) {
            return false;
        }
        Scorer scorer = supplier.get(1);
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator docs = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
        return docs.nextDoc() == 0 && (twoPhase == null || twoPhase.matches());
    }

    @Override
    public QueryMatch resolve(QueryMatch first, QueryMatch second) {
        return first;
    }
}
