package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.StringHelper;
import org.gleaner.index.ArticleFields;
import org.jspecify.annotations.Nullable;

/**
 * Which story ids may have more than one document, and in which index segments, so that collapsing a
 * page looks up copies only for those stories and only where they are, instead of seeking the story
 * id in every segment for every hit (at a million articles that is dozens of segments times twenty
 * hits per page).
 *
 * <p>A story with several documents always has one whose story id is not its own key (keys are
 * unique, so at most one document can carry the story's own key). In a segment, a story id is
 * flagged when it is held by several documents, or when no document of that segment has it as key:
 * the copy of an original stored in another segment is caught in the copy's segment. Flags are a
 * superset (deleted documents still hold terms until merged away); an unflagged story has exactly one
 * document. Computed once per segment, on first use, by walking the story and key terms side by
 * side, and dropped when the segment closes.
 *
 * <p>A segment holds its story ids, flagged and all, as sorted arrays of their 32-bit hashes: the id
 * is hashed once per hit instead of once per segment, a lookup is a binary search, and an id takes 4
 * bytes; a 64 Kbit filter of the flagged hashes' low bits answers most lookups of unshared stories
 * with one probe. A hash collision only makes an unshared story look shared, or a segment look as if
 * it held a story (at 100,000 ids, one lookup in about 40,000): that costs a seek and changes no
 * result.
 */
final class SharedStories {
    private static final int HASH_SEED = 0x5EED;

    /** One segment's story ids as sorted hashes: those that may be shared, and all of them. */
    private static final class Segment {
        /** Bits of a filter over the low bits of the hashes: one probe clears most unshared stories. */
        private static final int FILTER_BITS = 1 << 16;

        final int[] flagged;
        final int[] all;
        private final FixedBitSet filter = new FixedBitSet(FILTER_BITS);

        Segment(int[] flagged, int[] all) {
            this.flagged = flagged;
            this.all = all;
            for (int hash : flagged) {
                filter.set(hash & (FILTER_BITS - 1));
            }
        }

        boolean mayFlag(int hash) {
            return filter.get(hash & (FILTER_BITS - 1)) && Arrays.binarySearch(flagged, hash) >= 0;
        }
    }

    /** The segments of one point-in-time reader, in leaf order. */
    private static final class ReaderSegments {
        final IndexReader reader;
        final Segment[] segments;

        ReaderSegments(IndexReader reader, Segment[] segments) {
            this.reader = reader;
            this.segments = segments;
        }
    }

    private final Map<IndexReader.CacheKey, Segment> bySegment = new ConcurrentHashMap<>();
    private volatile @Nullable ReaderSegments latest;

    /**
     * The segments of {@code reader} that may hold documents of the story when it may have more than
     * one document; none when it has only one.
     */
    List<LeafReaderContext> segmentsHoldingCopies(IndexReader reader, BytesRef story) throws IOException {
        Segment[] segments = segments(reader);
        int hash = StringHelper.murmurhash3_x86_32(story, HASH_SEED);
        boolean shared = false;
        for (Segment segment : segments) {
            if (segment.mayFlag(hash)) {
                shared = true;
                break;
            }
        }
        if (!shared) {
            return List.of();
        }
        List<LeafReaderContext> leaves = reader.leaves();
        List<LeafReaderContext> holding = new ArrayList<>(2);
        for (int i = 0; i < segments.length; i++) {
            if (Arrays.binarySearch(segments[i].all, hash) >= 0) {
                holding.add(leaves.get(i));
            }
        }
        return holding;
    }

    @SuppressWarnings("ReferenceEquality") // a reader is a point-in-time view: identity is the point
    private Segment[] segments(IndexReader reader) throws IOException {
        ReaderSegments known = latest;
        if (known != null && known.reader == reader) {
            return known.segments;
        }
        List<LeafReaderContext> leaves = reader.leaves();
        Segment[] segments = new Segment[leaves.size()];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = segment(leaves.get(i).reader());
        }
        latest = new ReaderSegments(reader, segments);
        return segments;
    }

    private Segment segment(LeafReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return compute(reader);
        }
        IndexReader.CacheKey key = helper.getKey();
        Segment cached = bySegment.get(key);
        if (cached != null) {
            return cached;
        }
        Segment computed = compute(reader);
        if (bySegment.putIfAbsent(key, computed) == null) {
            helper.addClosedListener(bySegment::remove);
        }
        return computed;
    }

    private static Segment compute(LeafReader reader) throws IOException {
        Terms stories = reader.terms(ArticleFields.STORY);
        if (stories == null) {
            return new Segment(new int[0], new int[0]);
        }
        Terms keys = reader.terms(ArticleFields.KEY);
        TermsEnum keyTerms = keys == null ? TermsEnum.EMPTY : keys.iterator();
        BytesRef key = keyTerms.next();
        int[] flagged = new int[16];
        int flaggedCount = 0;
        int[] all = new int[Math.toIntExact(Math.max(16, stories.size()))];
        int allCount = 0;
        TermsEnum storyTerms = stories.iterator();
        for (BytesRef story = storyTerms.next(); story != null; story = storyTerms.next()) {
            int hash = StringHelper.murmurhash3_x86_32(story, HASH_SEED);
            all = ArrayUtil.grow(all, allCount + 1);
            all[allCount++] = hash;
            // both enumerations are in the same (unsigned byte) order: advance the keys to this story
            while (key != null && key.compareTo(story) < 0) {
                key = keyTerms.next();
            }
            boolean isKeyHere = key != null && key.bytesEquals(story);
            if (storyTerms.docFreq() > 1 || !isKeyHere) {
                flagged = ArrayUtil.grow(flagged, flaggedCount + 1);
                flagged[flaggedCount++] = hash;
            }
        }
        return new Segment(sorted(flagged, flaggedCount), sorted(all, allCount));
    }

    private static int[] sorted(int[] hashes, int count) {
        int[] sorted = ArrayUtil.copyOfSubArray(hashes, 0, count);
        Arrays.sort(sorted);
        return sorted;
    }
}
