package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.jspecify.annotations.Nullable;

/**
 * Ranking for the queries people type: words (or phrases), all required or any of them, each
 * searched in several fields (title, article text, entry text) and scored as Lucene scores the same
 * query — a disjunction max per word (the best field plus the tie breaker times the others), summed
 * over the words — with date filters and exclusions beside them.
 *
 * <p>Why not leave it to Lucene: a disjunction max with a tie breaker does not pass the collector's
 * bar on to its fields, so Lucene visits every document holding a word in any field. Here the
 * (word, field) pairs are kept apart and ranked by the MaxScore algorithm: once the bar is above what
 * the least promising pairs can give together (usually the article text and entry text of every
 * word), documents matched only by those need not be visited, and iteration is led by the rest
 * (usually the words' titles). Scores are the same as Lucene's, bit for bit (tests compare them).
 */
final class WordRanking {
    /** Relative slack on a sum of float scores, so that a bound is never below a score as computed. */
    private static final double BOUND_SLACK = 1e-6;

    /** A word and the weights of its fields. */
    private record WordWeights(List<Weight> fields, float tieBreaker) {}

    private final List<WordWeights> words;
    private final boolean allRequired;
    private final List<Weight> filters;
    private final List<Weight> exclusions;

    private WordRanking(List<WordWeights> words, boolean allRequired, List<Weight> filters, List<Weight> exclusions) {
        this.words = words;
        this.allRequired = allRequired;
        this.filters = filters;
        this.exclusions = exclusions;
    }

    /**
     * The ranking of a (rewritten) query of this shape, or null for any other shape: a disjunction
     * max, or a boolean query whose scoring clauses are all required or all optional, with filters
     * and exclusions beside them. A scoring clause that is not a disjunction max is a word in one
     * field (a nested boolean query, a date range: anything with a scorer).
     */
    static @Nullable WordRanking of(IndexSearcher searcher, Query query, ScoreMode scoreMode, float boost)
            throws IOException {
        if (query instanceof DisjunctionMaxQuery word) {
            return new WordRanking(List.of(word(searcher, word, scoreMode, boost)), false, List.of(), List.of());
        }
        if (!(query instanceof BooleanQuery bool)) {
            return null;
        }
        List<Query> required = new ArrayList<>();
        List<Query> optional = new ArrayList<>();
        List<Weight> filters = new ArrayList<>();
        List<Weight> exclusions = new ArrayList<>();
        for (BooleanClause clause : bool.clauses()) {
            switch (clause.getOccur()) {
                case MUST -> required.add(clause.getQuery());
                case SHOULD -> optional.add(clause.getQuery());
                case FILTER -> filters.add(searcher.createWeight(clause.getQuery(), ScoreMode.COMPLETE_NO_SCORES, 1f));
                case MUST_NOT ->
                    exclusions.add(searcher.createWeight(clause.getQuery(), ScoreMode.COMPLETE_NO_SCORES, 1f));
            }
        }
        boolean allRequired = !required.isEmpty();
        int minimumShould = bool.getMinimumNumberShouldMatch();
        if ((allRequired && !optional.isEmpty())
                || (!allRequired && optional.isEmpty())
                || minimumShould > (allRequired ? 0 : 1)
                // beside a filter, optional clauses are only required when the query says so
                || (!allRequired && !filters.isEmpty() && minimumShould == 0)) {
            return null;
        }
        List<WordWeights> words = new ArrayList<>();
        for (Query word : allRequired ? required : optional) {
            words.add(word(searcher, word, scoreMode, boost));
        }
        return new WordRanking(words, allRequired, filters, exclusions);
    }

    private static WordWeights word(IndexSearcher searcher, Query word, ScoreMode scoreMode, float boost)
            throws IOException {
        if (word instanceof DisjunctionMaxQuery fields) {
            List<Weight> weights = new ArrayList<>();
            for (Query field : fields.getDisjuncts()) {
                weights.add(searcher.createWeight(field, scoreMode, boost));
            }
            return new WordWeights(weights, fields.getTieBreakerMultiplier());
        }
        return new WordWeights(List.of(searcher.createWeight(word, scoreMode, boost)), 0f);
    }

