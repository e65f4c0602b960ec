package org.gleaner.alert;

import java.io.IOException;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.CandidateMatcher;
import org.apache.lucene.monitor.MatcherFactory;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;

/**
 * Decides whether each candidate query matches the document being matched, like lucene-monitor's
 * {@code QueryMatch.SIMPLE_MATCHER}, at a fraction of the cost per candidate.
 *
 * <p>The stock matcher runs a full search per candidate: a bulk scorer (for a disjunction, a window
 * of 2,048 buckets allocated each time), a collector, and the searcher's shared query cache with its
 * lock. The document batch holds one document, so this matcher asks the query's scorer whether it
 * reaches that document and confirms two-phase matches (phrases) — the same answer, which the
 * benchmark checks against the bare monitor and the tests against search.
 */
final class DocumentMatcher extends CandidateMatcher<QueryMatch> {
    static final MatcherFactory<QueryMatch> FACTORY = DocumentMatcher::new;

    private DocumentMatcher(IndexSearcher searcher) {
        super(searcher);
        // One document: nothing is worth caching, and the default cache is shared across threads.
        searcher.setQueryCache(null);
    }

    @Override
    protected void matchQuery(String queryId, Query matchQuery, Map<String, String> metadata) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(matchQuery), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
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

    @Override
    public QueryMatch resolve(QueryMatch first, QueryMatch second) {
        return first;
    }
}
