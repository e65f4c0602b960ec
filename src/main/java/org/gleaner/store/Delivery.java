package org.gleaner.store;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Rows of the delivery outbox. */
public final class Delivery {
    private Delivery() {}

    /** pending: waiting (maybe for a retry); delivered; dead: gave up, listed and replayable. */
    public enum State {
        PENDING,
        DELIVERED,
        DEAD
    }

    /** One alert to send on one channel, with its retry state. */
    public record Item(long id, Alert alert, int attempts, Instant dueAt, Instant nextAttempt) {}

    /**
     * What to send next on one channel: one alert for an immediate watch, or every alert of one digest
     * window (all with the same due time), oldest first.
     */
    public record Batch(Watch watch, WatchChannel channel, List<Item> items) {
        public Batch {
            items = List.copyOf(items);
        }
    }

    /** A delivery that gave up, as {@code gleaner watch deliveries --dead} lists it. */
    public record Dead(
            long id,
            String watchName,
            WatchChannel.Kind kind,
            String target,
            String title,
            String url,
            int attempts,
            @Nullable Integer lastStatus,
            @Nullable String lastError,
            Instant dueAt) {}
}
