package org.gleaner.search;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.LongValues;
import org.apache.lucene.util.packed.PackedInts;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.jspecify.annotations.Nullable;

/**
 * Facet dimensions: counting them over a query's matches, and turning drill-down filters back into
 * queries. Dimension names are the index field names ({@code feed}, {@code site}, {@code tag},
 * {@code lang}, {@code published}); a date value is a day ({@code 2024-12-08}) for the last {@link
 * SearchTuning#FACET_RECENT_DAYS} days and a month ({@code 2024-11}) before that.
 */
final class Facets {
    /** Keyword dimensions, in the order results list them. */
    static final List<String> KEYWORD_DIMENSIONS =
            List.of(ArticleFields.FEED, ArticleFields.SITE, ArticleFields.TAG, ArticleFields.LANGUAGE);

    static final String DATE_DIMENSION = ArticleFields.PUBLISHED;

    private static final long DAY_MILLIS = 86_400_000L;

    /** Days counted in a plain array when bucketing dates: ten years covers nearly every article. */
    private static final int DATE_ARRAY_DAYS = 3_660;

    /** Ordinal maps of the keyword dimensions; built once per searcher generation. */
    private volatile @Nullable Ordinals ordinals;

    /**
     * Per keyword dimension, the map from each segment's value numbers to numbers over the whole
     * reader (null when the reader has one segment, whose numbers are already global).
     */
    private record Ordinals(IndexReader reader, List<@Nullable OrdinalMap> maps) {}

    /** A query's matches counted, and every dimension's values counted over them. */
    record Counted(long matches, Map<String, List<FacetCount>> facets) {}

