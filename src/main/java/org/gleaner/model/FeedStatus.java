package org.gleaner.model;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A stored feed with its fetch state: what {@code gleaner feeds} and {@code GET /api/feeds} show.
 *
 * @param etag the validator to send as {@code If-None-Match} next time
 * @param lastModified the validator to send as {@code If-Modified-Since} next time
 * @param lastOutcome a short word for the last refresh: ok, not-modified, failed
 * @param lastError the last failure in words, null after a success
 */
public record FeedStatus(
        long id,
        String name,
        URI url,
        List<String> tags,
        @Nullable String title,
        @Nullable String etag,
        @Nullable String lastModified,
        @Nullable Instant lastFetched,
        @Nullable Integer lastHttpStatus,
        @Nullable String lastOutcome,
        @Nullable String lastError,
        int consecutiveFailures,
        @Nullable Instant nextCheck,
        long entryCount) {
    public FeedStatus {
        tags = List.copyOf(tags);
    }
}
