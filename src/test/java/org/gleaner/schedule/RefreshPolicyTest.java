package org.gleaner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.ingest.RefreshFacts;
import org.gleaner.ingest.RefreshFacts.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RefreshPolicyTest {
    private static final Instant NOW = Instant.parse("2024-12-07T12:00:00Z");
    private static final Duration MIN = Duration.ofMinutes(10);
    private static final Duration MAX = Duration.ofHours(24);
    private static final Duration DEFAULT = Duration.ofMinutes(30);
    /** 0.5 is the middle of the jitter range: no jitter. */
    private final RefreshPolicy policy = new RefreshPolicy(DEFAULT, MIN, MAX, () -> 0.5);

    private static List<Instant> postedEvery(Duration gap, int count) {
        List<Instant> dates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            dates.add(NOW.minus(gap.multipliedBy(i)));
        }
        return dates;
    }

    private static RefreshFacts answered(
            List<Instant> dates, Duration every, Duration maxAge, Duration ttl, Duration update) {
        return new RefreshFacts(NOW, Kind.ANSWERED, every, 0, null, maxAge, ttl, update, dates);
    }

    static Stream<Arguments> answeredCases() {
        return Stream.of(
                Arguments.of(
                        "hourly poster is checked hourly",
                        answered(postedEvery(Duration.ofHours(1), 200), null, null, null, null),
                        Duration.ofMinutes(60)),
                Arguments.of(
                        "a very busy feed is clamped to min_every",
                        answered(postedEvery(Duration.ofMinutes(1), 2000), null, null, null, null),
                        MIN),
                Arguments.of(
                        "a feed without dates is checked at the default interval",
                        answered(List.of(), null, null, null, null),
                        DEFAULT),
                Arguments.of(
                        "old entries count as silence",
                        answered(List.of(NOW.minus(Duration.ofDays(30))), null, null, null, null),
                        MAX),
                Arguments.of(
                        "seven posts a week means daily",
                        answered(postedEvery(Duration.ofDays(1), 7), null, null, null, null),
                        Duration.ofDays(1)),
                Arguments.of(
                        "RSS ttl is never undercut",
                        answered(postedEvery(Duration.ofMinutes(1), 2000), null, null, Duration.ofMinutes(60), null),
                        Duration.ofMinutes(60)),
                Arguments.of(
                        "sy:updatePeriod is never undercut",
                        answered(postedEvery(Duration.ofMinutes(1), 2000), null, null, null, Duration.ofHours(2)),
                        Duration.ofHours(2)),
                Arguments.of(
                        "Cache-Control max-age is never undercut",
                        answered(postedEvery(Duration.ofMinutes(1), 2000), null, Duration.ofMinutes(45), null, null),
                        Duration.ofMinutes(45)),
                Arguments.of(
                        "a hint shorter than the rate changes nothing",
                        answered(postedEvery(Duration.ofHours(1), 200), null, Duration.ofMinutes(5), null, null),
                        Duration.ofMinutes(60)),
                Arguments.of(
                        "a hint never leaves a feed longer than a day",
                        answered(List.of(NOW.minus(Duration.ofDays(30))), null, null, Duration.ofDays(9), null),
                        Duration.ofDays(1)),
                Arguments.of(
                        "a per-feed every wins over the rate",
                        answered(postedEvery(Duration.ofMinutes(1), 2000), Duration.ofMinutes(3), null, null, null),
                        Duration.ofMinutes(3)),
                Arguments.of(
                        "a per-feed every wins over max_every",
                        answered(List.of(), Duration.ofDays(3), null, null, null),
                        Duration.ofDays(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answeredCases")
    void schedulesAnsweredFeeds(String name, RefreshFacts facts, Duration expected) {
        assertThat(policy.nextCheck(facts)).isEqualTo(NOW.plus(expected));
    }

    static Stream<Arguments> failureCases() {
        return Stream.of(
                Arguments.of(1, MIN),
                Arguments.of(2, MIN.multipliedBy(2)),
                Arguments.of(3, MIN.multipliedBy(4)),
                Arguments.of(6, MIN.multipliedBy(32)),
                Arguments.of(9, Duration.ofHours(24)),
                Arguments.of(500, Duration.ofHours(24)));
    }

    @ParameterizedTest(name = "failure #{0} waits {1}")
    @MethodSource("failureCases")
    void failuresBackOffExponentiallyUpToADayAndKeepRetrying(int failures, Duration expected) {
        RefreshFacts facts = new RefreshFacts(NOW, Kind.FAILED, null, failures, null, null, null, null, List.of());
        assertThat(policy.nextCheck(facts)).isEqualTo(NOW.plus(expected));
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackoff() {
        Instant retry = NOW.plus(Duration.ofHours(3));
        RefreshFacts facts = new RefreshFacts(NOW, Kind.RATE_LIMITED, null, 1, retry, null, null, null, List.of());
        assertThat(policy.nextCheck(facts)).isEqualTo(retry);
        RefreshFacts soon =
                new RefreshFacts(NOW, Kind.RATE_LIMITED, null, 1, NOW.plusSeconds(5), null, null, null, List.of());
        assertThat(policy.nextCheck(soon)).isEqualTo(NOW.plus(MIN));
    }

    @Test
    void goneStopsPolling() {
        RefreshFacts facts = new RefreshFacts(NOW, Kind.GONE, null, 1, null, null, null, null, List.of());
        assertThat(policy.nextCheck(facts)).isNull();
    }

    @Test
    void jitterStaysWithinTenPercent() {
        RefreshFacts facts = answered(List.of(), Duration.ofMinutes(100), null, null, null);
        assertThat(new RefreshPolicy(DEFAULT, MIN, MAX, () -> 0.0).nextCheck(facts))
                .isEqualTo(NOW.plus(Duration.ofMinutes(90)));
        assertThat(new RefreshPolicy(DEFAULT, MIN, MAX, () -> 0.999999).nextCheck(facts))
                .isBetween(NOW.plus(Duration.ofMinutes(109)), NOW.plus(Duration.ofMinutes(110)));
    }
}
