package org.gleaner.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.gleaner.store.Alert;
import org.gleaner.store.Delivery;
import org.gleaner.store.DeliveryStore;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox: at-least-once, in order per channel. A failed attempt is retried with
 * exponential backoff and jitter ({@link MonitorTuning}), never before the receiver's
 * {@code Retry-After}; while a channel's oldest delivery waits, nothing behind it is sent. After
 * {@link MonitorTuning#GIVE_UP_AFTER} a delivery is dead (listed, replayable); a 410 disables the
 * channel.
 */
public final class DeliveryWorker {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryStore store;
    private final Map<WatchChannel.Kind, Sender> senders;
    private final InstantSource clock;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), for jitter */
    public DeliveryWorker(
            DeliveryStore store, Map<WatchChannel.Kind, Sender> senders, InstantSource clock, DoubleSupplier random) {
        this.store = store;
        this.senders = Map.copyOf(senders);
        this.clock = clock;
        this.random = random;
    }

    /** Sends everything that is due now. Returns how many alerts were delivered. */
    public synchronized int deliverDue() {
        int delivered = 0;
        for (long channelId : store.channelsWithDue(clock.instant())) {
            while (true) {
                Optional<Delivery.Batch> next = store.next(channelId, clock.instant());
                if (next.isEmpty()) {
                    break;
                }
                int sent = attempt(next.get());
                if (sent == 0) {
                    break;
                }
                delivered += sent;
            }
        }
        return delivered;
    }

    /** What one channel said to a test alert. */
    public record TestResult(
            WatchChannel.Kind kind, String target, boolean delivered, @Nullable Integer status, String message) {}

    /**
     * Sends a made-up alert to each of the watch's channels at once, outside the outbox (nothing is
     * stored or retried), so a user can check an endpoint before the first real match.
     */
    public List<TestResult> sendTest(Watch watch) {
        Instant now = clock.instant();
        Alert sample = new Alert(
                0,
                watch.id(),
                "test:" + now.toEpochMilli(),
                "test",
                "Test alert from Gleaner for the watch '" + watch.name() + "'",
                "https://example.org/gleaner-test-alert",
                now,
                "This is a test of the watch <mark>" + Passages.escape(watch.name()) + "</mark>; no story matched.",
                now);
        List<TestResult> results = new ArrayList<>();
        for (WatchChannel channel : watch.channels()) {
            Sender sender = senders.get(channel.kind());
            if (sender == null) {
                results.add(new TestResult(
                        channel.kind(),
                        channel.target(),
                        false,
                        null,
                        "no " + channel.kind().label() + " sender is configured"));
                continue;
            }
            Delivery.Batch batch =
                    new Delivery.Batch(watch, channel, List.of(new Delivery.Item(0, sample, 0, now, now)));
            Sender.Outcome outcome = sendSafely(sender, batch);
            if (outcome instanceof Sender.Outcome.Sent sent) {
                results.add(new TestResult(channel.kind(), channel.target(), true, sent.status(), "delivered"));
            } else if (outcome instanceof Sender.Outcome.Gone gone) {
                results.add(new TestResult(channel.kind(), channel.target(), false, gone.status(), gone.error()));
            } else {
                Sender.Outcome.Retry retry = (Sender.Outcome.Retry) outcome;
                results.add(new TestResult(channel.kind(), channel.target(), false, retry.status(), retry.error()));
            }
        }
        return results;
    }

    private int attempt(Delivery.Batch batch) {
        List<Long> ids = batch.items().stream().map(Delivery.Item::id).toList();
        Sender sender = senders.get(batch.channel().kind());
        Sender.Outcome outcome = sender == null
                ? new Sender.Outcome.Retry(
                        null, null, "no " + batch.channel().kind().label() + " sender is configured")
                : sendSafely(sender, batch);
        Instant now = clock.instant();
        if (outcome instanceof Sender.Outcome.Sent sent) {
            store.delivered(ids, sent.status(), now);
            return ids.size();
        }
        if (outcome instanceof Sender.Outcome.Gone gone) {
            // The receiver said it is gone for good: stop the channel; what it refused is dead and replayable.
            store.disableChannel(batch.channel().id(), "HTTP " + gone.status() + " at " + now + ": " + gone.error());
            store.dead(ids, gone.status(), gone.error());
            log.warn(
                    "{} {} is gone (410): disabled",
                    batch.channel().kind().label(),
                    batch.channel().target());
            return 0;
        }
        Sender.Outcome.Retry retry = (Sender.Outcome.Retry) outcome;
        Delivery.Item first = batch.items().get(0);
        Instant next = now.plus(backoff(first.attempts() + 1));
        if (retry.notBefore() != null && retry.notBefore().isAfter(next)) {
            next = retry.notBefore();
        }
        if (next.isAfter(first.dueAt().plus(MonitorTuning.GIVE_UP_AFTER))) {
            store.dead(ids, retry.status(), retry.error());
            log.warn(
                    "delivery to {} is dead after {} attempts: {}",
                    batch.channel().target(),
                    first.attempts() + 1,
                    retry.error());
            return 0;
        }
        store.retryAt(ids, next, retry.status(), retry.error());
        return 0;
    }

    private static Sender.Outcome sendSafely(Sender sender, Delivery.Batch batch) {
        try {
            return sender.send(batch);
        } catch (RuntimeException e) {
            // Broken machinery for one channel must not stop the others: retry it later.
            log.error("sending to {} failed", batch.channel().target(), e);
            return new Sender.Outcome.Retry(null, null, "internal error: " + e);
        }
    }

    /** The wait after the n-th failed attempt: doubling from the first retry, capped, shortened at random. */
    Duration backoff(int attempt) {
        long base = MonitorTuning.FIRST_RETRY.toMillis();
        long capped = MonitorTuning.MAX_RETRY_DELAY.toMillis();
        long delay = attempt >= 30 ? capped : Math.min(capped, base << (attempt - 1));
        double jitter = 1.0 - MonitorTuning.JITTER * random.getAsDouble();
        return Duration.ofMillis(Math.max(1, (long) (delay * jitter)));
    }
}
