package org.gleaner.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a refresh learned that decides when to look again: the outcome, the server's and the feed's
 * hints, and when the feed's recent entries were published.
 *
 * @param configuredEvery the feed's own {@code every:} from the configuration, which wins when set
 * @param consecutiveFailures failures in a row including this one (0 after a success)
 * @param retryAfter when the server asked us to come back (429/503 Retry-After)
 * @param serverMaxAge {@code Cache-Control: max-age}, or the distance to {@code Expires}
 * @param feedTtl RSS {@code <ttl>}
 * @param feedUpdateInterval {@code sy:updatePeriod} divided by {@code sy:updateFrequency}
 * @param entryDates publication dates of the entries the feed currently carries
 */
public record RefreshFacts(
        Instant now,
        Kind kind,
        @Nullable Duration configuredEvery,
        int consecutiveFailures,
        @Nullable Instant retryAfter,
        @Nullable Duration serverMaxAge,
        @Nullable Duration feedTtl,
        @Nullable Duration feedUpdateInterval,
        List<Instant> entryDates) {

    public RefreshFacts {
        entryDates = List.copyOf(entryDates);
    }

    /** The kinds of outcome that schedule differently. */
    public enum Kind {
        /** 200 or 304: the feed answered. */
        ANSWERED,
        /** 429 or 503: the server asked us to slow down. */
        RATE_LIMITED,
        /** Anything else that went wrong: back off and keep trying. */
        FAILED,
        /** 410: the publisher removed the feed; stop polling. */
        GONE
    }
}
