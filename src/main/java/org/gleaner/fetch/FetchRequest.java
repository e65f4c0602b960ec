package org.gleaner.fetch;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One GET through {@link HttpFetcher}.
 *
 * @param uri absolute http(s) URL
 * @param purpose what the response is for; robots.txt is consulted only for {@link Purpose#ARTICLE}
 * @param etag stored validator sent as {@code If-None-Match}, or null
 * @param lastModified stored validator sent as {@code If-Modified-Since}, or null
 * @param limits deadlines and caps for this request
 * @param ignoreRobots the per-feed opt-out of robots.txt (only meaningful for articles)
 */
public record FetchRequest(
        URI uri,
        Purpose purpose,
        @Nullable String etag,
        @Nullable String lastModified,
        FetchLimits limits,
        boolean ignoreRobots) {

    /** What a request is for; all purposes share the per-host politeness. */
    public enum Purpose {
        FEED,
        ARTICLE,
        DISCOVERY,
        WEBHOOK
    }

    /** A conditional feed fetch with the validators stored from the last successful fetch (either may be null). */
    public static FetchRequest feed(URI uri, @Nullable String etag, @Nullable String lastModified) {
        return new FetchRequest(uri, Purpose.FEED, etag, lastModified, FetchLimits.feedDefaults(), false);
    }

    /** An article page, honouring robots.txt. */
    public static FetchRequest article(URI uri) {
        return new FetchRequest(uri, Purpose.ARTICLE, null, null, FetchLimits.pageDefaults(), false);
    }

    /** A page fetched to discover feeds ({@code gleaner feeds add URL}). */
    public static FetchRequest discovery(URI uri) {
        return new FetchRequest(uri, Purpose.DISCOVERY, null, null, FetchLimits.pageDefaults(), false);
    }

    public FetchRequest withLimits(FetchLimits newLimits) {
        return new FetchRequest(uri, purpose, etag, lastModified, newLimits, ignoreRobots);
    }

    public FetchRequest withIgnoreRobots(boolean ignore) {
        return new FetchRequest(uri, purpose, etag, lastModified, limits, ignore);
    }
}
