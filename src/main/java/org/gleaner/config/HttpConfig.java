package org.gleaner.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code http:} section: politeness per host, shared by feed and article fetches. A null {@code
 * userAgent} means the fetcher's own default naming Gleaner and its version.
 */
public record HttpConfig(Duration perHostDelay, int perHostConcurrency, @Nullable String userAgent) {
    public static final Duration PER_HOST_DELAY = Duration.ofSeconds(1);
    public static final int PER_HOST_CONCURRENCY = 1;

    /** 1 s between requests to a host, one at a time, the fetcher's own User-Agent. */
    public static HttpConfig standard() {
        return new HttpConfig(PER_HOST_DELAY, PER_HOST_CONCURRENCY, null);
    }
}
