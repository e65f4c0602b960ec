package org.gleaner.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.gleaner.testing.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {

    private static final String RSS = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";
    private static final String LAST_MODIFIED = "Tue, 03 Nov 2026 10:00:00 GMT";

    private FixtureServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() {
        server = FixtureServer.start();
        fetcher = new HttpFetcher(settings(), InstantSource.system());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    static FetchSettings settings() {
        return new FetchSettings(
                FetchSettings.defaultUserAgent(),
                AddressPolicy.allowing(List.of("127.0.0.1/32")),
                Duration.ZERO,
                1,
                false);
    }

    private static FetchRequest feed(URI uri) {
        return FetchRequest.feed(uri, null, null);
    }

    @Test
    void fetchesBodyWithContentTypeAndValidators() {
        server.route(
                "/feed.xml",
                FixtureResponse.ok("application/rss+xml; charset=utf-8", RSS)
                        .etag("\"v1\"")
                        .lastModified(LAST_MODIFIED)
                        .header("Cache-Control", "public, max-age=600"));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/feed.xml")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.status()).isEqualTo(200);
            assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo(RSS);
            assertThat(f.contentType()).isEqualTo("application/rss+xml; charset=utf-8");
            assertThat(f.etag()).isEqualTo("\"v1\"");
            assertThat(f.lastModified()).isEqualTo(LAST_MODIFIED);
            assertThat(f.finalUri()).isEqualTo(server.uri("/feed.xml"));
            assertThat(f.permanentUri()).isNull();
            assertThat(f.hints().maxAge()).isEqualTo(Duration.ofMinutes(10));
        });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "/feeds/main.xml          | /feeds/main.xml",
                "../elsewhere/            | /elsewhere/",
                "http://example.com/      | http://example.com/",
                "javascript:alert(1)      | /dir/feed.xml",
                "ftp://example.com/feed   | /dir/feed.xml",
                "'http://bad host/'       | /dir/feed.xml",
                "''                       | /dir/feed.xml"
            })
    void contentLocationIsTheBaseForRelativeReferencesWhenItIsAWebAddress(String contentLocation, String base) {
        FixtureResponse response = FixtureResponse.ok("application/rss+xml", RSS);
        server.route(
                "/dir/feed.xml",
                contentLocation.isEmpty() ? response : response.header("Content-Location", contentLocation));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/dir/feed.xml")));

        URI expected = base.startsWith("/") ? server.uri(base) : URI.create(base);
        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.baseUri()).isEqualTo(expected);
            assertThat(f.finalUri()).isEqualTo(server.uri("/dir/feed.xml"));
        });
    }

    @Test
    void sendsIfNoneMatchAndIfModifiedSinceOnSecondFetchAndGetsNotModified() {
        server.route(
                "/feed.xml",
                FixtureResponse.ok("application/rss+xml", RSS).etag("\"v1\"").lastModified(LAST_MODIFIED));
        FetchOutcome.Fetched first = (FetchOutcome.Fetched) fetcher.fetch(feed(server.uri("/feed.xml")));

        FetchOutcome second =
                fetcher.fetch(FetchRequest.feed(server.uri("/feed.xml"), first.etag(), first.lastModified()));

        assertThat(second)
                .isEqualTo(new FetchOutcome.NotModified(
                        server.uri("/feed.xml"), null, "\"v1\"", LAST_MODIFIED, CacheHints.none()));
        RecordedRequest conditional = server.requests("/feed.xml").get(1);
        assertThat(conditional.header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(conditional.header("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
        assertThat(server.requests("/feed.xml").get(0).header("If-None-Match")).isNull();
    }

    @Test
    void notModifiedWithNewEtagReturnsItAndKeepsTheOldLastModified() {
        server.route("/feed.xml", FixtureResponse.status(304).header("ETag", "\"v2\""));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.feed(server.uri("/feed.xml"), "\"v1\"", LAST_MODIFIED));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NotModified.class, n -> {
            assertThat(n.etag()).isEqualTo("\"v2\"");
            assertThat(n.lastModified()).isEqualTo(LAST_MODIFIED);
        });
    }

    @Test
    void notModifiedWithNewLastModifiedReturnsItAndKeepsTheOldEtag() {
        String newer = "Wed, 04 Nov 2026 10:00:00 GMT";
        server.route("/feed.xml", FixtureResponse.status(304).header("Last-Modified", newer));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.feed(server.uri("/feed.xml"), "\"v1\"", LAST_MODIFIED));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NotModified.class, n -> {
            assertThat(n.etag()).isEqualTo("\"v1\"");
            assertThat(n.lastModified()).isEqualTo(newer);
        });
    }

    @Test
    void notModifiedToAnUnconditionalRequestIsAProtocolFailure() {
        server.route("/feed.xml", FixtureResponse.status(304));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/feed.xml")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                .isEqualTo(Failure.PROTOCOL));
    }

    @Test
    void sendsGleanerUserAgentAndAcceptEncoding() {
        server.route("/feed.xml", FixtureResponse.ok("application/rss+xml", RSS));

        fetcher.fetch(feed(server.uri("/feed.xml")));

        RecordedRequest request = server.requests("/feed.xml").get(0);
        assertThat(request.header("User-Agent")).isEqualTo("Gleaner/dev (+https://github.com/gleaner)");
        assertThat(request.header("Accept-Encoding")).contains("gzip").contains("deflate");
        assertThat(request.header("Accept")).contains("application/rss+xml");
    }

    @Test
    void decodesGzipBody() {
        server.route("/feed.xml", FixtureResponse.ok("application/rss+xml", RSS).gzip());

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/feed.xml")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(
                        new String(f.body(), StandardCharsets.UTF_8))
                .isEqualTo(RSS));
    }

    @Test
    void decodesZlibAndRawDeflateBodies() {
        server.route(
                "/zlib", FixtureResponse.ok("text/xml", deflate(RSS, false)).header("Content-Encoding", "deflate"));
        server.route("/raw", FixtureResponse.ok("text/xml", deflate(RSS, true)).header("Content-Encoding", "deflate"));

        for (String path : List.of("/zlib", "/raw")) {
            FetchOutcome outcome = fetcher.fetch(feed(server.uri(path)));
            assertThat(outcome).as(path).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(
                            new String(f.body(), StandardCharsets.UTF_8))
                    .isEqualTo(RSS));
        }
    }

    @Test
    void anEncodingWeDidNotOfferIsAProtocolFailure() {
        server.route("/br.xml", FixtureResponse.ok("application/rss+xml", RSS).header("Content-Encoding", "br"));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/br.xml")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.PROTOCOL);
            assertThat(f.message()).contains("unsupported content encoding 'br'");
        });
    }

    @Test
    void reportsExpiresAndIgnoresAnUnreadableOne() {
        server.route(
                "/expires.xml",
                FixtureResponse.ok("application/rss+xml", RSS).header("Expires", "Wed, 25 Nov 2026 13:00:00 GMT"));
        server.route("/zero.xml", FixtureResponse.ok("application/rss+xml", RSS).header("Expires", "0"));

        FetchOutcome expires = fetcher.fetch(feed(server.uri("/expires.xml")));
        FetchOutcome zero = fetcher.fetch(feed(server.uri("/zero.xml")));

        assertThat(expires).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(f.hints())
                .isEqualTo(new CacheHints(null, Instant.parse("2026-11-25T13:00:00Z"), null)));
        assertThat(zero).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(f.hints())
                .isEqualTo(CacheHints.none()));
    }

    @Test
    void stopsAGzipBombAtTheDecodedBytesCap() {
        byte[] zeros = new byte[64 * 1024 * 1024];
        FixtureResponse bomb = FixtureResponse.ok("application/rss+xml", zeros).gzip();
        server.route("/bomb.xml", bomb);
        FetchRequest request = feed(server.uri("/bomb.xml"))
                .withLimits(FetchLimits.feedDefaults().withMaxBytes(1024 * 1024));

        FetchOutcome outcome = fetcher.fetch(request);

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.TOO_LARGE);
            assertThat(f.message()).isEqualTo("response exceeded 1 MiB");
        });
    }

    @Test
    void refusesAPlainBodyLargerThanTheCap() {
        server.route("/big.html", FixtureResponse.ok("text/html", new byte[2 * 1024 * 1024 + 1]));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.article(server.uri("/big.html"))
                .withLimits(FetchLimits.pageDefaults().withMaxBytes(2 * 1024 * 1024)));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.TOO_LARGE);
            assertThat(f.message()).isEqualTo("response exceeded 2 MiB");
        });
    }

    @Test
    void acceptsABodyExactlyAtTheCap() {
        server.route(
                "/exact.html", FixtureResponse.ok("text/html", new byte[4096]).gzip());

        FetchOutcome outcome = fetcher.fetch(FetchRequest.article(server.uri("/exact.html"))
                .withLimits(FetchLimits.pageDefaults().withMaxBytes(4096)));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(f.body())
                .hasSize(4096));
    }

    @Test
    void totalDeadlineStopsASlowDripThatNeverTripsTheResponseTimeout() {
        // 200 bytes at one byte per 50 ms would take 10 s; every read succeeds well within the response timeout.
        server.route(
                "/drip.xml",
                FixtureResponse.ok("application/rss+xml", "x".repeat(200)).drip(1, Duration.ofMillis(50)));
        FetchLimits limits = new FetchLimits(
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(800), 1024 * 1024, 5, 64 * 1024);

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/drip.xml")).withLimits(limits));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(f.message()).isEqualTo("did not complete within 800 ms");
        });
    }

    // @Timeout is a liveness guard, not a timing assertion: without the watchdog these would block for 30 s.
    @Test
    @org.junit.jupiter.api.Timeout(20)
    void totalDeadlineAbortsAReadThatIsBlockedMidBody() {
        server.route(
                "/stall.xml",
                FixtureResponse.ok("application/rss+xml", "x".repeat(20)).drip(10, Duration.ofSeconds(30)));
        FetchLimits limits = new FetchLimits(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(500), 1024 * 1024, 5, 64 * 1024);

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/stall.xml")).withLimits(limits));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(f.message()).isEqualTo("did not complete within 500 ms");
        });
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void totalDeadlineAbortsAWaitForTheResponseHead() {
        server.route("/late.xml", FixtureResponse.ok("application/rss+xml", RSS).delay(Duration.ofSeconds(30)));
        FetchLimits limits = new FetchLimits(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(500), 1024 * 1024, 5, 64 * 1024);

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/late.xml")).withLimits(limits));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(f.message()).isEqualTo("did not complete within 500 ms");
        });
    }

    @Test
    void responseTimeoutStopsAServerThatNeverAnswers() {
        server.route("/hang.xml", FixtureResponse.ok("application/rss+xml", RSS).hang());
        FetchLimits limits = FetchLimits.feedDefaults().withResponseTimeout(Duration.ofMillis(300));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/hang.xml")).withLimits(limits));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.TIMEOUT);
            assertThat(f.message()).contains("sent nothing for 300 ms");
        });
    }

    @Test
    void permanentRedirectChainReportsTheNewLocation() {
        server.route("/a", FixtureResponse.redirect(301, "/b"));
        server.route("/b", FixtureResponse.redirect(308, server.uri("/c").toString()));
        server.route("/c", FixtureResponse.ok("application/rss+xml", RSS));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/a")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.finalUri()).isEqualTo(server.uri("/c"));
            assertThat(f.permanentUri()).isEqualTo(server.uri("/c"));
            assertThat(f.requestedUri()).isEqualTo(server.uri("/a"));
        });
    }

    @Test
    void temporaryRedirectInTheChainLeavesPermanentUriUnset() {
        server.route("/a", FixtureResponse.redirect(301, "/b"));
        server.route("/b", FixtureResponse.redirect(302, "/c"));
        server.route("/c", FixtureResponse.ok("application/rss+xml", RSS));
        server.route("/t", FixtureResponse.redirect(307, "/c"));

        FetchOutcome viaMixed = fetcher.fetch(feed(server.uri("/a")));
        FetchOutcome viaTemporary = fetcher.fetch(feed(server.uri("/t")));

        assertThat(viaMixed).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> {
            assertThat(f.finalUri()).isEqualTo(server.uri("/c"));
            assertThat(f.permanentUri()).isNull();
        });
        assertThat(viaTemporary).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(f.permanentUri())
                .isNull());
    }

    @Test
    void permanentRedirectToANotModifiedFeedReportsTheNewLocation() {
        server.route("/old.xml", FixtureResponse.redirect(301, "/new.xml"));
        server.route("/new.xml", FixtureResponse.ok("application/rss+xml", RSS).etag("\"v1\""));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.feed(server.uri("/old.xml"), "\"v1\"", null));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.NotModified.class, n -> assertThat(n.permanentUri())
                .isEqualTo(server.uri("/new.xml")));
        assertThat(server.requests("/new.xml").get(0).header("If-None-Match")).isEqualTo("\"v1\"");
    }

    @Test
    void followsFiveRedirectsButNotSix() {
        for (int i = 0; i < 6; i++) {
            server.route("/r" + i, FixtureResponse.redirect(302, "/r" + (i + 1)));
        }
        server.route("/r6", FixtureResponse.ok("application/rss+xml", RSS));

        FetchOutcome sixHops = fetcher.fetch(feed(server.uri("/r0")));
        FetchOutcome fiveHops = fetcher.fetch(feed(server.uri("/r1")));

        assertThat(sixHops).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.TOO_MANY_REDIRECTS);
            assertThat(f.message()).startsWith("more than 5 redirects");
        });
        assertThat(fiveHops).isInstanceOf(FetchOutcome.Fetched.class);
    }

    @Test
    void detectsARedirectLoop() {
        server.route("/a", FixtureResponse.redirect(301, "/b"));
        server.route("/b", FixtureResponse.redirect(302, "/a"));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/a")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.REDIRECT_LOOP);
            assertThat(f.message()).startsWith("redirect loop: ");
        });
        assertThat(server.requests("/a")).hasSize(1);
    }

    @Test
    void redirectWithoutLocationIsAProtocolFailure() {
        server.route("/a", FixtureResponse.status(301));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/a")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.PROTOCOL);
            assertThat(f.status()).isEqualTo(301);
        });
    }

    @Test
    void redirectToANonHttpSchemeIsRefused() {
        server.route("/a", FixtureResponse.redirect(302, "file:///etc/passwd"));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/a")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                .isEqualTo(Failure.INSECURE_REDIRECT));
    }

    @Test
    void goneIsItsOwnFailure() {
        server.route("/feed.xml", FixtureResponse.status(410));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/feed.xml")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.GONE);
            assertThat(f.status()).isEqualTo(410);
        });
    }

    @Test
    void notFoundIsAnHttpErrorWithAReadableMessage() {
        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/missing.xml")));

        assertThat(outcome)
                .isEqualTo(new FetchOutcome.Failed(
                        server.uri("/missing.xml"), Failure.HTTP_ERROR, 404, "HTTP 404 Not Found"));
    }

    @Test
    void tooManyRequestsWithRetryAfterSecondsPausesTheHost() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        try (HttpFetcher fixed = new HttpFetcher(settings(), InstantSource.fixed(now))) {
            server.route("/feed.xml", FixtureResponse.status(429).header("Retry-After", "120"));
            server.route("/other.xml", FixtureResponse.ok("application/rss+xml", RSS));

            FetchOutcome first = fixed.fetch(feed(server.uri("/feed.xml")));
            FetchOutcome later = fixed.fetch(FetchRequest.article(server.uri("/other.xml")));

            assertThat(first)
                    .isEqualTo(new FetchOutcome.RateLimited(server.uri("/feed.xml"), 429, now.plusSeconds(120)));
            assertThat(later)
                    .isEqualTo(new FetchOutcome.RateLimited(server.uri("/other.xml"), 429, now.plusSeconds(120)));
            assertThat(server.requests("/other.xml")).isEmpty();
        }
    }

    @Test
    void serviceUnavailableWithRetryAfterHttpDateIsRateLimited() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        Instant retry = now.plus(Duration.ofHours(2));
        String httpDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(retry.atOffset(ZoneOffset.UTC));
        try (HttpFetcher fixed = new HttpFetcher(settings(), InstantSource.fixed(now))) {
            server.route("/feed.xml", FixtureResponse.status(503).header("Retry-After", httpDate));

            FetchOutcome outcome = fixed.fetch(feed(server.uri("/feed.xml")));

            assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(server.uri("/feed.xml"), 503, retry));
        }
    }

    @Test
    void rateLimitedWithoutRetryAfterHasNoRetryTime() {
        server.route("/feed.xml", FixtureResponse.status(429));

        FetchOutcome outcome = fetcher.fetch(feed(server.uri("/feed.xml")));

        assertThat(outcome).isEqualTo(new FetchOutcome.RateLimited(server.uri("/feed.xml"), 429, null));
    }

    @Test
    void refusesResponseHeadersOverTheCap() {
        server.route("/big-header", FixtureResponse.ok("text/xml", RSS).header("X-Padding", "p".repeat(20_000)));
        server.route("/huge-header", FixtureResponse.ok("text/xml", RSS).header("X-Padding", "p".repeat(200_000)));

        FetchOutcome big = fetcher.fetch(feed(server.uri("/big-header"))
                .withLimits(FetchLimits.feedDefaults().withMaxHeaderBytes(8 * 1024)));
        FetchOutcome huge = fetcher.fetch(feed(server.uri("/huge-header")));

        for (FetchOutcome outcome : List.of(big, huge)) {
            assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
                assertThat(f.failure()).isEqualTo(Failure.TOO_LARGE);
                assertThat(f.message()).startsWith("response headers from 127.0.0.1 exceeded");
            });
        }
    }

    @Test
    void connectionRefusedIsAConnectFailureNamingTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            closedPort = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/feed.xml");

        FetchOutcome outcome = fetcher.fetch(feed(uri));

        assertThat(outcome)
                .isEqualTo(new FetchOutcome.Failed(
                        uri, Failure.CONNECT, null, "connection refused by 127.0.0.1:" + closedPort));
    }

    @Test
    void refusesNonHttpUrls() {
        for (String url :
                List.of("ftp://example.org/feed", "file:///etc/passwd", "mailto:a@example.org", "/relative")) {
            FetchOutcome outcome = fetcher.fetch(feed(URI.create(url)));
            assertThat(outcome).as(url).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                    .isEqualTo(Failure.BAD_URL));
        }
    }

    @Test
    void reusesTheConnectionForSequentialFetches() {
        server.route("/feed.xml", FixtureResponse.ok("application/rss+xml", RSS).etag("\"v1\""));

        for (int i = 0; i < 3; i++) {
            fetcher.fetch(FetchRequest.feed(server.uri("/feed.xml"), "\"v1\"", null));
        }

        assertThat(server.requests("/feed.xml")).hasSize(3);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void postsAJsonBodyAndDoesNotFollowRedirects() {
        server.route("/hook", FixtureResponse.status(204));
        server.route("/moved", FixtureResponse.redirect(307, "/hook"));
        byte[] json = "{\"query\":\"homs\"}".getBytes(StandardCharsets.UTF_8);

        FetchOutcome delivered = fetcher.post(
                server.uri("/hook"),
                json,
                "application/json",
                Map.of("X-Gleaner-Event", "alert"),
                FetchLimits.pageDefaults());
        FetchOutcome redirected =
                fetcher.post(server.uri("/moved"), json, "application/json", Map.of(), FetchLimits.pageDefaults());

        assertThat(delivered).isInstanceOfSatisfying(FetchOutcome.Fetched.class, f -> assertThat(f.status())
                .isEqualTo(204));
        RecordedRequest hook = server.requests("/hook").get(0);
        assertThat(hook.method()).isEqualTo("POST");
        assertThat(hook.bodyText()).isEqualTo("{\"query\":\"homs\"}");
        assertThat(hook.header("Content-Type")).startsWith("application/json");
        assertThat(hook.header("X-Gleaner-Event")).isEqualTo("alert");
        assertThat(redirected).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.HTTP_ERROR);
            assertThat(f.status()).isEqualTo(307);
        });
        assertThat(server.requests("/hook")).hasSize(1);
    }

    private static byte[] deflate(String text, boolean raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
