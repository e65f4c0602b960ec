package org.gleaner.fetch;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the server said about when to ask again: {@code Cache-Control: max-age}, {@code Expires} and
 * {@code Retry-After}. The scheduler never polls earlier than these (issue 3); each is null when absent or unparseable.
 */
public record CacheHints(@Nullable Duration maxAge, @Nullable Instant expires, @Nullable Instant retryAfter) {
    private static final CacheHints NONE = new CacheHints(null, null, null);

    public static CacheHints none() {
        return NONE;
    }
}
