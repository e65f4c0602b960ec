package org.gleaner.fetch;

/** Why one fetch produced no usable response; the readable detail travels in {@link FetchOutcome.Failed#message()}. */
public enum Failure {
    /** The URL is not an absolute http(s) URL with a valid host. */
    BAD_URL,
    /** The host resolved only to addresses the {@link AddressPolicy} refuses. */
    BLOCKED_ADDRESS,
    /** The host name does not resolve. */
    UNKNOWN_HOST,
    /** The TCP or TLS connection could not be established or broke. */
    CONNECT,
    /** The connect timeout, the response timeout or the total deadline passed. */
    TIMEOUT,
    /** The server answered with an error status (other than 410, 429 and 503). */
    HTTP_ERROR,
    /** The server answered 410 Gone: the resource was removed on purpose. */
    GONE,
    /** The decoded body or the response headers exceeded their cap. */
    TOO_LARGE,
    /** More redirects than {@link FetchLimits#maxRedirects()}. */
    TOO_MANY_REDIRECTS,
    /** A redirect pointed back to a URL already visited in the same chain. */
    REDIRECT_LOOP,
    /** A redirect from https to http, or to a scheme other than http(s). */
    INSECURE_REDIRECT,
    /** robots.txt of the host disallows the article URL for Gleaner. */
    ROBOTS_DISALLOWED,
    /** The server broke HTTP: malformed response, bad compression, missing Location, unexpected 304. */
    PROTOCOL
}
