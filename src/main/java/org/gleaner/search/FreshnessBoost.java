package org.gleaner.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.NumericUtils;
import org.jspecify.annotations.Nullable;

/**
 * A query's matches, each scored as the query scores it plus a recency bonus of {@code weight ×
 * pivot / (pivot + |published − origin|)}: the same matches and the same scores as {@code inner} as a
 * MUST clause beside {@code LongField.newDistanceFeatureQuery} as a SHOULD clause.
 *
 * <p>Why not that boolean query: its required clause is never told the minimum competitive score (the
 * optional clause's score bound is a constant, so the boolean scorer only skips whole blocks itself),
 * and a boolean of two clauses loses the specialised bulk scorers Lucene has for a pure conjunction or
 * disjunction. Here the inner query is scored by its own bulk scorer and told the minimum competitive
 * score less the largest bonus any document of the segment can get (read from the segment's point
 * range), so block-max pruning works in it almost as in the bare query.
 */
final class FreshnessBoost extends Query {
    private final Query inner;
    private final String field;
    private final float weight;
    private final long origin;
    private final long pivot;

    /**
     * @param field a {@code LongField} (points and sorted-numeric doc values)
     * @param weight the largest bonus, for a document at {@code origin}
     * @param pivot the distance from {@code origin} at which the bonus has halved; positive
     */
    FreshnessBoost(Query inner, String field, float weight, long origin, long pivot) {
        if (pivot <= 0) {
            throw new IllegalArgumentException("pivot must be positive, got " + pivot);
        }
        this.inner = inner;
        this.field = field;
        this.weight = weight;
        this.origin = origin;
        this.pivot = pivot;
    }

