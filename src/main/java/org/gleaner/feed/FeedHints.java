package org.gleaner.feed;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the publisher says about how often to poll. The scheduler never polls earlier than these.
 *
 * @param ttl RSS {@code <ttl>} (minutes in the feed)
 * @param updateInterval {@code sy:updatePeriod} divided by {@code sy:updateFrequency}
 */
public record FeedHints(@Nullable Duration ttl, @Nullable Duration updateInterval) {
    private static final FeedHints NONE = new FeedHints(null, null);

    public static FeedHints none() {
        return NONE;
    }
}
