package org.gleaner.fetch;

import java.time.Duration;

/**
 * Settings shared by every request of one {@link HttpFetcher}.
 *
 * @param userAgent sent on every request; see {@link #defaultUserAgent()}
 * @param addressPolicy which resolved addresses may be connected (a per-feed policy can be passed per request)
 * @param perHostDelay minimum time between the end of one request to a host and the start of the next
 * @param perHostConcurrency at most this many requests in flight per host
 * @param honourRobots consult robots.txt for article pages
 */
public record FetchSettings(
        String userAgent,
        AddressPolicy addressPolicy,
        Duration perHostDelay,
        int perHostConcurrency,
        boolean honourRobots) {

    public FetchSettings {
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must not be blank");
        }
        if (perHostDelay.isNegative()) {
            throw new IllegalArgumentException("perHostDelay must not be negative, was " + perHostDelay);
        }
        if (perHostConcurrency < 1) {
            throw new IllegalArgumentException("perHostConcurrency must be at least 1, was " + perHostConcurrency);
        }
    }

    /** 1 s between requests to one host, 1 request in flight per host, robots.txt honoured. */
    public static FetchSettings defaults(String userAgent, AddressPolicy policy) {
        return new FetchSettings(userAgent, policy, Duration.ofSeconds(1), 1, true);
    }

    /** {@code Gleaner/<version> (+https://github.com/gleaner)}, the version from the jar manifest, else "dev". */
    public static String defaultUserAgent() {
        String version = FetchSettings.class.getPackage().getImplementationVersion();
        return "Gleaner/" + (version == null || version.isBlank() ? "dev" : version) + " (+https://github.com/gleaner)";
    }

    public FetchSettings withPerHostDelay(Duration delay) {
        return new FetchSettings(userAgent, addressPolicy, delay, perHostConcurrency, honourRobots);
    }

    public FetchSettings withHonourRobots(boolean honour) {
        return new FetchSettings(userAgent, addressPolicy, perHostDelay, perHostConcurrency, honour);
    }

    public FetchSettings withPerHostConcurrency(int concurrency) {
        return new FetchSettings(userAgent, addressPolicy, perHostDelay, concurrency, honourRobots);
    }
}
