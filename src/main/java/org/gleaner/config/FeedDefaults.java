package org.gleaner.config;

import java.time.Duration;
import org.gleaner.model.FullText;

/**
 * The {@code defaults:} section: what a feed gets when it does not say. {@code every} is the refresh
 * interval of a feed with no {@code every:} of its own; {@code minEvery}/{@code maxEvery} clamp the
 * adaptive schedule (a feed's own {@code every:} still wins).
 */
public record FeedDefaults(Duration every, FullText fullText, Duration minEvery, Duration maxEvery) {
    public static final Duration EVERY = Duration.ofMinutes(30);
    public static final FullText FULL_TEXT = FullText.AUTO;
    public static final Duration MIN_EVERY = Duration.ofMinutes(10);
    public static final Duration MAX_EVERY = Duration.ofHours(24);

    /** 30m, auto, 10m, 24h. */
    public static FeedDefaults standard() {
        return new FeedDefaults(EVERY, FULL_TEXT, MIN_EVERY, MAX_EVERY);
    }
}
