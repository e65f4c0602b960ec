package org.gleaner.ingest;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Decides when a feed is refreshed next; stored in the same transaction as the refresh. */
@FunctionalInterface
public interface NextCheckPolicy {
    /** The next check, or null to stop polling the feed (it is gone). */
    @Nullable
    Instant nextCheck(RefreshFacts facts);
}
