package org.gleaner.feed;

/**
 * Why a body did not yield a feed. A value, not an exception (DESIGN invariant 5).
 *
 * @param message one readable sentence, fit for {@code gleaner fetch} output and {@code /api/feeds}
 */
public record FeedParseFailure(Kind kind, String message) implements FeedParseResult {
    public enum Kind {
        /** No bytes, or only whitespace and a byte order mark. */
        EMPTY,
        /** Readable, but an HTML page, some other XML vocabulary or JSON that is not a JSON Feed. */
        NOT_A_FEED,
        /** Nothing feed-like could be recovered from the bytes. */
        MALFORMED,
        /** A DOCTYPE declares external or nested entities (XXE, entity expansion): refused unread. */
        UNSAFE,
        /** Over a parse budget: too large, too deep or too many nodes. */
        TOO_COMPLEX
    }
}
