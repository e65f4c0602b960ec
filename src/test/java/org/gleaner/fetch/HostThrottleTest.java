package org.gleaner.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class HostThrottleTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void grantsOnePermitPerHostAtATimeByDefault() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ZERO, 1);

        HostThrottle.Permit first = granted(throttle, "example.org");

        assertThat(first).isNotNull();
        assertThat(throttle.tryAcquire("example.org")).isNull();
        first.close();
        assertThat(throttle.tryAcquire("example.org")).isNotNull();
    }

    @Test
    void spacesRequestsToOneHostByTheDelayAfterTheEndOfThePreviousOne() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ofSeconds(1), 2);

        HostThrottle.Permit first = granted(throttle, "example.org");
        clock.advance(Duration.ofMillis(300));
        first.close();

        assertThat(throttle.tryAcquire("example.org")).isNull();
        assertThat(throttle.waitTime("example.org")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(999));
        assertThat(throttle.tryAcquire("example.org")).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.tryAcquire("example.org")).isNotNull();
    }

    @Test
    void spacesStartsEvenWhenSeveralRequestsMayRunAtOnce() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ofSeconds(1), 3);

        assertThat(throttle.tryAcquire("example.org")).isNotNull();
        assertThat(throttle.tryAcquire("example.org")).isNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.tryAcquire("example.org")).isNotNull();
    }

    @Test
    void differentHostsDoNotWaitForEachOther() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ofSeconds(5), 1);

        assertThat(throttle.tryAcquire("a.example")).isNotNull();
        assertThat(throttle.tryAcquire("b.example")).isNotNull();
        assertThat(throttle.tryAcquire("c.example")).isNotNull();
    }

    @Test
    void aPausedHostGetsNothingUntilThePauseEnds() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ZERO, 1);
        Instant until = clock.instant().plusSeconds(120);

        throttle.pauseUntil("example.org", until, 429);

        assertThat(throttle.pausedUntil("example.org")).isEqualTo(until);
        assertThat(throttle.pauseStatus("example.org")).isEqualTo(429);
        assertThat(throttle.tryAcquire("example.org")).isNull();
        assertThat(throttle.waitTime("example.org")).isEqualTo(Duration.ofMinutes(2));
        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.pausedUntil("example.org")).isNull();
        assertThat(throttle.tryAcquire("example.org")).isNotNull();
    }

    @Test
    void anEarlierPauseDoesNotShortenALaterOne() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ZERO, 1);

        throttle.pauseUntil("example.org", clock.instant().plusSeconds(300), 503);
        throttle.pauseUntil("example.org", clock.instant().plusSeconds(10), 429);

        assertThat(throttle.pausedUntil("example.org"))
                .isEqualTo(clock.instant().plusSeconds(300));
        assertThat(throttle.pauseStatus("example.org")).isEqualTo(503);
    }

    @Test
    void aCrawlDelayRaisesTheSpacingForThatHostOnly() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ofSeconds(1), 1);
        throttle.raiseDelay("slow.example", Duration.ofSeconds(10));

        granted(throttle, "slow.example").close();
        granted(throttle, "fast.example").close();

        assertThat(throttle.waitTime("slow.example")).isEqualTo(Duration.ofSeconds(10));
        assertThat(throttle.waitTime("fast.example")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void closingAPermitTwiceReleasesItOnce() {
        HostThrottle throttle = new HostThrottle(clock, Duration.ZERO, 2);
        HostThrottle.Permit first = granted(throttle, "example.org");
        HostThrottle.Permit second = throttle.tryAcquire("example.org");

        first.close();
        first.close();

        assertThat(second).isNotNull();
        assertThat(throttle.tryAcquire("example.org")).isNotNull();
        assertThat(throttle.tryAcquire("example.org")).isNull();
    }

    @Test
    void acquireGivesUpAfterMaxWait() throws Exception {
        HostThrottle throttle = new HostThrottle(clock, Duration.ZERO, 1);
        HostThrottle.Permit held = granted(throttle, "example.org");

        assertThat(throttle.acquire("example.org", Duration.ofMillis(50))).isNull();
        held.close();
        assertThat(throttle.acquire("example.org", Duration.ofMillis(50))).isNotNull();
    }

    private static HostThrottle.Permit granted(HostThrottle throttle, String host) {
        HostThrottle.Permit permit = throttle.tryAcquire(host);
        assertThat(permit).as("permit for " + host).isNotNull();
        return java.util.Objects.requireNonNull(permit);
    }
}
