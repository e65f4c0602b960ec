package org.gleaner.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.gleaner.schedule.RefreshScheduler.ScheduledFeed;
import org.junit.jupiter.api.Test;
import org.quartz.SchedulerException;

/** The real Quartz scheduler in memory: triggers fire on the real clock, so a test waits for what it expects. */
class RefreshSchedulerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final InstantSource clock = InstantSource.system();

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - giveUp).as("waited %s", PATIENCE).isNegative();
            Thread.sleep(10);
        }
    }

    private static BooleanSupplier pending(RefreshScheduler scheduler, String feed, int count) {
        return () -> {
            try {
                return scheduler.pendingTriggers(feed) == count;
            } catch (SchedulerException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private RefreshScheduler scheduler(Function<String, Optional<Instant>> refresh) {
        return new RefreshScheduler(refresh, clock, 4);
    }

    @Test
    void refreshesADueFeedAndSchedulesTheCheckItReturns() throws Exception {
        Instant next = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        CountDownLatch refreshed = new CountDownLatch(1);
        try (RefreshScheduler scheduler = scheduler(name -> {
            refreshed.countDown();
            return Optional.of(next);
        })) {
            scheduler.start(List.of(new ScheduledFeed("blog", null)));
            assertThat(refreshed.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            await(() -> scheduler.nextRun("blog").isPresent());
            assertThat(scheduler.nextRun("blog")).contains(next);
            await(pending(scheduler, "blog", 1));
        }
    }

    @Test
    void aFeedWithoutANextCheckIsNotScheduledAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (RefreshScheduler scheduler = scheduler(name -> {
            calls.incrementAndGet();
            return Optional.empty();
        })) {
            scheduler.start(List.of(new ScheduledFeed("gone", null)));
            await(() -> calls.get() == 1);
            await(pending(scheduler, "gone", 0));
            assertThat(scheduler.nextRun("gone")).isEmpty();
        }
    }

    @Test
    void aTriggerReplacedByALaterOneFiresWithoutRefreshing() throws Exception {
        Instant later = clock.instant().plus(Duration.ofHours(1));
        AtomicInteger calls = new AtomicInteger();
        try (RefreshScheduler scheduler = scheduler(name -> {
            calls.incrementAndGet();
            return Optional.empty();
        })) {
            scheduler.start(List.of(new ScheduledFeed("blog", later)));
            // Both triggers are set a moment ahead so that the second replaces the first before either
            // fires; both then fire and complete, and only the last one scheduled refreshes. The first
            // trigger (an hour away) was replaced too and stays pending without effect.
            Instant soon = clock.instant().plus(Duration.ofSeconds(2));
            scheduler.fireAt("blog", soon);
            scheduler.fireAt("blog", soon);
            await(pending(scheduler, "blog", 1));
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void aFeedIsNeverRefreshedTwiceAtOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RefreshScheduler scheduler = scheduler(name -> {
            calls.incrementAndGet();
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                firstStarted.countDown();
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return Optional.of(clock.instant().plus(Duration.ofHours(2)));
        })) {
            scheduler.start(List.of(new ScheduledFeed("slow", null)));
            assertThat(firstStarted.await(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                    .isTrue();
            // As after the feed was removed and added again while it was being refreshed.
            Instant fired = clock.instant();
            scheduler.fireAt("slow", fired);
            // The new trigger fires and completes while the first refresh still runs ...
            BooleanSupplier twoLeft = pending(scheduler, "slow", 2);
            await(() -> scheduler.nextRun("slow").filter(fired::isBefore).isPresent() && twoLeft.getAsBoolean());
            assertThat(calls).hasValue(1);
            // ... and moves the feed's schedule a minute on instead of refreshing it concurrently.
            Instant retry = scheduler.nextRun("slow").orElseThrow();
            assertThat(retry).isAfter(fired).isBefore(fired.plus(RefreshScheduler.BUSY_RETRY.plusSeconds(30)));
            release.countDown();
            // The first refresh ends without scheduling: its trigger is no longer the feed's live one.
            await(pending(scheduler, "slow", 1));
            assertThat(scheduler.nextRun("slow")).contains(retry);
            assertThat(mostInFlight).hasValue(1);
        }
    }
}
