package org.gleaner.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.gleaner.ingest.NextCheckPolicy;
import org.gleaner.ingest.RefreshFacts;
import org.jspecify.annotations.Nullable;

/**
 * When to refresh a feed next. Pure: the facts of one refresh in, an instant out.
 *
 * <ul>
 *   <li>A feed that answered is polled at its observed posting rate (Miniflux's entry frequency: a
 *       week divided by the entries of the last week), clamped to {@code [minEvery, maxEvery]}, and
 *       never earlier than the feed's or server's own hints ({@code <ttl>}, {@code sy:updatePeriod},
 *       {@code Cache-Control: max-age}). A per-feed {@code every:} wins over the adaptive rate.
 *   <li>Failures back off exponentially from {@code minEvery} up to a day, with jitter, forever:
 *       nothing is disabled silently. {@code Retry-After} is honoured. {@code 410 Gone} stops.
 * </ul>
 */
public final class RefreshPolicy implements NextCheckPolicy {
    /** The window over which the posting rate is measured. */
    static final Duration RATE_WINDOW = Duration.ofDays(7);
    /** Backoff never waits longer than this, so a feed that comes back is noticed within a day. */
    static final Duration MAX_BACKOFF = Duration.ofHours(24);
    /** Spread of the random factor applied to every interval, so feeds do not fire in lockstep. */
    static final double JITTER = 0.1;

    private final Duration defaultEvery;
    private final Duration minEvery;
    private final Duration maxEvery;
    private final DoubleSupplier random;

    /**
     * @param defaultEvery the interval while a feed's posting rate is unknown (no dated entries)
     * @param random a source of numbers in [0, 1) for jitter (inject a fixed one in tests)
     */
    public RefreshPolicy(Duration defaultEvery, Duration minEvery, Duration maxEvery, DoubleSupplier random) {
        if (minEvery.compareTo(maxEvery) > 0) {
            throw new IllegalArgumentException("min_every " + minEvery + " is longer than max_every " + maxEvery);
        }
        this.defaultEvery = defaultEvery;
        this.minEvery = minEvery;
        this.maxEvery = maxEvery;
        this.random = random;
    }

    @Override
    public @Nullable Instant nextCheck(RefreshFacts facts) {
        return switch (facts.kind()) {
            case GONE -> null;
            case FAILED -> facts.now().plus(jitter(backoff(facts.consecutiveFailures())));
            case RATE_LIMITED ->
                later(facts.now().plus(jitter(backoff(facts.consecutiveFailures()))), facts.retryAfter());
            case ANSWERED -> facts.now().plus(jitter(answeredInterval(facts)));
        };
    }

    /** The interval after a successful refresh, before jitter. */
    Duration answeredInterval(RefreshFacts facts) {
        if (facts.configuredEvery() != null) {
            return facts.configuredEvery();
        }
        Duration interval = clamp(postingInterval(facts.now(), facts.entryDates()));
        interval = atLeast(interval, facts.serverMaxAge());
        interval = atLeast(interval, facts.feedTtl());
        interval = atLeast(interval, facts.feedUpdateInterval());
        // A publisher's hint may ask for more than max_every, but a feed is never left for over a day.
        Duration ceiling = max(maxEvery, MAX_BACKOFF);
        return interval.compareTo(ceiling) > 0 ? ceiling : interval;
    }

    /** The interval raised to a publisher's hint, when there is one. */
    private static Duration atLeast(Duration interval, @Nullable Duration hint) {
        return hint == null ? interval : max(interval, hint);
    }

    /**
     * A week divided by the number of entries published in the last week; max_every when there were
     * none; the default interval when the feed dates no entries at all.
     */
    Duration postingInterval(Instant now, List<Instant> entryDates) {
        if (entryDates.isEmpty()) {
            return defaultEvery;
        }
        Instant since = now.minus(RATE_WINDOW);
        Instant until = now.plus(Duration.ofDays(1));
        long recent = 0;
        for (Instant date : entryDates) {
            if (date.isAfter(since) && !date.isAfter(until)) {
                recent++;
            }
        }
        return recent == 0 ? maxEvery : RATE_WINDOW.dividedBy(recent);
    }

    /** minEvery doubled per consecutive failure after the first, up to a day. */
    Duration backoff(int consecutiveFailures) {
        int doublings = Math.max(0, Math.min(consecutiveFailures - 1, 20));
        Duration wait = minEvery.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private Duration clamp(Duration interval) {
        if (interval.compareTo(minEvery) < 0) {
            return minEvery;
        }
        return interval.compareTo(maxEvery) > 0 ? maxEvery : interval;
    }

    private Duration jitter(Duration interval) {
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.round(interval.toMillis() * factor));
    }

    private static Instant later(Instant a, @Nullable Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
