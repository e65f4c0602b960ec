package org.gleaner.testing;

import java.time.Instant;
import java.util.List;
import org.gleaner.store.Watch;

/** Watches for tests and benchmarks that care only about the query: immediate, active, no channels. */
public final class TestWatches {
    private TestWatches() {}

    public static Watch immediate(long id, String name, String query) {
        return new Watch(
                id, name, query, Watch.Pace.IMMEDIATE, false, null, 1, null, Instant.EPOCH, Instant.EPOCH, List.of());
    }
}
