package org.gleaner.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The shared fixture server speaks plain HTTP/1.1 as documented; checked with a raw socket, not with HttpFetcher. */
class FixtureServerTest {

    @Test
    void answersRoutesRecordsRequestsAndCountsConnections() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.route(
                    "/feed.xml",
                    FixtureResponse.ok("application/rss+xml", "<rss/>").header("X-Test", "1"));

            String response = exchange(
                    server, request("GET /feed.xml?x=1 HTTP/1.1", "Host: a", "X-Mine: yes", "Connection: close"));

            assertThat(response)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("Content-Type: application/rss+xml\r\n")
                    .contains("Content-Length: 6\r\n")
                    .contains("X-Test: 1\r\n")
                    .endsWith("\r\n\r\n<rss/>");
            RecordedRequest request = server.requests("/feed.xml").get(0);
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.query()).isEqualTo("x=1");
            assertThat(request.header("x-mine")).isEqualTo("yes");
            assertThat(request.header("X-Mine")).isEqualTo("yes");
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.uri("/feed.xml").toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/feed.xml");
        }
    }

    @Test
    void unknownPathsAnswer404() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            assertThat(exchange(server, "GET /nope HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 404 Not Found\r\n");
        }
    }

    @Test
    void answers304WhenIfNoneMatchOrIfModifiedSinceMatch() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.route(
                    "/feed.xml",
                    FixtureResponse.ok("application/rss+xml", "<rss/>")
                            .etag("\"v1\"")
                            .lastModified("Tue, 03 Nov 2026 10:00:00 GMT"));

            String byEtag = exchange(
                    server, "GET /feed.xml HTTP/1.1\r\nIf-None-Match: \"v0\", W/\"v1\"\r\nConnection: close\r\n\r\n");
            String byDate = exchange(
                    server,
                    request(
                            "GET /feed.xml HTTP/1.1",
                            "If-Modified-Since: Wed, 04 Nov 2026 10:00:00 GMT",
                            "Connection: close"));
            String stale = exchange(
                    server,
                    request(
                            "GET /feed.xml HTTP/1.1",
                            "If-Modified-Since: Mon, 02 Nov 2026 10:00:00 GMT",
                            "Connection: close"));
            String otherTag =
                    exchange(server, "GET /feed.xml HTTP/1.1\r\nIf-None-Match: \"v2\"\r\nConnection: close\r\n\r\n");

            assertThat(byEtag)
                    .startsWith("HTTP/1.1 304 ")
                    .contains("ETag: \"v1\"")
                    .endsWith("\r\n\r\n");
            assertThat(byDate).startsWith("HTTP/1.1 304 ");
            assertThat(stale).startsWith("HTTP/1.1 200 ");
            assertThat(otherTag).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void keepsConnectionsAliveAndComputesAnswersPerRequest() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            AtomicInteger calls = new AtomicInteger();
            server.route("/n", request -> FixtureResponse.ok("text/plain", "call " + calls.incrementAndGet()));

            String both = exchange(
                    server,
                    "GET /n HTTP/1.1\r\nHost: a\r\n\r\nGET /n HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

            assertThat(both).contains("call 1").endsWith("call 2");
            assertThat(server.connectionCount()).isEqualTo(1);
            assertThat(server.requests("/n")).hasSize(2);
        }
    }

    @Test
    void gzipCompressesTheBodyAndSaysSo() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.route(
                    "/z", FixtureResponse.ok("text/plain", "hello hello hello").gzip());

            byte[] raw = exchangeBytes(server, "GET /z HTTP/1.1\r\nConnection: close\r\n\r\n");
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int bodyStart = text.indexOf("\r\n\r\n") + 4;

            assertThat(text).contains("Content-Encoding: gzip\r\n");
            try (InputStream in =
                    new GZIPInputStream(new ByteArrayInputStream(raw, bodyStart, raw.length - bodyStart))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("hello hello hello");
            }
        }
    }

    @Test
    void recordsPostBodies() throws Exception {
        try (FixtureServer server = FixtureServer.start()) {
            server.route("/hook", FixtureResponse.status(204));

            String response = exchange(
                    server,
                    request(
                                    "POST /hook HTTP/1.1",
                                    "Content-Type: application/json",
                                    "Content-Length: 2",
                                    "Connection: close")
                            + "{}");

            assertThat(response).startsWith("HTTP/1.1 204 ");
            assertThat(server.requests("/hook").get(0).bodyText()).isEqualTo("{}");
        }
    }

    @Test
    void bindsOtherLoopbackAddressesForCanaries() {
        try (FixtureServer canary = FixtureServer.start("127.0.0.2")) {
            assertThat(canary.uri("/x").getHost()).isEqualTo("127.0.0.2");
            assertThat(canary.connectionCount()).isZero();
        }
    }

    private static String request(String... lines) {
        return String.join("\r\n", lines) + "\r\n\r\n";
    }

    private static String exchange(FixtureServer server, String request) throws IOException {
        return new String(exchangeBytes(server, request), StandardCharsets.ISO_8859_1);
    }

    private static byte[] exchangeBytes(FixtureServer server, String request) throws IOException {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return socket.getInputStream().readAllBytes();
        }
    }
}