    /** The query's matches in one segment, or null when the segment can have none. */
    @Nullable
    Segment segment(LeafReaderContext leaf) throws IOException {
        List<List<ScorerSupplier>> perWord = new ArrayList<>();
        long leadCost = Long.MAX_VALUE;
        for (WordWeights word : words) {
            List<ScorerSupplier> fields = new ArrayList<>();
            long cost = 0;
            for (Weight field : word.fields()) {
                ScorerSupplier supplier = field.scorerSupplier(leaf);
                if (supplier != null) {
                    fields.add(supplier);
                    cost += supplier.cost();
                }
            }
            if (fields.isEmpty() && allRequired) {
                return null;
            }
            if (allRequired) {
                leadCost = Math.min(leadCost, cost);
            }
            perWord.add(fields);
        }
        List<Word> present = new ArrayList<>();
        for (int w = 0; w < perWord.size(); w++) {
            List<Field> fields = new ArrayList<>();
            for (ScorerSupplier supplier : perWord.get(w)) {
                fields.add(new Field(supplier.get(leadCost), true));
            }
            if (!fields.isEmpty()) {
                present.add(new Word(fields.toArray(Field[]::new), words.get(w).tieBreaker()));
            }
        }
        if (present.isEmpty()) {
            return null;
        }
        List<Union> required = new ArrayList<>();
        for (Weight filter : filters) {
            ScorerSupplier supplier = filter.scorerSupplier(leaf);
            if (supplier == null) {
                return null;
            }
            required.add(new Union(new Field[] {new Field(supplier.get(leadCost), false)}));
        }
        List<Union> excluded = new ArrayList<>();
        for (Weight exclusion : exclusions) {
            ScorerSupplier supplier = exclusion.scorerSupplier(leaf);
            if (supplier != null) {
                excluded.add(new Union(new Field[] {new Field(supplier.get(leadCost), false)}));
            }
        }
        return new Segment(present.toArray(Word[]::new), allRequired, required, excluded);
    }

    /** One field's scorer of one word, moved forward only. */
    private static final class Field {
        final Scorer scorer;
        final DocIdSetIterator approximation;
        private final @Nullable TwoPhaseIterator twoPhase;
        /** No document gets more from this field (0 for a filter). */
        final float maxScore;
        /** The word this field belongs to, once the segment has numbered them. */
        int word;
        /** No document of the segment's current window gets more from this field. */
        float windowMax;
        /** The field's place in the current window's ranking, least promising first. */
        int rank;

        private int checked = -1;
        private boolean matched;

        Field(Scorer scorer, boolean scoring) throws IOException {
            this.scorer = scorer;
            this.twoPhase = scorer.twoPhaseIterator();
            this.approximation = twoPhase == null ? scorer.iterator() : twoPhase.approximation();
            if (scoring) {
                scorer.advanceShallow(0);
                this.maxScore = scorer.getMaxScore(DocIdSetIterator.NO_MORE_DOCS);
            } else {
                this.maxScore = 0f;
            }
        }

        /** The approximation's first document at or after {@code target}: no match comes before it. */
        int approximate(int target) throws IOException {
            int at = approximation.docID();
            return at < target ? approximation.advance(target) : at;
        }

        /** Whether the field matches {@code doc}, which is at or after any doc asked before. */
        boolean matches(int doc) throws IOException {
            if (approximate(doc) != doc) {
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
            int doc = approximate(target);
            while (doc != DocIdSetIterator.NO_MORE_DOCS && !matches(doc)) {
                doc = approximation.nextDoc();
            }
            return doc;
        }
    }

    /** Documents matching any of some fields: a word, a filter, or the fields that lead ranking. */
    private static final class Union {
        final Field[] fields;
        final long cost;

        Union(Field[] fields) {
            this.fields = fields;
            long sum = 0;
            for (Field field : fields) {
                sum += field.approximation.cost();
            }
            this.cost = sum;
        }

        int nextMatch(int target) throws IOException {
            int next = DocIdSetIterator.NO_MORE_DOCS;
            for (Field field : fields) {
                next = Math.min(next, field.nextMatch(target));
            }
            return next;
        }

        int approximate(int target) throws IOException {
            int next = DocIdSetIterator.NO_MORE_DOCS;
            for (Field field : fields) {
                next = Math.min(next, field.approximate(target));
            }
            return next;
        }

