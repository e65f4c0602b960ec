package org.gleaner.fetch;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The result of one fetch; every problem of one URL is a value here, never an exception (DESIGN invariant 5). */
public sealed interface FetchOutcome {
    URI requestedUri();

    /**
     * A response with a body (2xx).
     *
     * @param finalUri where the body came from after redirects
     * @param baseUri the base URI for relative references in the body: the response's {@code Content-Location}
     *     resolved against {@code finalUri} and normalised when that gives an http or https URL with a host, else
     *     {@code finalUri}
     * @param permanentUri the last location of a chain made only of 301/308 redirects, else null; the caller may
     *     store it as the feed's new URL
     * @param body the decoded body (gzip/deflate removed), at most {@link FetchLimits#maxBytes()}; equals and hashCode
     *     compare its content
     */
    @SuppressWarnings("ArrayRecordComponent") // bytes are the natural currency of the parsers downstream
    record Fetched(
            URI requestedUri,
            URI finalUri,
            URI baseUri,
            @Nullable URI permanentUri,
            int status,
            byte[] body,
            @Nullable String contentType,
            @Nullable String etag,
            @Nullable String lastModified,
            CacheHints hints)
            implements FetchOutcome {

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof Fetched f
                    && requestedUri.equals(f.requestedUri)
                    && finalUri.equals(f.finalUri)
                    && baseUri.equals(f.baseUri)
                    && Objects.equals(permanentUri, f.permanentUri)
                    && status == f.status
                    && Arrays.equals(body, f.body)
                    && Objects.equals(contentType, f.contentType)
                    && Objects.equals(etag, f.etag)
                    && Objects.equals(lastModified, f.lastModified)
                    && hints.equals(f.hints);
        }

        @Override
        public int hashCode() {
            return Objects.hash(
                    requestedUri,
                    finalUri,
                    baseUri,
                    permanentUri,
                    status,
                    Arrays.hashCode(body),
                    contentType,
                    etag,
                    lastModified,
                    hints);
        }

        @Override
        public String toString() {
            return "Fetched[" + status + " " + finalUri + ", " + body.length + " bytes, " + contentType + ", etag="
                    + etag + ", lastModified=" + lastModified + ", permanentUri=" + permanentUri + ", baseUri="
                    + baseUri
                    + "]";
        }
    }

    /**
     * 304 Not Modified. Each validator is the one the server sent with the 304, else the one the request carried, so
     * the caller can store both unconditionally.
     */
    record NotModified(
            URI requestedUri,
            @Nullable URI permanentUri,
            @Nullable String etag,
            @Nullable String lastModified,
            CacheHints hints)
            implements FetchOutcome {}

    /**
     * 429 or 503, or the host is still paused by an earlier one (then no request was sent).
     *
     * @param retryAt from {@code Retry-After} (seconds or HTTP date), null when the server gave none
     */
    record RateLimited(URI requestedUri, int status, @Nullable Instant retryAt) implements FetchOutcome {}

    /**
     * No usable response.
     *
     * @param status the HTTP status when there was one
     * @param message a readable sentence for the user, e.g. "HTTP 404 Not Found"
     */
    record Failed(URI requestedUri, Failure failure, @Nullable Integer status, String message)
            implements FetchOutcome {}
}
