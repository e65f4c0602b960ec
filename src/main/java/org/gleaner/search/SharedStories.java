package org.gleaner.search;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.gleaner.index.ArticleFields;

/**
 * Which story ids may have more than one document, per index segment, so that collapsing a page
 * looks up copies only for those stories instead of seeking the story id in every segment for every
 * hit (at a million articles that is dozens of segments times twenty hits per page).
 *
 * <p>A story with several documents always has one whose story id is not its own key (keys are
 * unique, so at most one document can carry the story's own key). In a segment, a story id is
 * flagged when it is held by several documents, or when no document of that segment has it as key:
 * the copy of an original stored in another segment is caught in the copy's segment. Flags are a
 * superset (deleted documents still hold terms until merged away); an unflagged story has exactly one
 * document. Computed once per segment, on first use, by walking the story and key terms side by
 * side, and dropped when the segment closes.
 */
final class SharedStories {
    private final Map<IndexReader.CacheKey, Set<BytesRef>> bySegment = new ConcurrentHashMap<>();

    /** Whether the story may have more than one document in the reader the leaves belong to. */
    boolean mayBeShared(Iterable<LeafReaderContext> leaves, BytesRef story) throws IOException {
        for (LeafReaderContext leaf : leaves) {
            if (flagged(leaf.reader()).contains(story)) {
                return true;
            }
        }
        return false;
    }

    private Set<BytesRef> flagged(LeafReader reader) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return compute(reader);
        }
        IndexReader.CacheKey key = helper.getKey();
        Set<BytesRef> cached = bySegment.get(key);
        if (cached != null) {
            return cached;
        }
        Set<BytesRef> computed = compute(reader);
        if (bySegment.putIfAbsent(key, computed) == null) {
            helper.addClosedListener(bySegment::remove);
        }
        return computed;
    }

    private static Set<BytesRef> compute(LeafReader reader) throws IOException {
        Set<BytesRef> flagged = new HashSet<>();
        Terms stories = reader.terms(ArticleFields.STORY);
        if (stories == null) {
            return Set.of();
        }
        Terms keys = reader.terms(ArticleFields.KEY);
        TermsEnum keyTerms = keys == null ? TermsEnum.EMPTY : keys.iterator();
        BytesRef key = keyTerms.next();
        TermsEnum storyTerms = stories.iterator();
        for (BytesRef story = storyTerms.next(); story != null; story = storyTerms.next()) {
            // both enumerations are in the same (unsigned byte) order: advance the keys to this story
            while (key != null && key.compareTo(story) < 0) {
                key = keyTerms.next();
            }
            boolean isKeyHere = key != null && key.bytesEquals(story);
            if (storyTerms.docFreq() > 1 || !isKeyHere) {
                flagged.add(BytesRef.deepCopyOf(story));
            }
        }
        return flagged;
    }
}
