package org.gleaner.web;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** At most {@code limit} events per client in each fixed window; the clock is passed in for tests. */
final class RateLimiter {
    private final int limit;
    private final Duration window;
    private final InstantSource clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int limit, Duration window, InstantSource clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    private record Window(Instant start, int count) {}

    /**
     * Counts one event for {@code client}.
     *
     * @return zero when allowed, else how long until the client may try again
     */
    Duration acquire(String client) {
        Instant now = clock.instant();
        if (windows.size() > 10_000) {
            windows.entrySet().removeIf(e -> !e.getValue().start().plus(window).isAfter(now));
        }
        Window updated = windows.merge(
                client,
                new Window(now, 1),
                (old, fresh) ->
                        old.start().plus(window).isAfter(now) ? new Window(old.start(), old.count() + 1) : fresh);
        if (updated.count() <= limit) {
            return Duration.ZERO;
        }
        return Duration.between(now, updated.start().plus(window));
    }
}