    /**
     * Counts the matches of {@code query} and every dimension of them, in one pass over the matches
     * as they are found (no per-segment match sets kept, no pass per dimension).
     */
    Counted count(IndexSearcher searcher, Query query, Instant now) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        Counter counter = new Counter(reader, ordinals(reader), now);
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        for (LeafReaderContext leaf : reader.leaves()) {
            BulkScorer scorer = weight.bulkScorer(leaf);
            if (scorer != null) {
                scorer.score(counter.leafCollector(leaf), leaf.reader().getLiveDocs());
            }
        }
        return new Counted(counter.matches, counter.counts());
    }

    @SuppressWarnings("ReferenceEquality") // a reader is a point-in-time view: identity is the point
    private Ordinals ordinals(IndexReader reader) throws IOException {
        Ordinals current = ordinals;
        if (current != null && current.reader() == reader) {
            return current;
        }
        List<@Nullable OrdinalMap> maps = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        for (String dimension : KEYWORD_DIMENSIONS) {
            if (leaves.size() <= 1) {
                maps.add(null);
                continue;
            }
            SortedSetDocValues[] values = new SortedSetDocValues[leaves.size()];
            for (LeafReaderContext leaf : leaves) {
                values[leaf.ord] = DocValues.getSortedSet(leaf.reader(), dimension);
            }
            IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
            maps.add(OrdinalMap.build(helper == null ? null : helper.getKey(), values, PackedInts.DEFAULT));
        }
        current = new Ordinals(reader, java.util.Collections.unmodifiableList(maps));
        ordinals = current;
        return current;
    }

    /** Counts of one search's matches: the total and every dimension's values. */
    private static final class Counter {
        private final IndexReader reader;
        private final Ordinals ordinals;
        private final long[][] keywordCounts;
        private final long today;
        private final long firstArrayDay;
        // counts per day in an array spanning the recent past (no boxing per document); dates outside
        // it (very old, or in the future) go to a map
        private final long[] perRecentDay = new long[DATE_ARRAY_DAYS];
        private final Map<Long, long[]> perOtherDay = new HashMap<>();
        private long matches;

        private Counter(IndexReader reader, Ordinals ordinals, Instant now) throws IOException {
            this.reader = reader;
            this.ordinals = ordinals;
            this.keywordCounts = new long[KEYWORD_DIMENSIONS.size()][];
            for (int d = 0; d < KEYWORD_DIMENSIONS.size(); d++) {
                OrdinalMap map = ordinals.maps().get(d);
                long cardinality = map != null
                        ? map.getValueCount()
                        : reader.leaves().isEmpty()
                                ? 0
                                : DocValues.getSortedSet(reader.leaves().get(0).reader(), KEYWORD_DIMENSIONS.get(d))
                                        .getValueCount();
                keywordCounts[d] = new long[Math.toIntExact(cardinality)];
            }
            this.today = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
            this.firstArrayDay = today - DATE_ARRAY_DAYS + 1;
        }

        LeafCollector leafCollector(LeafReaderContext leaf) throws IOException {
            int dimensions = KEYWORD_DIMENSIONS.size();
            SortedSetDocValues[] many = new SortedSetDocValues[dimensions];
            SortedDocValues[] single = new SortedDocValues[dimensions];
            LongValues[] toGlobal = new LongValues[dimensions];
            for (int d = 0; d < dimensions; d++) {
                SortedSetDocValues values = DocValues.getSortedSet(leaf.reader(), KEYWORD_DIMENSIONS.get(d));
                single[d] = DocValues.unwrapSingleton(values);
                many[d] = values;
                OrdinalMap map = ordinals.maps().get(d);
                toGlobal[d] = map == null ? LongValues.IDENTITY : map.getGlobalOrds(leaf.ord);
            }
            SortedNumericDocValues published = DocValues.getSortedNumeric(leaf.reader(), ArticleFields.PUBLISHED);
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    matches++;
                    for (int d = 0; d < dimensions; d++) {
                        long[] counts = keywordCounts[d];
                        SortedDocValues one = single[d];
                        if (one != null) {
                            if (one.advanceExact(doc)) {
                                counts[(int) toGlobal[d].get(one.ordValue())]++;
                            }
                        } else if (many[d].advanceExact(doc)) {
                            SortedSetDocValues values = many[d];
                            for (int i = values.docValueCount(); i > 0; i--) {
                                counts[(int) toGlobal[d].get(values.nextOrd())]++;
                            }
                        }
                    }
                    if (published.advanceExact(doc)) {
                        long day = Math.floorDiv(published.nextValue(), DAY_MILLIS);
                        long slot = day - firstArrayDay;
                        if (slot >= 0 && slot < DATE_ARRAY_DAYS) {
                            perRecentDay[(int) slot]++;
                        } else {
                            perOtherDay.computeIfAbsent(day, key -> new long[1])[0]++;
                        }
                    }
                }
            };
        }

        /** Every dimension's most frequent values (ties in value order), and the date buckets. */
        Map<String, List<FacetCount>> counts() throws IOException {
            Map<String, List<FacetCount>> out = new LinkedHashMap<>();
            for (int d = 0; d < KEYWORD_DIMENSIONS.size(); d++) {
                out.put(KEYWORD_DIMENSIONS.get(d), top(d));
            }
            out.put(DATE_DIMENSION, dates());
            return out;
        }

        private List<FacetCount> top(int dimension) throws IOException {
            long[] counts = keywordCounts[dimension];
            // the most frequent values, the earlier value first among equal counts
            java.util.PriorityQueue<Integer> best =
                    new java.util.PriorityQueue<>(java.util.Comparator.<Integer>comparingLong(ord -> counts[ord])
                            .thenComparing(java.util.Comparator.<Integer>reverseOrder()));
            for (int ord = 0; ord < counts.length; ord++) {
                if (counts[ord] == 0) {
                    continue;
                }
                if (best.size() < SearchTuning.FACET_VALUES) {
                    best.add(ord);
                } else {
                    int weakest = Objects.requireNonNull(best.peek());
                    if (counts[ord] > counts[weakest]) {
                        best.poll();
                        best.add(ord);
                    }
                }
            }
            List<FacetCount> out = new ArrayList<>();
            while (!best.isEmpty()) {
                int ord = best.poll();
                out.add(new FacetCount(label(dimension, ord), counts[ord]));
            }
            java.util.Collections.reverse(out);
            return out;
        }

        private String label(int dimension, int globalOrd) throws IOException {
            OrdinalMap map = ordinals.maps().get(dimension);
            int segment = map == null ? 0 : map.getFirstSegmentNumber(globalOrd);
            long ord = map == null ? globalOrd : map.getFirstSegmentOrd(globalOrd);
            SortedSetDocValues values =
                    DocValues.getSortedSet(reader.leaves().get(segment).reader(), KEYWORD_DIMENSIONS.get(dimension));
            return values.lookupOrd(ord).utf8ToString();
        }

        private List<FacetCount> dates() {
            long firstRecentDay = today - (SearchTuning.FACET_RECENT_DAYS - 1);
            // Days are added up per bucket (a recent day, or a month) before any label is made: one
            // label per bucket instead of a date formatted and a map merged for every day with articles.
            TreeMap<String, Long> buckets = new TreeMap<>(java.util.Comparator.reverseOrder());
            long bucketFirstDay = Long.MIN_VALUE;
            long bucketLastDay = Long.MIN_VALUE;
            long bucketCount = 0;
            for (int slot = 0; slot < DATE_ARRAY_DAYS; slot++) {
                long count = perRecentDay[slot];
                if (count == 0) {
                    continue;
                }
                long day = firstArrayDay + slot;
                if (day > bucketLastDay) {
                    if (bucketCount > 0) {
                        addToBucket(buckets, bucketFirstDay, bucketCount, firstRecentDay);
                    }
                    bucketFirstDay = day;
                    bucketLastDay = lastDayOfBucket(day, firstRecentDay);
                    bucketCount = 0;
                }
                bucketCount += count;
            }
            if (bucketCount > 0) {
                addToBucket(buckets, bucketFirstDay, bucketCount, firstRecentDay);
            }
            perOtherDay.forEach((day, count) -> addToBucket(buckets, day, count[0], firstRecentDay));
            List<FacetCount> out = new ArrayList<>();
            buckets.forEach((label, count) -> out.add(new FacetCount(label, count)));
            return out;
        }
    }

    /** The last day counted with {@code day}: the day itself when recent, else its month's last day. */
    private static long lastDayOfBucket(long day, long firstRecentDay) {
        if (day >= firstRecentDay) {
            return day;
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        long monthEnd = date.withDayOfMonth(date.lengthOfMonth()).toEpochDay();
        // a month that reaches into the recent days is counted by day from there on
        return Math.min(monthEnd, firstRecentDay - 1);
    }

    private static void addToBucket(Map<String, Long> buckets, long day, long count, long firstRecentDay) {
        LocalDate date = LocalDate.ofEpochDay(day);
        String label =
                day >= firstRecentDay ? date.toString() : YearMonth.from(date).toString();
        buckets.merge(label, count, Long::sum);
    }

    /** The drill-down filter: values of one dimension are alternatives; all dimensions apply. */
    static @Nullable Query filter(Map<String, List<String>> filters) throws QueryException {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        for (Map.Entry<String, List<String>> entry : filters.entrySet()) {
            String dimension = entry.getKey();
            if (!KEYWORD_DIMENSIONS.contains(dimension) && !DATE_DIMENSION.equals(dimension)) {
                throw new QueryException(
                        "unknown filter '" + dimension + "' (filters are " + String.join(", ", KEYWORD_DIMENSIONS)
                                + ", " + DATE_DIMENSION + ")",
                        -1);
            }
            if (entry.getValue().isEmpty()) {
                continue;
            }
            BooleanQuery.Builder alternatives = new BooleanQuery.Builder();
            for (String value : entry.getValue()) {
                alternatives.add(valueQuery(dimension, value), Occur.SHOULD);
            }
            all.add(alternatives.build(), Occur.FILTER);
            any = true;
        }
        return any ? all.build() : null;
    }

    private static Query valueQuery(String dimension, String value) throws QueryException {
        if (!DATE_DIMENSION.equals(dimension)) {
            String normalized = ArticleFields.LANGUAGE.equals(dimension)
                    ? java.util.Objects.requireNonNullElse(Analyzers.normalizeLanguage(value), "")
                    : Analyzers.normalizeKeyword(value);
            return new TermQuery(new Term(dimension, normalized));
        }
        try {
            LocalDate from;
            LocalDate until;
            if (value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                from = LocalDate.parse(value);
                until = from.plusDays(1);
            } else if (value.matches("[0-9]{4}-[0-9]{2}")) {
                from = YearMonth.parse(value).atDay(1);
                until = from.plusMonths(1);
            } else {
                throw new DateTimeParseException("not a facet date", value, 0);
            }
            return LongField.newRangeQuery(
                    ArticleFields.PUBLISHED, from.toEpochDay() * DAY_MILLIS, until.toEpochDay() * DAY_MILLIS - 1);
        } catch (DateTimeParseException e) {
            throw new QueryException(
                    "filter " + DATE_DIMENSION + "=" + value + " is not a day (2024-12-08) or a month (2024-12)", -1);
        }
    }
}
