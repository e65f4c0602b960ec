package org.gleaner.search;

import java.io.IOException;
import java.util.Collection;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/** Counts matches without scoring them and stops at a cap: exact totals up to the cap, cheaply. */
final class CappedCount implements CollectorManager<CappedCount.Counter, Integer> {
    private final int cap;

    private CappedCount(int cap) {
        this.cap = cap;
    }

    /** The number of matches, or {@code cap} when there are at least that many. */
    static int count(IndexSearcher searcher, Query query, int cap) throws IOException {
        return searcher.search(query, new CappedCount(cap));
    }

    @Override
    public Counter newCollector() {
        return new Counter(cap);
    }

    @Override
    public Integer reduce(Collection<Counter> counters) {
        long total = 0;
        for (Counter counter : counters) {
            total += counter.count;
        }
        return (int) Math.min(cap, total);
    }

    static final class Counter implements Collector {
        private final int cap;
        private int count;

        Counter(int cap) {
            this.cap = cap;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) {
            if (count >= cap) {
                throw new CollectionTerminatedException();
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) {
                    if (++count >= cap) {
                        throw new CollectionTerminatedException();
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
