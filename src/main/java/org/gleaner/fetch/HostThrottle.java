package org.gleaner.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Per-host politeness shared by every purpose (feeds, articles, discovery, webhooks): at most {@code maxConcurrent}
 * requests in flight per host, a request starts no sooner than {@code minDelay} after the previous one to that host
 * started AND after it ended, and a host paused by {@code Retry-After} gets nothing until then.
 *
 * <p>Time decisions use the injected {@link InstantSource}; blocking waits are real waits, re-checked against the
 * source whenever a permit is released or the computed wait has passed.
 */
public final class HostThrottle {

    /** Hosts without traffic for this long are forgotten once the table grows past {@link #PRUNE_ABOVE}. */
    private static final Duration FORGET_IDLE_AFTER = Duration.ofMinutes(10);

    /** Table size that triggers pruning of idle hosts, so months of crawling many hosts do not grow the map. */
    private static final int PRUNE_ABOVE = 4096;

    /**
     * Upper bound of one blocking wait, so a clock that jumps is noticed. A waiter otherwise sleeps until the
     * host's turn (a release wakes it earlier): with a slice of 250 ms, each request that waited out the
     * default 1 s delay woke four times for nothing, which cost more CPU than its 304.
     */
    private static final Duration MAX_WAIT_SLICE = Duration.ofSeconds(5);

    private final InstantSource clock;
    private final Duration minDelay;
    private final int maxConcurrent;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, HostState> hosts = new HashMap<>();

    private static final class HostState {
        /**
         * Signalled when this host's state changes. One condition per host: a release wakes only the
         * requests waiting for that host, not every waiting request of every host (with a hundred
         * refreshes waiting on their hosts' delays, waking all of them on each release cost more CPU than
         * the requests themselves).
         */
        final Condition changed;
        /** Requests waiting for this host; a host with waiters is never pruned. */
        int waiters;

        int active;
        Instant nextStart = Instant.MIN;
        Instant pausedUntil = Instant.MIN;
        int pauseStatus;
        Duration extraDelay = Duration.ZERO;
        Instant lastUsed = Instant.MIN;

        HostState(Condition changed) {
            this.changed = changed;
        }
    }

    /** A granted slot for one request; closing it records the end of the request. */
    public final class Permit implements AutoCloseable {
        private final String host;
        private boolean released;

        private Permit(String host) {
            this.host = host;
        }

        public String host() {
            return host;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    public HostThrottle(InstantSource clock, Duration minDelay, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be at least 1");
        }
        this.clock = clock;
        this.minDelay = minDelay;
        this.maxConcurrent = maxConcurrent;
    }

    /** A permit for the host if one is available right now, else null (see {@link #waitTime(String)}). */
    public @Nullable Permit tryAcquire(String host) {
        lock.lock();
        try {
            return grantIfReady(host, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until a permit for the host is available, or returns null once {@code maxWait} has passed without one.
     *
     * @throws InterruptedException when the waiting thread is interrupted (shutdown)
     */
    public @Nullable Permit acquire(String host, Duration maxWait) throws InterruptedException {
        long giveUpAt = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (true) {
                Instant now = clock.instant();
                Permit permit = grantIfReady(host, now);
                if (permit != null) {
                    return permit;
                }
                long left = giveUpAt - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                Duration wait = waitTimeLocked(host, now);
                long slice =
                        wait.isZero() ? MAX_WAIT_SLICE.toNanos() : Math.min(wait.toNanos(), MAX_WAIT_SLICE.toNanos());
                // grantIfReady has created the host's state; it is not pruned while anyone waits on it.
                HostState state = stateOf(host);
                state.waiters++;
                try {
                    state.changed.await(Math.max(1, Math.min(slice, left)), TimeUnit.NANOSECONDS);
                } finally {
                    state.waiters--;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long until a permit could be granted for the host; zero when one is available now, or when the host is
     * only waiting for a request in flight to end.
     */
    public Duration waitTime(String host) {
        lock.lock();
        try {
            return waitTimeLocked(host, clock.instant());
        } finally {
            lock.unlock();
        }
    }

    /** Pauses the host until the given instant (a 429/503 with or without {@code Retry-After}). */
    public void pauseUntil(String host, Instant until, int status) {
        lock.lock();
        try {
            HostState state = stateOf(host);
            if (until.isAfter(state.pausedUntil)) {
                state.pausedUntil = until;
                state.pauseStatus = status;
            }
            state.changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** When the host's pause ends, or null when it is not paused. */
    public @Nullable Instant pausedUntil(String host) {
        lock.lock();
        try {
            HostState state = hosts.get(host);
            return state == null || !state.pausedUntil.isAfter(clock.instant()) ? null : state.pausedUntil;
        } finally {
            lock.unlock();
        }
    }

    /** The status (429 or 503) that paused the host, or 0. */
    public int pauseStatus(String host) {
        lock.lock();
        try {
            HostState state = hosts.get(host);
            return state == null ? 0 : state.pauseStatus;
        } finally {
            lock.unlock();
        }
    }

    /** Raises the spacing for one host above the default, e.g. from a robots.txt {@code Crawl-delay}. */
    public void raiseDelay(String host, Duration delay) {
        lock.lock();
        try {
            HostState state = stateOf(host);
            if (delay.compareTo(state.extraDelay) > 0) {
                state.extraDelay = delay;
            }
        } finally {
            lock.unlock();
        }
    }

    private @Nullable Permit grantIfReady(String host, Instant now) {
        HostState state = hosts.get(host);
        if (state == null) {
            if (hosts.size() > PRUNE_ABOVE) {
                prune(now);
            }
            state = new HostState(lock.newCondition());
            hosts.put(host, state);
        }
        if (state.active >= maxConcurrent || now.isBefore(state.nextStart) || now.isBefore(state.pausedUntil)) {
            return null;
        }
        state.active++;
        state.nextStart = now.plus(delayFor(state));
        state.lastUsed = now;
        return new Permit(host);
    }

    private Duration waitTimeLocked(String host, Instant now) {
        HostState state = hosts.get(host);
        if (state == null) {
            return Duration.ZERO;
        }
        Instant ready = state.nextStart.isAfter(state.pausedUntil) ? state.nextStart : state.pausedUntil;
        return ready.isAfter(now) ? Duration.between(now, ready) : Duration.ZERO;
    }

    private void release(Permit permit) {
        lock.lock();
        try {
            if (permit.released) {
                return;
            }
            permit.released = true;
            HostState state = hosts.get(permit.host);
            if (state != null) {
                Instant now = clock.instant();
                state.active--;
                Instant afterEnd = now.plus(delayFor(state));
                if (afterEnd.isAfter(state.nextStart)) {
                    state.nextStart = afterEnd;
                }
                state.lastUsed = now;
                state.changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The host's state, created when first asked for. Call with the lock held. */
    private HostState stateOf(String host) {
        HostState state = hosts.get(host);
        if (state == null) {
            state = new HostState(lock.newCondition());
            hosts.put(host, state);
        }
        return state;
    }

    private Duration delayFor(HostState state) {
        return state.extraDelay.compareTo(minDelay) > 0 ? state.extraDelay : minDelay;
    }

    private void prune(Instant now) {
        Instant cutoff = now.minus(FORGET_IDLE_AFTER);
        for (Iterator<HostState> it = hosts.values().iterator(); it.hasNext(); ) {
            HostState s = it.next();
            if (s.active == 0 && s.waiters == 0 && s.lastUsed.isBefore(cutoff) && !s.pausedUntil.isAfter(now)) {
                it.remove();
            }
        }
    }
}
