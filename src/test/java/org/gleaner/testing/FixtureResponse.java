package org.gleaner.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link FixtureServer} route answers: an immutable builder, every method returns a changed copy.
 *
 * <pre>{@code
 * server.route("/feed.xml", FixtureResponse.ok("application/rss+xml", xml).etag("\"v1\"").gzip());
 * server.route("/old", FixtureResponse.redirect(301, "/feed.xml"));
 * server.route("/slow", FixtureResponse.ok("text/html", page).drip(10, Duration.ofMillis(200)));
 * server.route("/busy", FixtureResponse.status(429).header("Retry-After", "120"));
 * }</pre>
 *
 * <p>Validators: with {@link #etag} set, a request whose {@code If-None-Match} lists that tag (weak or strong, or
 * {@code *}) gets an automatic 304; with {@link #lastModified} set and no {@code If-None-Match} in the request, an
 * {@code If-Modified-Since} at or after that date gets a 304. The 304 carries the ETag, Last-Modified and the extra
 * headers, no body.
 */
public final class FixtureResponse {
    private final int status;
    private final byte[] body;
    private final @Nullable String contentType;
    private final List<String[]> headers;
    private final @Nullable String etag;
    private final @Nullable String lastModified;
    private final boolean gzipped;
    private final Duration delay;
    private final int dripChunk;
    private final Duration dripBetween;
    private final boolean hang;
    private final boolean closeConnection;

    private FixtureResponse(
            int status,
            byte[] body,
            @Nullable String contentType,
            List<String[]> headers,
            @Nullable String etag,
            @Nullable String lastModified,
            boolean gzipped,
            Duration delay,
            int dripChunk,
            Duration dripBetween,
            boolean hang,
            boolean closeConnection) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
        this.headers = List.copyOf(headers);
        this.etag = etag;
        this.lastModified = lastModified;
        this.gzipped = gzipped;
        this.delay = delay;
        this.dripChunk = dripChunk;
        this.dripBetween = dripBetween;
        this.hang = hang;
        this.closeConnection = closeConnection;
    }

    /** 200 with a UTF-8 body. */
    public static FixtureResponse ok(String contentType, String body) {
        return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with the given bytes (sent as they are: use this for wrong-charset and pre-compressed fixtures). */
    public static FixtureResponse ok(String contentType, byte[] body) {
        return new FixtureResponse(
                200,
                body.clone(),
                contentType,
                List.of(),
                null,
                null,
                false,
                Duration.ZERO,
                0,
                Duration.ZERO,
                false,
                false);
    }

    /** The status with an empty body (e.g. 404, 410, 429, 500, 503, 304). */
    public static FixtureResponse status(int status) {
        return new FixtureResponse(
                status, new byte[0], null, List.of(), null, null, false, Duration.ZERO, 0, Duration.ZERO, false, false);
    }

    /** A redirect (301, 302, 303, 307, 308) to an absolute or relative location. */
    public static FixtureResponse redirect(int status, String location) {
        return status(status).header("Location", location);
    }

    /** The same response with another status, e.g. {@code ok("text/html", errorPage).withStatus(500)}. */
    public FixtureResponse withStatus(int newStatus) {
        return copy(
                newStatus,
                body,
                contentType,
                headers,
                etag,
                lastModified,
                gzipped,
                delay,
                dripChunk,
                dripBetween,
                hang,
                closeConnection);
    }

    /** Sets the ETag (quote it yourself: {@code "\"v1\""}) and answers 304 when If-None-Match matches. */
    public FixtureResponse etag(String etag) {
        return copy(
                status,
                body,
                contentType,
                headers,
                etag,
                lastModified,
                gzipped,
                delay,
                dripChunk,
                dripBetween,
                hang,
                closeConnection);
    }

    /** Sets Last-Modified (an HTTP date) and answers 304 when If-Modified-Since is at or after it. */
    public FixtureResponse lastModified(String httpDate) {
        return copy(
                status,
                body,
                contentType,
                headers,
                etag,
                httpDate,
                gzipped,
                delay,
                dripChunk,
                dripBetween,
                hang,
                closeConnection);
    }

    /** Adds a header line (repeat the call for repeated headers). The value is sent as given, however large. */
    public FixtureResponse header(String name, String value) {
        List<String[]> more = new ArrayList<>(headers);
        more.add(new String[] {name, value});
        return copy(
                status,
                body,
                contentType,
                more,
                etag,
                lastModified,
                gzipped,
                delay,
                dripChunk,
                dripBetween,
                hang,
                closeConnection);
    }

    /** Compresses the body now and sends it with {@code Content-Encoding: gzip}. */
    public FixtureResponse gzip() {
        if (gzipped) {
            return this;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy(
                status,
                out.toByteArray(),
                contentType,
                headers,
                etag,
                lastModified,
                true,
                delay,
                dripChunk,
                dripBetween,
                hang,
                closeConnection);
    }

    /** Waits this long after reading the request before sending anything. */
    public FixtureResponse delay(Duration before) {
        return copy(
                status,
                body,
                contentType,
                headers,
                etag,
                lastModified,
                gzipped,
                before,
                dripChunk,
                dripBetween,
                hang,
                closeConnection);
    }

    /** Sends the headers at once, then the body in chunks of this many bytes with a pause before each next chunk. */
    public FixtureResponse drip(int bytesPerChunk, Duration between) {
        if (bytesPerChunk < 1) {
            throw new IllegalArgumentException("bytesPerChunk must be at least 1");
        }
        return copy(
                status,
                body,
                contentType,
                headers,
                etag,
                lastModified,
                gzipped,
                delay,
                bytesPerChunk,
                between,
                hang,
                closeConnection);
    }

    /** Accepts the connection and reads the request, then never answers (until the server closes). */
    public FixtureResponse hang() {
        return copy(
                status,
                body,
                contentType,
                headers,
                etag,
                lastModified,
                gzipped,
                delay,
                dripChunk,
                dripBetween,
                true,
                closeConnection);
    }

    /** Sends {@code Connection: close} and closes the connection after this response. */
    public FixtureResponse closeConnection() {
        return copy(
                status,
                body,
                contentType,
                headers,
                etag,
                lastModified,
                gzipped,
                delay,
                dripChunk,
                dripBetween,
                hang,
                true);
    }

    int status() {
        return status;
    }

    byte[] body() {
        return body;
    }

    @Nullable
    String contentType() {
        return contentType;
    }

    List<String[]> headers() {
        return headers;
    }

    @Nullable
    String etagValue() {
        return etag;
    }

    @Nullable
    String lastModifiedValue() {
        return lastModified;
    }

    boolean gzipped() {
        return gzipped;
    }

    Duration delayBefore() {
        return delay;
    }

    int dripChunk() {
        return dripChunk;
    }

    Duration dripBetween() {
        return dripBetween;
    }

    boolean hangs() {
        return hang;
    }

    boolean closesConnection() {
        return closeConnection;
    }

    private static FixtureResponse copy(
            int status,
            byte[] body,
            @Nullable String contentType,
            List<String[]> headers,
            @Nullable String etag,
            @Nullable String lastModified,
            boolean gzipped,
            Duration delay,
            int dripChunk,
            Duration dripBetween,
            boolean hang,
            boolean closeConnection) {
        return new FixtureResponse(
                status,
                body,
                contentType,
                headers,
                etag,
                lastModified,
                gzipped,
                delay,
                dripChunk,
                dripBetween,
                hang,
                closeConnection);
    }
}
