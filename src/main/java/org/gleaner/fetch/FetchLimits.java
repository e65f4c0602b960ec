package org.gleaner.fetch;

import java.time.Duration;

/**
 * Limits on one request, enforced on every hop of its redirect chain.
 *
 * @param connectTimeout longest wait for a TCP (and TLS) connection
 * @param responseTimeout longest silence while waiting for the response or between two reads of it
 * @param totalDeadline the whole exchange, all redirects included, must finish within this; a slow drip cannot
 *     extend it
 * @param maxBytes cap on the DECODED body (after gzip/deflate) and on the bytes on the wire
 * @param maxRedirects redirects followed before {@link Failure#TOO_MANY_REDIRECTS}
 * @param maxHeaderBytes cap on the total size of the response header block; independently of it, one header line
 *     over 64 KiB or more than 128 header lines always fail (HttpClient's parser limits, set once per fetcher)
 */
public record FetchLimits(
        Duration connectTimeout,
        Duration responseTimeout,
        Duration totalDeadline,
        long maxBytes,
        int maxRedirects,
        int maxHeaderBytes) {

    private static final long MIB = 1024L * 1024L;

    public FetchLimits {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(responseTimeout, "responseTimeout");
        requirePositive(totalDeadline, "totalDeadline");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative, was " + maxRedirects);
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, was " + maxHeaderBytes);
        }
    }

    /** Feeds: 10 s connect, 20 s response, 60 s total, 16 MiB, 5 redirects, 64 KiB of headers. */
    public static FetchLimits feedDefaults() {
        return new FetchLimits(
                Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60), 16 * MIB, 5, 64 * 1024);
    }

    /** Article pages: as {@link #feedDefaults()} but 8 MiB. */
    public static FetchLimits pageDefaults() {
        return feedDefaults().withMaxBytes(8 * MIB);
    }

    public FetchLimits withMaxBytes(long bytes) {
        return new FetchLimits(connectTimeout, responseTimeout, totalDeadline, bytes, maxRedirects, maxHeaderBytes);
    }

    public FetchLimits withTotalDeadline(Duration deadline) {
        return new FetchLimits(connectTimeout, responseTimeout, deadline, maxBytes, maxRedirects, maxHeaderBytes);
    }

    public FetchLimits withResponseTimeout(Duration timeout) {
        return new FetchLimits(connectTimeout, timeout, totalDeadline, maxBytes, maxRedirects, maxHeaderBytes);
    }

    public FetchLimits withMaxRedirects(int redirects) {
        return new FetchLimits(connectTimeout, responseTimeout, totalDeadline, maxBytes, redirects, maxHeaderBytes);
    }

    public FetchLimits withMaxHeaderBytes(int bytes) {
        return new FetchLimits(connectTimeout, responseTimeout, totalDeadline, maxBytes, maxRedirects, bytes);
    }

    private static void requirePositive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
