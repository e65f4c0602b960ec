package org.gleaner.search;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.gleaner.index.ArticleFields;
import org.jspecify.annotations.Nullable;

/**
 * The facet dimensions of each index segment, read once from its doc values into plain arrays and
 * kept while the segment lives.
 *
 * <p>Why: a faceted search visits every match (10⁵ documents for a frequent word), and reading five
 * doc values per match through Lucene's compressed encodings was two thirds of such a search; plain
 * arrays made the benchmark's faceted searches about a quarter faster. The cost is heap: a day and a
 * value number per keyword dimension for every document, each in 8 bits when the segment's numbers fit
 * (value numbers of up to 254 feeds, sites, tags or languages), else 16 (days, nearly always), else 32,
 * plus an offset per document and the values for the dimensions where documents have several (feeds,
 * tags): about 15 bytes per document, 15 MB for a million articles. A column per dimension, not a row
 * per document: matches are sparse, and the processor streams several ascending columns better than one
 * wider array (measured: rows were slower, and so was moving a multi-valued document's values behind a
 * pointer in its one column, while 16-bit columns were faster than 32-bit ones and 8-bit ones faster
 * still: fewer cache lines per match).
 *
 * <p>Segments never change once written (an update is a delete plus a new document in a newer
 * segment), so a segment's columns stay valid until Lucene closes its core, which drops them. A
 * segment's columns are read on the first faceted search that meets it: after a merge, one search
 * pays for reading the merged segment.
 */
final class FacetColumns {
    /** A day that marks a document without a publication date. */
    static final int NO_DAY = Integer.MIN_VALUE;

    private final Map<IndexReader.CacheKey, Segment> bySegment = new ConcurrentHashMap<>();

    /** The columns of one segment, read now or earlier. */
    Segment of(LeafReader reader) throws IOException {
        IndexReader.CacheHelper core = reader.getCoreCacheHelper();
        if (core == null) {
            return Segment.read(reader); // a reader without a stable identity: nothing to keep it under
        }
        Segment cached = bySegment.get(core.getKey());
        if (cached != null) {
            return cached;
        }
        // two searches meeting a new segment at once may both read it; the columns are equal
        Segment read = Segment.read(reader);
        if (bySegment.putIfAbsent(core.getKey(), read) == null) {
            core.addClosedListener(bySegment::remove);
        }
        return read;
    }

    /** How many segments' columns are held (for tests: they go when their segments close). */
    int segmentsHeld() {
        return bySegment.size();
    }

    /** One segment's columns: the keyword dimensions in {@link Facets#KEYWORD_DIMENSIONS} order, and the days. */
    static final class Segment {
        final List<Keyword> keywords;
        /** Each document's day as days after {@link #firstDay}, or -1 when it has none. */
        private final Numbers days;

        private final int firstDay;

        private Segment(List<Keyword> keywords, Numbers days, int firstDay) {
            this.keywords = keywords;
            this.days = days;
            this.firstDay = firstDay;
        }

        static Segment read(LeafReader reader) throws IOException {
            List<Keyword> keywords = new java.util.ArrayList<>();
            for (String dimension : Facets.KEYWORD_DIMENSIONS) {
                keywords.add(Keyword.read(reader, dimension));
            }
            int[] days = new int[reader.maxDoc()];
            java.util.Arrays.fill(days, NO_DAY);
            int firstDay = Integer.MAX_VALUE;
            SortedNumericDocValues published = DocValues.getSortedNumeric(reader, ArticleFields.PUBLISHED);
            for (int doc = published.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = published.nextDoc()) {
                // the first (least) value: a document has one date
                days[doc] = Math.toIntExact(Math.floorDiv(published.nextValue(), Facets.DAY_MILLIS));
                firstDay = Math.min(firstDay, days[doc]);
            }
            for (int doc = 0; doc < days.length; doc++) {
                days[doc] = days[doc] == NO_DAY ? -1 : days[doc] - firstDay;
            }
            return new Segment(List.copyOf(keywords), Numbers.of(days), firstDay);
        }

        /** The document's publication day since the epoch, or {@link #NO_DAY}. */
        int day(int doc) {
            int day = days.get(doc);
            return day < 0 ? NO_DAY : firstDay + day;
        }
    }