        /** Whether one of the fields matches {@code doc}, the union's approximate position. */
        boolean matches(int doc) throws IOException {
            for (Field field : fields) {
                if (field.matches(doc)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A word's fields, scored as a disjunction max. */
    private static final class Word {
        final Field[] fields;
        final float tieBreaker;

        Word(Field[] fields, float tieBreaker) {
            this.fields = fields;
            this.tieBreaker = tieBreaker;
        }

        /** The word's score for {@code doc}; 0 when no field matches. */
        double score(int doc) throws IOException {
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
            // as DisjunctionMaxScorer computes it
            return (float) (scoreMax + otherScoreSum * tieBreaker);
        }
    }

    /**
     * The query's scorers in one segment, and, once there is a bar, the split between the fields that
     * lead the iteration and those skipped. The split is made per window of documents, from each
     * field's score bound over the window (its postings' blocks), not over the whole segment: a
     * frequent word's bound over a few hundred documents is far below its bound over all of them.
     */
    static final class Segment {
        /** Fewest documents a window spans: recomputing bounds costs a look at every field's blocks. */
        private static final int MIN_WINDOW = 2_048;

        private final Word[] words;
        private final boolean allRequired;
        private final List<Union> filters;
        private final List<Union> excluded;
        /** Every scoring field; sorted by its bound in the current window, least promising first. */
        private final Field[] ranked;
        /** {@code prefixBounds[i]}: the most a document of the window matched only in the first i fields scores. */
        private final float[] prefixBounds;
        /** The most any document of the segment can score. */
        private final float segmentBound;
        /** Each word's share of the bound of the candidate {@link #mayReachBar} is looking at. */
        private final double[] wordBounds;

        /** The bar documents must reach (with {@link #extra} added); 0 until the collector sets one. */
        private float bar;
        /** What is added to any score here (the recency bonus at most). */
        private float extra;
        /** The last document of the current window; -1 before the first. */
        private int windowEnd = -1;
        /** Ranked fields that no longer lead: documents matched only by them cannot compete. */
        private int skipped;
        /** What a candidate must match, cheapest first; the first one leads. */
        private Union[] required;

        Segment(Word[] words, boolean allRequired, List<Union> filters, List<Union> excluded) {
            this.words = words;
            this.allRequired = allRequired;
            this.filters = filters;
            this.excluded = excluded;
            List<Field> all = new ArrayList<>();
            for (int w = 0; w < words.length; w++) {
                for (Field field : words[w].fields) {
                    field.word = w;
                    field.windowMax = field.maxScore;
                    all.add(field);
                }
            }
            this.ranked = all.toArray(Field[]::new);
            this.prefixBounds = new float[ranked.length + 1];
            this.wordBounds = new double[words.length];
            rank();
            // before any window, each field's bound is its bound over the segment
            this.segmentBound = prefixBounds[ranked.length];
            this.required = requirements();
        }

        /** Sorts the fields by their bound in the window and sums up the bounds of each prefix. */
        private void rank() {
            Arrays.sort(ranked, Comparator.comparingDouble(f -> f.windowMax));
            for (int i = 0; i < ranked.length; i++) {
                ranked[i].rank = i;
            }
            double[] best = new double[words.length];
            double[] sum = new double[words.length];
            for (int i = 0; i < ranked.length; i++) {
                Field field = ranked[i];
                best[field.word] = Math.max(best[field.word], field.windowMax);
                sum[field.word] += field.windowMax;
                double bound = 0;
                for (int w = 0; w < words.length; w++) {
                    bound += wordBound(w, best[w], sum[w]);
                }
                prefixBounds[i + 1] = (float) (bound * (1 + BOUND_SLACK));
            }
        }

        /** A word's score grows with every field's score: (1 - t) best + t sum, at the fields' maxima. */
        private double wordBound(int word, double best, double sum) {
            double t = words[word].tieBreaker;
            return (1 - t) * best + t * sum;
        }

        private Union[] requirements() {
            List<Union> out = new ArrayList<>(filters);
            if (allRequired) {
                for (Word word : words) {
                    out.add(new Union(word.fields));
                }
            }
            if (skipped > 0 || !allRequired) {
                out.add(new Union(Arrays.copyOfRange(ranked, skipped, ranked.length)));
            }
            out.sort(Comparator.comparingLong(u -> u.cost));
            return out.toArray(Union[]::new);
        }

        /**
         * Lets ranking skip the documents that cannot reach {@code bar}, counting {@code extra} on top
         * of any score.
         */
        void raiseBar(float bar, float extra) {
            this.bar = bar;
            this.extra = extra;
            if (windowEnd >= 0) {
                split();
            }
        }

        /** Re-splits the current window's fields for the bar; false when none of its documents can reach it. */
        private boolean split() {
            int skippable = skipped;
            while (skippable < ranked.length && prefixBounds[skippable + 1] + extra < bar) {
                skippable++;
            }
            if (skippable == ranked.length) {
                return false;
            }
            if (skippable != skipped) {
                skipped = skippable;
                required = requirements();
            }
            return true;
        }

        /**
         * Starts the window holding {@code doc}: it ends where the first field's postings block ends
         * (but spans at least {@link #MIN_WINDOW} documents), and each field's bound is its best score
         * up to there. Returns false when no document of the window can reach the bar.
         */
        private boolean startWindow(int doc) throws IOException {
            int end = DocIdSetIterator.NO_MORE_DOCS;
            for (Field field : ranked) {
                int at = field.approximation.docID();
                if (at != DocIdSetIterator.NO_MORE_DOCS) {
                    end = Math.min(end, field.scorer.advanceShallow(Math.max(doc, at)));
                }
            }
            end = (int) Math.min(DocIdSetIterator.NO_MORE_DOCS, Math.max(end, (long) doc + MIN_WINDOW - 1));
            for (Field field : ranked) {
                int at = field.approximation.docID();
                field.windowMax = at > end ? 0f : field.scorer.getMaxScore(end);
            }
            windowEnd = end;
            skipped = 0;
            rank();
            required = requirements();
            return split();
        }

        /** The first document at or after {@code target} that the query matches and that may compete. */
        int next(int target) throws IOException {
            int doc = target;
            candidates:
            while (doc != DocIdSetIterator.NO_MORE_DOCS) {
                if (bar > 0 && doc > windowEnd && !startWindow(doc)) {
                    doc = windowEnd == DocIdSetIterator.NO_MORE_DOCS ? windowEnd : windowEnd + 1;
                    continue;
                }
                doc = required[0].nextMatch(doc);
                if (doc == DocIdSetIterator.NO_MORE_DOCS) {
                    return doc;
                }
                if (bar > 0 && doc > windowEnd) {
                    // found with the last window's split: the next window's may lead elsewhere first
                    // (only the last split's leading fields have moved, and none matched before doc)
                    doc = windowEnd + 1;
                    continue;
                }
                if (skipped > 0 && !mayReachBar(doc)) {
                    doc++;
                    continue;
                }
                for (int i = 1; i < required.length; i++) {
                    int at = required[i].approximate(doc);
                    if (at != doc) {
                        doc = at;
                        continue candidates;
                    }
                    if (!required[i].matches(doc)) {
                        doc++;
                        continue candidates;
                    }
                }
                for (Union exclusion : excluded) {
                    if (exclusion.approximate(doc) == doc && exclusion.matches(doc)) {
                        doc++;
                        continue candidates;
                    }
                }
                if (bar > 0 && skipped == 0 && bound(doc) + extra < bar) {
                    doc++; // the fields it matches cannot lift it to the bar: not worth scoring
                    continue;
                }
                return doc;
            }
            return doc;
        }

        /**
         * Whether {@code doc}, found by the leading fields, may still reach the bar. The skipped fields
         * are read one at a time, the most promising first, and the document is given up as soon as
         * the fields it matches plus those not read yet cannot lift it to the bar: most candidates of
         * a frequent word are given up before its dense article-text postings are read.
         */
        private boolean mayReachBar(int doc) throws IOException {
            double bound = 0;
            for (int w = 0; w < words.length; w++) {
                wordBounds[w] = matchedWordBound(w, doc, skipped);
                bound += wordBounds[w];
            }
            if (bound * (1 + BOUND_SLACK) + extra < bar) {
                return false;
            }
            for (int unread = skipped - 1; unread >= 0; unread--) {
                Field field = ranked[unread];
                if (field.matches(doc)) {
                    continue; // the bound only falls when a field turns out not to match
                }
                // only this field's word's share changes (the slack covers the rounding of the update)
                double before = wordBounds[field.word];
                wordBounds[field.word] = matchedWordBound(field.word, doc, unread);
                bound += wordBounds[field.word] - before;
                if (bound * (1 + BOUND_SLACK) + extra < bar) {
                    return false;
                }
            }
            return true;
        }

        /** An upper bound on the score of {@code doc}, from the window bounds of the fields it matches. */
        private float bound(int doc) throws IOException {
            double bound = 0;
            for (int w = 0; w < words.length; w++) {
                bound += matchedWordBound(w, doc, 0);
            }
            return (float) (bound * (1 + BOUND_SLACK));
        }

        /**
         * An upper bound on word {@code w}'s score for {@code doc}, from the window bounds of the
         * fields it matches; the first {@code unread} ranked fields count as matching without being read.
         */
        private double matchedWordBound(int w, int doc, int unread) throws IOException {
            double best = 0;
            double sum = 0;
            for (Field field : words[w].fields) {
                if (field.rank < unread || field.matches(doc)) {
                    best = Math.max(best, field.windowMax);
                    sum += field.windowMax;
                }
            }
            return wordBound(w, best, sum);
        }

        /** The score of {@code doc}, as Lucene's boolean query of disjunction maxes computes it. */
        float score(int doc) throws IOException {
            double score = 0;
            for (Word word : words) {
                score += word.score(doc);
            }
            return (float) score;
        }

        /** The most any document of the segment can score. */
        float maxScore() {
            return segmentBound;
        }

        long cost() {
            return required[0].cost;
        }
    }

    /** Every match of the query in one segment, in doc order, for reading single documents (story copies). */
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
                    doc = segment.next(target);
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
