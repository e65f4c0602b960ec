package org.gleaner.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One story that matched one watch; unique per (watch, story).
 *
 * @param passage why it matched: an HTML passage whose only markup is {@code <mark>}
 */
public record Alert(
        long id,
        long watchId,
        String storyId,
        String documentKey,
        String title,
        String url,
        @Nullable Instant published,
        String passage,
        Instant matchedAt) {

    /** A match the matcher found, before the store has decided whether it is new. */
    public record Match(
            long watchId,
            String storyId,
            String documentKey,
            String title,
            String url,
            @Nullable Instant published,
            String passage) {}
}