    /**
     * One keyword dimension in one segment: the value numbers of each document and the values they
     * stand for (numbered in value order within the segment, as doc values number them).
     *
     * <p>When no document has two values, {@code starts} is null and {@code values.get(doc)} is the
     * document's value number, or -1; otherwise document {@code doc}'s value numbers are at {@code
     * starts[doc]} up to {@code starts[doc + 1]}, exclusive, in {@code values}.
     */
    static final class Keyword {
        final String[] labels;
        private final int @Nullable [] starts;
        private final Numbers values;

        private Keyword(String[] labels, int @Nullable [] starts, Numbers values) {
            this.labels = labels;
            this.starts = starts;
            this.values = values;
        }

        static Keyword read(LeafReader reader, String dimension) throws IOException {
            int maxDoc = reader.maxDoc();
            SortedSetDocValues many = DocValues.getSortedSet(reader, dimension);
            String[] labels = new String[Math.toIntExact(many.getValueCount())];
            for (int ord = 0; ord < labels.length; ord++) {
                labels[ord] = many.lookupOrd(ord).utf8ToString();
            }
            SortedDocValues single = DocValues.unwrapSingleton(many);
            if (single != null) {
                int[] values = new int[maxDoc];
                java.util.Arrays.fill(values, -1);
                for (int doc = single.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = single.nextDoc()) {
                    values[doc] = single.ordValue();
                }
                return new Keyword(labels, null, Numbers.of(values));
            }
            int[] starts = new int[maxDoc + 1];
            int[] values = new int[Math.max(16, maxDoc)];
            int used = 0;
            int filledTo = 0; // documents before this one have their start set
            for (int doc = many.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = many.nextDoc()) {
                for (; filledTo <= doc; filledTo++) {
                    starts[filledTo] = used;
                }
                int count = many.docValueCount();
                if (used + count > values.length) {
                    values = java.util.Arrays.copyOf(
                            values, Math.max(used + count, values.length + (values.length >> 1)));
                }
                for (int i = 0; i < count; i++) {
                    values[used++] = Math.toIntExact(many.nextOrd());
                }
            }
            for (; filledTo <= maxDoc; filledTo++) {
                starts[filledTo] = used;
            }
            return new Keyword(labels, starts, Numbers.of(java.util.Arrays.copyOf(values, used)));
        }

        /** Adds one to the count of each of {@code doc}'s values. */
        void count(int doc, int[] counts) {
            int[] starts = this.starts;
            if (starts == null) {
                int value = values.get(doc);
                if (value >= 0) {
                    counts[value]++;
                }
                return;
            }
            for (int i = starts[doc], end = starts[doc + 1]; i < end; i++) {
                counts[values.get(i)]++;
            }
        }
    }

    /**
     * Small non-negative numbers (or -1), in 8 bits each when all fit, else in 16, else in 32: facet value
     * numbers and days are nearly always small, and a narrower column is fewer cache lines to fetch.
     */
    static final class Numbers {
        private static final int BYTE_NONE = 0xFF;
        private static final char CHAR_NONE = Character.MAX_VALUE;

        private final byte @Nullable [] bytes;
        private final char @Nullable [] chars;
        private final int @Nullable [] ints;

        private Numbers(byte @Nullable [] bytes, char @Nullable [] chars, int @Nullable [] ints) {
            this.bytes = bytes;
            this.chars = chars;
            this.ints = ints;
        }

        static Numbers of(int[] values) {
            int max = -1;
            for (int value : values) {
                max = Math.max(max, value);
            }
            if (max < BYTE_NONE) {
                byte[] bytes = new byte[values.length];
                for (int i = 0; i < values.length; i++) {
                    bytes[i] = (byte) (values[i] < 0 ? BYTE_NONE : values[i]);
                }
                return new Numbers(bytes, null, null);
            }
            if (max < CHAR_NONE) {
                char[] chars = new char[values.length];
                for (int i = 0; i < values.length; i++) {
                    chars[i] = values[i] < 0 ? CHAR_NONE : (char) values[i];
                }
                return new Numbers(null, chars, null);
            }
            return new Numbers(null, null, values);
        }

        /** How many bits each number is held in: 8, 16 or 32. */
        int bits() {
            return bytes != null ? 8 : chars != null ? 16 : 32;
        }

        int get(int i) {
            byte[] bytes = this.bytes;
            if (bytes != null) {
                int value = bytes[i] & 0xFF;
                return value == BYTE_NONE ? -1 : value;
            }
            char[] chars = this.chars;
            if (chars != null) {
                int value = chars[i];
                return value == CHAR_NONE ? -1 : value;
            }
            return java.util.Objects.requireNonNull(ints)[i];
        }
    }
}
