package org.gleaner.testing;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request as the {@link FixtureServer} received it.
 *
 * @param method e.g. "GET"
 * @param path the decoded-as-sent path without the query, e.g. "/feed.xml"
 * @param query the raw query without '?', "" when there was none
 * @param headers lower-case names; repeated headers joined with ", "
 * @param body the request body (empty for GET)
 * @param at when the request head had arrived (system clock)
 */
@SuppressWarnings("ArrayRecordComponent") // a recorded body is bytes; equals/hashCode compare content
public record RecordedRequest(
        String method, String path, String query, Map<String, String> headers, byte[] body, Instant at) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** The header's value (case-insensitive name), or null when the request did not carry it. */
    public @Nullable String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RecordedRequest r
                && method.equals(r.method)
                && path.equals(r.path)
                && query.equals(r.query)
                && headers.equals(r.headers)
                && Arrays.equals(body, r.body)
                && at.equals(r.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, query, headers, Arrays.hashCode(body), at);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " " + headers + " (" + body.length
                + " bytes) at " + at;
    }
}
