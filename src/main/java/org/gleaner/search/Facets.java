package org.gleaner.search;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.LeafReaderContext;
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
import org.apache.lucene.util.BytesRef;
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

    static final long DAY_MILLIS = 86_400_000L;

    /** Days counted in a plain array when bucketing dates: ten years covers nearly every article. */
    private static final int DATE_ARRAY_DAYS = 3_660;

    /** The keyword dimensions and days of each segment, in arrays kept while the segment lives. */
    private final FacetColumns columns = new FacetColumns();

    /** A query's matches counted, and every dimension's values counted over them. */
    record Counted(long matches, Map<String, List<FacetCount>> facets) {}

    /**
     * Counts the matches of {@code query} and every dimension over them, in one pass as the matches
     * are found: each segment's counts are kept by the segment's value numbers and turned into values
     * once the segment is done.
     */
    Counted count(IndexSearcher searcher, Query query, Instant now) throws IOException {
        Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
        Counter counter = new Counter(now);
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            BulkScorer scorer = weight.bulkScorer(leaf);
            if (scorer != null) {
                LeafCollector collector = counter.segment(columns.of(leaf.reader()));
                scorer.score(collector, leaf.reader().getLiveDocs());
                collector.finish();
            }
        }
        return new Counted(counter.matches, counter.counts());
    }

    /** For tests: how many segments' facet columns are held. */
    int segmentsHeld() {
        return columns.segmentsHeld();
    }

    /** The counts of one search: matches, values per keyword dimension, days. */
    private static final class Counter {
        private final List<Map<String, long[]>> perKeyword = new ArrayList<>();
        private final long today;
        private final long firstArrayDay;
        // counts per day in an array spanning the recent past (no boxing per document); dates outside
        // it (very old, or in the future) go to a map
        private final long[] perRecentDay = new long[DATE_ARRAY_DAYS];
        private final Map<Long, long[]> perOtherDay = new HashMap<>();
        private long matches;

        Counter(Instant now) {
            for (int d = 0; d < KEYWORD_DIMENSIONS.size(); d++) {
                perKeyword.add(new HashMap<>());
            }
            today = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
            firstArrayDay = today - DATE_ARRAY_DAYS + 1;
        }

        LeafCollector segment(FacetColumns.Segment segment) {
            int dimensions = segment.keywords.size();
            int[][] counts = new int[dimensions][];
            for (int d = 0; d < dimensions; d++) {
                counts[d] = new int[segment.keywords.get(d).labels.length];
            }
            return new LeafCollector() {
                private int segmentMatches;

                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) {
                    segmentMatches++;
                    for (int d = 0; d < dimensions; d++) {
                        segment.keywords.get(d).count(doc, counts[d]);
                    }
                    int day = segment.day(doc);
                    if (day != FacetColumns.NO_DAY) {
                        long slot = day - firstArrayDay;
                        if (slot >= 0 && slot < DATE_ARRAY_DAYS) {
                            perRecentDay[(int) slot]++;
                        } else {
                            perOtherDay.computeIfAbsent((long) day, key -> new long[1])[0]++;
                        }
                    }
                }

                @Override
                public void finish() {
                    matches += segmentMatches;
                    for (int d = 0; d < dimensions; d++) {
                        String[] labels = segment.keywords.get(d).labels;
                        Map<String, long[]> total = perKeyword.get(d);
                        int[] segmentCounts = counts[d];
                        for (int value = 0; value < segmentCounts.length; value++) {
                            if (segmentCounts[value] > 0) {
                                total.computeIfAbsent(labels[value], label -> new long[1])[0] += segmentCounts[value];
                            }
                        }
                    }
                }
            };
        }

        /** Every keyword dimension's most frequent values (equal counts in value order), and the date buckets. */
        Map<String, List<FacetCount>> counts() {
            Map<String, List<FacetCount>> out = new LinkedHashMap<>();
            for (int d = 0; d < KEYWORD_DIMENSIONS.size(); d++) {
                out.put(KEYWORD_DIMENSIONS.get(d), top(perKeyword.get(d)));
            }
            out.put(DATE_DIMENSION, dates());
            return out;
        }

        private static List<FacetCount> top(Map<String, long[]> counts) {
            return counts.entrySet().stream()
                    .map(value -> new FacetCount(value.getKey(), value.getValue()[0]))
                    .sorted(Comparator.comparingLong(FacetCount::count)
                            .reversed()
                            .thenComparing(FacetCount::value, Facets::inValueOrder))
                    .limit(SearchTuning.FACET_VALUES)
                    .toList();
        }

        private List<FacetCount> dates() {
            long firstRecentDay = today - (SearchTuning.FACET_RECENT_DAYS - 1);
            // Days are added up per bucket (a recent day, or a month) before any label is made: one
            // label per bucket instead of a date formatted and a map merged for every day with articles.
            TreeMap<String, Long> buckets = new TreeMap<>(Comparator.reverseOrder());
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

    /** The order doc values keep values in: by their UTF-8 bytes. */
    private static int inValueOrder(String a, String b) {
        return new BytesRef(a).compareTo(new BytesRef(b));
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
