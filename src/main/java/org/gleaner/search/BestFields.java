package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.jspecify.annotations.Nullable;

/**
 * A word or phrase searched in several fields (title, article text, entry text) and scored as
 * {@link DisjunctionMaxQuery} scores it: the best field's score plus the tie breaker times the others.
 * The fields are kept apart so that ranking can skip the fields that cannot lift a document to the
 * collector's bar (the MaxScore algorithm): once the bar is above what the article text and the entry
 * text can give together, only the documents with the word in their title are visited. Lucene's own
 * disjunction max visits every document holding the word in any field, because its tie breaker keeps
 * it from passing the bar on to its fields.
 */
final class BestFields {
    /** Relative slack on a sum of float scores, so that a bound is never below a score as computed. */
    private static final double BOUND_SLACK = 1e-6;

    private final List<Weight> fields;
    private final float tieBreaker;

    private BestFields(List<Weight> fields, float tieBreaker) {
        this.fields = fields;
        this.tieBreaker = tieBreaker;
    }

    /** The fields of a (rewritten) disjunction max, each weighted as the disjunction max weighs it. */
    static BestFields of(IndexSearcher searcher, DisjunctionMaxQuery query, ScoreMode scoreMode, float boost)
            throws IOException {
        List<Weight> weights = new ArrayList<>();
        for (Query field : query.getDisjuncts()) {
            weights.add(searcher.createWeight(field, scoreMode, boost));
        }
        return new BestFields(weights, query.getTieBreakerMultiplier());
    }

    /** The fields' matches in one segment, or null when the word is in none of its fields. */
    @Nullable
    Segment segment(LeafReaderContext leaf) throws IOException {
        List<Field> present = new ArrayList<>();
        for (Weight weight : fields) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer != null) {
                present.add(new Field(scorer));
            }
        }
        return present.isEmpty() ? null : new Segment(present.toArray(Field[]::new), tieBreaker);
    }

    /** One field's scorer, moved forward only. */
    static final class Field {
        final Scorer scorer;
        private final DocIdSetIterator approximation;
        private final @Nullable TwoPhaseIterator twoPhase;
        /** No document gets more from this field. */
        final float maxScore;

        private int checked = -1;
        private boolean matched;

        Field(Scorer scorer) throws IOException {
            this.scorer = scorer;
            this.twoPhase = scorer.twoPhaseIterator();
            this.approximation = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
            scorer.advanceShallow(0);
            this.maxScore = scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS);
        }

        /** Whether the field matches {@code doc}, which is at or after any doc asked before. */
        boolean matches(int doc) throws IOException {
            int at = approximation.docID();
            if (at < doc) {
                at = approximation.advance(doc);
            }
            if (at != doc) {
                return false;
            }
            if (twoPhase == null) {
                return true;
            }
            if (checked != doc) {
                checked = doc;
                matched = twoPhase.matches();
            }
            return matched;
        }

        /** The field's first match at or after {@code target}. */
        int nextMatch(int target) throws IOException {
            int doc = approximation.docID() < target ? approximation.advance(target) : approximation.docID();
            while (doc != DocIdSetIterator.NO_MORE_DOCS && !matches(doc)) {
                doc = approximation.nextDoc();
            }
            return doc;
        }

        long cost() {
            return approximation.cost();
        }
    }

    /** The fields present in one segment, least promising first. */
    static final class Segment {
        final Field[] fields;
        private final float tieBreaker;
        /** {@code prefixBounds[i]}: the most a document matched only in the first i fields can score. */
        private final float[] prefixBounds;

        Segment(Field[] fields, float tieBreaker) {
            this.fields = fields.clone();
            Arrays.sort(this.fields, Comparator.comparingDouble(f -> f.maxScore));
            this.tieBreaker = tieBreaker;
            this.prefixBounds = new float[this.fields.length + 1];
            for (int i = 1; i <= this.fields.length; i++) {
                prefixBounds[i] = bound(Arrays.copyOf(this.fields, i));
            }
        }

        /** An upper bound on the score of a document matched only in these fields. */
        private float bound(Field[] some) {
            double best = 0;
            double sum = 0;
            for (Field field : some) {
                best = Math.max(best, field.maxScore);
                sum += field.maxScore;
            }
            // the score is monotone in every field's score: (1 - t) best + t sum, at every field's maximum
            double bound = (1 - tieBreaker) * best + tieBreaker * sum;
            return (float) (bound * (1 + BOUND_SLACK));
        }

        /**
         * How many of the least promising fields cannot, even together and with {@code extra} added,
         * lift a document to {@code bar}: documents matched only in those need not be visited.
         */
        int skippable(float bar, float extra) {
            int skippable = 0;
            while (skippable < fields.length && prefixBounds[skippable + 1] + extra < bar) {
                skippable++;
            }
            return skippable;
        }

        /** The most any document of the segment can score. */
        float maxScore() {
            return prefixBounds[fields.length];
        }

        /** The score of {@code doc}, as {@link DisjunctionMaxQuery} computes it. */
        float score(int doc) throws IOException {
            float scoreMax = 0;
            double otherScoreSum = 0;
            for (Field field : fields) {
                if (field.matches(doc)) {
                    float fieldScore = field.scorer.score();
                    if (fieldScore >= scoreMax) {
                        otherScoreSum += scoreMax;
                        scoreMax = fieldScore;
                    } else {
                        otherScoreSum += fieldScore;
                    }
                }
            }
            return (float) (scoreMax + otherScoreSum * tieBreaker);
        }

        /** The first document at or after {@code target} that one of the fields from {@code from} on matches. */
        int nextMatch(int target, int from) throws IOException {
            int next = DocIdSetIterator.NO_MORE_DOCS;
            for (int i = from; i < fields.length; i++) {
                next = Math.min(next, fields[i].nextMatch(target));
            }
            return next;
        }

        long cost() {
            long cost = 0;
            for (Field field : fields) {
                cost += field.cost();
            }
            return cost;
        }
    }

    /** Every match of the segment's fields in doc order, for reading single documents (story copies). */
    static final class SegmentScorer extends Scorer {
        private final Segment segment;
        private int doc = -1;

        SegmentScorer(Weight weight, Segment segment) {
            super(weight);
            this.segment = segment;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public float score() throws IOException {
            return segment.score(doc);
        }

        @Override
        public float getMaxScore(int upTo) {
            return segment.maxScore();
        }

        @Override
        public DocIdSetIterator iterator() {
            return new DocIdSetIterator() {
                @Override
                public int docID() {
                    return doc;
                }

                @Override
                public int nextDoc() throws IOException {
                    return advance(doc + 1);
                }

                @Override
                public int advance(int target) throws IOException {
                    doc = segment.nextMatch(target, 0);
                    return doc;
                }

                @Override
                public long cost() {
                    return segment.cost();
                }
            };
        }
    }
}
