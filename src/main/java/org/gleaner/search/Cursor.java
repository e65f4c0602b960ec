package org.gleaner.search;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.ScoreDoc;
import org.jspecify.annotations.Nullable;

/**
 * The opaque page cursor: the last ranked document read (its score or publication time, and its doc
 * id as the tie-break) plus a fingerprint of the query, filters and sort it belongs to.
 *
 * <p>Doc ids are those of the searcher that served the page; a merge between pages may shift a few
 * hits by one page, which is the usual trade of {@code searchAfter} against holding a searcher open.
 */
record Cursor(int fingerprint, float score, long sortValue, int doc) {
    private static final byte VERSION = 1;
    private static final int BYTES = 1 + 4 + 4 + 8 + 4;

    static Cursor of(ScoreDoc last, int fingerprint) {
        long sortValue = last instanceof FieldDoc fieldDoc && fieldDoc.fields.length > 0
                ? ((Number) fieldDoc.fields[0]).longValue()
                : 0;
        return new Cursor(fingerprint, last.score, sortValue, last.doc);
    }

    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        buffer.put(VERSION)
                .putInt(fingerprint)
                .putFloat(score)
                .putLong(sortValue)
                .putInt(doc);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    static Cursor decode(String text, int expectedFingerprint) throws QueryException {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != BYTES || bytes[0] != VERSION) {
            throw new QueryException("the cursor is not valid: start again from the first page", -1);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, BYTES - 1);
        Cursor cursor = new Cursor(buffer.getInt(), buffer.getFloat(), buffer.getLong(), buffer.getInt());
        if (cursor.fingerprint() != expectedFingerprint) {
            throw new QueryException(
                    "the cursor belongs to another query, filter or sort: start again from the first page", -1);
        }
        return cursor;
    }

    /** The {@code after} argument for the next read: a FieldDoc when sorting by date. */
    ScoreDoc after(boolean byDate) {
        return byDate ? new FieldDoc(doc, Float.NaN, new Object[] {sortValue}) : new ScoreDoc(doc, score);
    }

    static @Nullable String next(@Nullable ScoreDoc last, int fingerprint) {
        return last == null ? null : of(last, fingerprint).encode();
    }
}
