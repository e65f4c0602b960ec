package org.gleaner.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.util.LongHeap;
import org.apache.lucene.util.NumericUtils;
import org.jspecify.annotations.Nullable;

/**
 * The score a match must beat to enter the first page while ranking still counts every match: the k-th best
 * score the collector has been given so far.
 *
 * <p>Why: Lucene's top-docs collector tells the scorer its bar only once it has counted enough matches to stop
 * counting; until then every match is scored in full. Counting the exact total to 10,000 means that whole
 * stretch. A scorer that knows this bar may hand the collector a cheaper score for a match that cannot reach it
 * (the recency bonus is not read: see {@link Target}), while the match is still collected and counted.
 *
 * <p>Only for the first page of a relevance-sorted search: with a cursor, the collector drops matches ranked
 * before the cursor, so the best scores seen would not be the page's.
 */
final class CountingBar {
    /** A scorer that may return a lower score for a match below the bar (still below the bar). */
    interface Target {
        void setCountingBar(float bar);
    }

    /** The {@code k} best scores so far as sortable ints, least on top: the k-th best once full. */
    private final LongHeap best;

    private final int k;

    CountingBar(int k) {
        this.best = new LongHeap(k);
        this.k = k;
    }

    /** The k-th best score so far, or 0 before k matches were scored. */
    float bar() {
        return best.size() < k ? 0f : NumericUtils.sortableIntToFloat((int) best.top());
    }

    void offer(float score) {
        best.insertWithOverflow(NumericUtils.floatToSortableInt(score));
    }

    /** The collector of one segment, its scores watched and the bar passed to the scorer before each. */
    LeafCollector watch(LeafCollector collector) {
        return new FilterLeafCollector(collector) {
            @Override
            public void setScorer(Scorable scorer) throws IOException {
                in.setScorer(scorer instanceof Target target ? new Watched(scorer, target) : scorer);
            }

            @Override
            public @Nullable DocIdSetIterator competitiveIterator() throws IOException {
                return in.competitiveIterator(); // FilterLeafCollector would hide it
            }
        };
    }

    private final class Watched extends Scorable {
        private final Scorable in;
        private final Target target;

        Watched(Scorable in, Target target) {
            this.in = in;
            this.target = target;
        }

        @Override
        public float score() throws IOException {
            target.setCountingBar(bar());
            float score = in.score();
            offer(score);
            return score;
        }

        @Override
        public int docID() {
            return in.docID();
        }

        @Override
        public void setMinCompetitiveScore(float minScore) throws IOException {
            in.setMinCompetitiveScore(minScore);
        }

        @Override
        public Collection<ChildScorable> getChildren() throws IOException {
            return in.getChildren();
        }
    }
}
