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
import java.util.TreeMap;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
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

    /** Reader states hold an ordinal map per field; built once per searcher generation. */
    private volatile @Nullable StatesForReader states;

    private record StatesForReader(IndexReader reader, Map<String, StringDocValuesReaderState> byField) {}

    Map<String, List<FacetCount>> count(IndexReader reader, FacetsCollector hits, Instant now) throws IOException {
        Map<String, List<FacetCount>> out = new LinkedHashMap<>();
        for (String dimension : KEYWORD_DIMENSIONS) {
            StringValueFacetCounts counts = new StringValueFacetCounts(state(reader, dimension), hits);
            FacetResult result = counts.getTopChildren(SearchTuning.FACET_VALUES, dimension);
            List<FacetCount> values = new ArrayList<>();
            if (result != null) {
                for (LabelAndValue value : result.labelValues) {
                    values.add(new FacetCount(value.label, value.value.longValue()));
                }
            }
            out.put(dimension, values);
        }
        out.put(DATE_DIMENSION, dates(hits, now));
        return out;
    }

    @SuppressWarnings("ReferenceEquality") // a reader is a point-in-time view: identity is the point
    private StringDocValuesReaderState state(IndexReader reader, String field) throws IOException {
        StatesForReader current = states;
        if (current == null || current.reader() != reader) {
            current = new StatesForReader(reader, new HashMap<>());
            states = current;
        }
        synchronized (current) {
            StringDocValuesReaderState state = current.byField().get(field);
            if (state == null) {
                state = new StringDocValuesReaderState(reader, field);
                current.byField().put(field, state);
            }
            return state;
        }
    }

    private static List<FacetCount> dates(FacetsCollector hits, Instant now) throws IOException {
        // Counts per day in an array spanning the recent past (no boxing per document); dates outside
        // it (very old, or in the future) go to a map.
        long today = LocalDate.ofInstant(now, ZoneOffset.UTC).toEpochDay();
        long firstArrayDay = today - DATE_ARRAY_DAYS + 1;
        long[] perRecentDay = new long[DATE_ARRAY_DAYS];
        Map<Long, long[]> perOtherDay = new HashMap<>();
        for (FacetsCollector.MatchingDocs matching : hits.getMatchingDocs()) {
            if (matching.totalHits == 0) {
                continue;
            }
            SortedNumericDocValues published =
                    DocValues.getSortedNumeric(matching.context.reader(), ArticleFields.PUBLISHED);
            DocIdSetIterator docs = matching.bits.iterator();
            if (docs == null) {
                continue;
            }
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (published.advanceExact(doc)) {
                    long day = Math.floorDiv(published.nextValue(), DAY_MILLIS);
                    long slot = day - firstArrayDay;
                    if (slot >= 0 && slot < DATE_ARRAY_DAYS) {
                        perRecentDay[(int) slot]++;
                    } else {
                        perOtherDay.computeIfAbsent(day, d -> new long[1])[0]++;
                    }
                }
            }
        }
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