    Query inner() {
        return inner;
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // Lucene's contract: an unchanged query is returned as itself
    public Query rewrite(IndexSearcher searcher) throws IOException {
        Query rewritten = inner.rewrite(searcher);
        return rewritten == inner ? this : new FreshnessBoost(rewritten, field, weight, origin, pivot);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        inner.visit(visitor.getSubVisitor(Occur.MUST, this));
    }

    @Override
    public String toString(String defaultField) {
        return "fresh(" + inner.toString(defaultField) + ", " + field + ", weight=" + weight + ", origin=" + origin
                + ", pivot=" + pivot + ")";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return sameClassAs(other)
                && other instanceof FreshnessBoost that
                && inner.equals(that.inner)
                && field.equals(that.field)
                && Float.compare(weight, that.weight) == 0
                && origin == that.origin
                && pivot == that.pivot;
    }

    @Override
    public int hashCode() {
        return 31 * classHash() + Objects.hash(inner, field, weight, origin, pivot);
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        if (scoreMode == ScoreMode.TOP_SCORES) {
            // words in several fields are ranked field by field where the query has that shape
            WordRanking words = WordRanking.of(searcher, inner, scoreMode, boost);
            if (words != null) {
                return new BoostWeight(searcher, scoreMode, boost, null, words);
            }
        }
        Weight innerWeight = searcher.createWeight(inner, scoreMode, boost);
        if (!scoreMode.needsScores()) {
            return innerWeight;
        }
        return new BoostWeight(searcher, scoreMode, boost, innerWeight, null);
    }

    /** The bonus of the documents of one segment, read from its doc values in increasing doc order. */
    private final class Bonus {
        private final LeafReaderContext leaf;
        private final float scale;
        /** No document of the segment gets more than this. */
        final float max;

        private @Nullable SortedNumericDocValues values;

        Bonus(LeafReaderContext leaf, float scale) throws IOException {
            this.leaf = leaf;
            this.scale = scale;
            PointValues points = leaf.reader().getPointValues(field);
            if (points == null || points.size() == 0) {
                // as the distance feature query: no points in the segment, no bonus for its documents
                this.max = 0f;
            } else {
                long min = NumericUtils.sortableBytesToLong(points.getMinPackedValue(), 0);
                long maxValue = NumericUtils.sortableBytesToLong(points.getMaxPackedValue(), 0);
                long closest = origin < min ? min : Math.min(origin, maxValue);
                this.max = bonus(distance(closest));
                this.values = DocValues.getSortedNumeric(leaf.reader(), field);
            }
        }

        float of(int doc) throws IOException {
            SortedNumericDocValues dv = values;
            if (dv == null) {
                return 0f;
            }
            if (dv.docID() > doc) {
                dv = DocValues.getSortedNumeric(leaf.reader(), field);
                values = dv;
            }
            if (!dv.advanceExact(doc)) {
                return 0f;
            }
            return bonus(distance(closestValue(dv)));
        }

        /**
         * The inner score a document needs so that, with at most {@link #max} added, it can still reach
         * {@code minScore}: rounded down, as the float sum may round up.
         */
        float innerMinimum(float minScore) {
            double bound = (double) minScore - max - Math.ulp(minScore);
            float lower = (float) bound;
            return lower > bound ? Math.nextDown(lower) : lower;
        }

        private float bonus(long distance) {
            return (float) (scale * (pivot / (pivot + (double) distance)));
        }
    }

    /** The distance as the distance feature query measures it: unsigned, at most Long.MAX_VALUE. */
    private long distance(long value) {
        long distance = Math.max(value, origin) - Math.min(value, origin);
        return distance < 0 ? Long.MAX_VALUE : distance;
    }

    /** Of several values, the one closest to the origin (as the distance feature query picks it). */
    private long closestValue(SortedNumericDocValues values) throws IOException {
        int count = values.docValueCount();
        long next = values.nextValue();
        if (count == 1 || next >= origin) {
            return next;
        }
        long previous = next;
        for (int i = 1; i < count; i++) {
            next = values.nextValue();
            if (next >= origin) {
                return Long.compareUnsigned(origin - previous, next - origin) < 0 ? previous : next;
            }
            previous = next;
        }
        return next;
    }

    private final class BoostWeight extends Weight {
        private final IndexSearcher searcher;
        private final ScoreMode scoreMode;
        private final float boost;
        private final float scale;
        /** The inner query's words and fields, when ranking can skip field by field. */
        private final @Nullable WordRanking words;

        private @Nullable Weight innerWeight;

        BoostWeight(
                IndexSearcher searcher,
                ScoreMode scoreMode,
                float boost,
                @Nullable Weight innerWeight,
                @Nullable WordRanking words) {
            super(FreshnessBoost.this);
            this.searcher = searcher;
            this.scoreMode = scoreMode;
            this.boost = boost;
            this.scale = weight * boost;
            this.innerWeight = innerWeight;
            this.words = words;
        }

        /** The inner query's own weight; built on first use when the fields are scored apart. */
        private Weight innerWeight() throws IOException {
            Weight built = innerWeight;
            if (built == null) {
                built = searcher.createWeight(inner, scoreMode, boost);
                innerWeight = built;
            }
            return built;
        }

        @Override
        public @Nullable Scorer scorer(LeafReaderContext context) throws IOException {
            if (words != null) {
                WordRanking.Segment segment = words.segment(context);
                return segment == null
                        ? null
                        : new BoostScorer(
                                this, new WordRanking.SegmentScorer(this, segment), new Bonus(context, scale));
            }
            Scorer scorer = innerWeight().scorer(context);
            return scorer == null ? null : new BoostScorer(this, scorer, new Bonus(context, scale));
        }

        @Override
        public @Nullable BulkScorer bulkScorer(LeafReaderContext context) throws IOException {
            if (words != null) {
                WordRanking.Segment segment = words.segment(context);
                return segment == null ? null : new WordsBulkScorer(segment, new Bonus(context, scale));
            }
            BulkScorer bulk = innerWeight().bulkScorer(context);
            if (bulk == null) {
                return null;
            }
            Bonus bonus = new Bonus(context, scale);
            return new BulkScorer() {
                @Override
                public int score(LeafCollector collector, @Nullable Bits acceptDocs, int min, int max)
                        throws IOException {
                    return bulk.score(new BonusCollector(collector, bonus), acceptDocs, min, max);
                }

                @Override
                public long cost() {
                    return bulk.cost();
                }
            };
        }

        @Override
        public int count(LeafReaderContext context) throws IOException {
            return innerWeight().count(context);
        }

        @Override
        public @Nullable Matches matches(LeafReaderContext context, int doc) throws IOException {
            return innerWeight().matches(context, doc);
        }

        @Override
        public Explanation explain(LeafReaderContext context, int doc) throws IOException {
            Explanation matched = innerWeight().explain(context, doc);
            if (!matched.isMatch()) {
                return matched;
            }
            float bonus = new Bonus(context, scale).of(doc);
            return Explanation.match(
                    matched.getValue().floatValue() + bonus,
                    "sum of:",
                    matched,
                    Explanation.match(bonus, "recency bonus on " + field));
        }

        @Override
        public boolean isCacheable(LeafReaderContext context) {
            return false;
        }
    }

    /** The inner scorer's matches with the bonus added; for reading single documents (story copies). */
    private static final class BoostScorer extends Scorer {
        private final Scorer in;
        private final Bonus bonus;

        BoostScorer(Weight weight, Scorer in, Bonus bonus) {
            super(weight);
            this.in = in;
            this.bonus = bonus;
        }

        @Override
        public int docID() {
            return in.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return in.iterator();
        }

        @Override
        public @Nullable TwoPhaseIterator twoPhaseIterator() {
            return in.twoPhaseIterator();
        }

        @Override
        public int advanceShallow(int target) throws IOException {
            return in.advanceShallow(target);
        }

        @Override
        public float getMaxScore(int upTo) throws IOException {
            return in.getMaxScore(upTo) + bonus.max;
        }

        @Override
        public float score() throws IOException {
            return in.score() + bonus.of(in.docID());
        }

        @Override
        public void setMinCompetitiveScore(float minScore) throws IOException {
            float needed = bonus.innerMinimum(minScore);
            if (needed > 0) {
                in.setMinCompetitiveScore(needed);
            }
        }

        @Override
        public Collection<ChildScorable> getChildren() {
            return List.of(new ChildScorable(in, "MUST"));
        }
    }

    /** Hands the collector scores with the bonus added, and passes its pruning threshold down. */
    private static final class BonusCollector implements LeafCollector {
        private final LeafCollector out;
        private final Bonus bonus;
        private final BonusScorable scorable;

        BonusCollector(LeafCollector out, Bonus bonus) {
            this.out = out;
            this.bonus = bonus;
            this.scorable = new BonusScorable(bonus);
        }

        @Override
        public void setScorer(Scorable scorer) throws IOException {
            scorable.in = scorer;
            out.setScorer(scorable);
        }

        @Override
        public void collect(int doc) throws IOException {
            scorable.doc = doc;
            out.collect(doc);
        }

        @Override
        public @Nullable DocIdSetIterator competitiveIterator() throws IOException {
            return out.competitiveIterator();
        }

        @Override
        public void finish() throws IOException {
            out.finish();
        }

        @Override
        public String toString() {
            return "BonusCollector(" + out + ", max " + bonus.max + ")";
        }
    }

    /**
     * The inner score plus the bonus, and the collector's bar passed down (less the largest bonus).
     * The bonus is read only for a document that may still compete.
     */
    private static final class BonusScorable extends Scorable implements CountingBar.Target {
        private final Bonus bonus;
        private @Nullable Scorable in;
        private int doc = -1;
        /** The collector's bar for a whole score (inner plus bonus); 0 until it sets one. */
        private float minCompetitive;
        /** The bar while the collector still counts every match (see {@link CountingBar}); 0 when unknown. */
        private float countingBar;

        BonusScorable(Bonus bonus) {
            this.bonus = bonus;
        }

        @Override
        public float score() throws IOException {
            float inner = Objects.requireNonNull(in).score();
            // Below the bar even with the largest bonus: the collector drops the document whatever is
            // added, so its doc value is not read. The inner score returned is no higher than the
            // whole one, and both are below the bar.
            if (inner + bonus.max < Math.max(minCompetitive, countingBar)) {
                return inner;
            }
            return inner + bonus.of(doc);
        }

        @Override
        public void setCountingBar(float bar) {
            countingBar = bar;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public void setMinCompetitiveScore(float minScore) throws IOException {
            minCompetitive = minScore;
            float needed = bonus.innerMinimum(minScore);
            if (needed > 0) {
                Objects.requireNonNull(in).setMinCompetitiveScore(needed);
            }
        }

        @Override
        public Collection<ChildScorable> getChildren() {
            return List.of(new ChildScorable(Objects.requireNonNull(in), "MUST"));
        }
    }

    /**
     * Ranks words in several fields by the MaxScore algorithm (see {@link WordRanking}): once the
     * collector has a bar, the fields that even together, and with the segment's largest bonus,
     * cannot reach it no longer lead the iteration; they are only read for the documents the others
     * find.
     */
    private static final class WordsBulkScorer extends BulkScorer {
        private final WordRanking.Segment segment;
        private final Bonus bonus;
        private final BonusScorable scorable;

        WordsBulkScorer(WordRanking.Segment segment, Bonus bonus) {
            this.segment = segment;
            this.bonus = bonus;
            this.scorable = new BonusScorable(bonus);
            BonusScorable outer = scorable;
            scorable.in = new Scorable() {
                @Override
                public float score() throws IOException {
                    return segment.score(outer.doc);
                }

                @Override
                public int docID() {
                    return outer.doc;
                }
            };
        }

        @Override
        public int score(LeafCollector collector, @Nullable Bits acceptDocs, int min, int max) throws IOException {
            collector.setScorer(scorable);
            int doc = min;
            float bar = 0;
            while (true) {
                if (scorable.minCompetitive != bar) {
                    bar = scorable.minCompetitive;
                    segment.raiseBar(bar, bonus.max);
                }
                int next = segment.next(doc);
                if (next >= max) {
                    return next;
                }
                if (acceptDocs == null || acceptDocs.get(next)) {
                    scorable.doc = next;
                    collector.collect(next);
                }
                doc = next + 1;
            }
        }

        @Override
        public long cost() {
            return segment.cost();
        }
    }
}
