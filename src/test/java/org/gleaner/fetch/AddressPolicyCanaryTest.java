package org.gleaner.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Canary listeners on 127.0.0.2 and 127.0.0.3 that no request may reach: the only allowed network is 127.0.0.1/32,
 * and every spelling of the canary's address, direct or behind a redirect from the allowed server, must be refused
 * before a TCP connection is made.
 */
class AddressPolicyCanaryTest {

    /** Spellings of 127.0.0.2; {@code PORT} is replaced by the canary's port. */
    private static final String[] CANARY_SPELLINGS = {
        "http://127.0.0.2:PORT/",
        "http://2130706434:PORT/",
        "http://0x7f000002:PORT/",
        "http://0x7f.0.0.2:PORT/",
        "http://0x7f.2:PORT/",
        "http://0177.0.0.2:PORT/",
        "http://017700000002:PORT/",
        "http://127.2:PORT/",
        "http://127.0.2:PORT/",
        "http://127.0.0.2.:PORT/",
        "http://%31%32%37.0.0.2:PORT/",
        "http://[::ffff:127.0.0.2]:PORT/",
        "http://[::ffff:7f00:2]:PORT/",
        "http://[0:0:0:0:0:ffff:127.0.0.2]:PORT/",
    };

    private FixtureServer allowed;
    private FixtureServer canary;
    private FixtureServer canary3;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() {
        allowed = FixtureServer.start("127.0.0.1");
        canary = FixtureServer.start("127.0.0.2");
        canary3 = FixtureServer.start("127.0.0.3");
        for (FixtureServer s : List.of(allowed, canary, canary3)) {
            s.route("/feed.xml", FixtureResponse.ok("application/rss+xml", "<rss/>"));
        }
        fetcher = new HttpFetcher(settings(AddressPolicy.allowing(List.of("127.0.0.1/32"))), InstantSource.system());
    }

    @AfterEach
    void stop() {
        fetcher.close();
        allowed.close();
        canary.close();
        canary3.close();
    }

    private static FetchSettings settings(AddressPolicy policy) {
        return new FetchSettings(FetchSettings.defaultUserAgent(), policy, Duration.ZERO, 1, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"feed", "article"})
    void directSpellingsOfTheCanaryNeverConnect(String purpose) {
        for (String spelling : CANARY_SPELLINGS) {
            URI uri = URI.create(spelling.replace("PORT", String.valueOf(canary.port())) + "feed.xml");
            FetchRequest request =
                    purpose.equals("feed") ? FetchRequest.feed(uri, null, null) : FetchRequest.article(uri);

            FetchOutcome outcome = fetcher.fetch(request);

            assertThat(outcome).as(spelling).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
                assertThat(f.failure()).isEqualTo(Failure.BLOCKED_ADDRESS);
                assertThat(f.message()).isEqualTo("refused to connect to loopback address 127.0.0.2");
            });
        }
        assertThat(canary.connectionCount()).isZero();
    }

    @Test
    void redirectsFromAnAllowedServerToTheCanaryNeverConnect() {
        for (int i = 0; i < CANARY_SPELLINGS.length; i++) {
            String target = CANARY_SPELLINGS[i].replace("PORT", String.valueOf(canary.port())) + "feed.xml";
            allowed.route("/r" + i, FixtureResponse.redirect(i % 2 == 0 ? 301 : 302, target));

            FetchOutcome outcome = fetcher.fetch(FetchRequest.feed(allowed.uri("/r" + i), null, null));

            assertThat(outcome).as(target).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
                assertThat(f.failure()).isEqualTo(Failure.BLOCKED_ADDRESS);
                assertThat(f.message()).isEqualTo("redirect to a loopback address 127.0.0.2 refused");
            });
        }
        assertThat(allowed.requests()).hasSize(CANARY_SPELLINGS.length);
        assertThat(canary.connectionCount()).isZero();
    }

    @Test
    void aLaterHopOfAChainToTheCanaryIsRefusedToo() {
        allowed.route("/a", FixtureResponse.redirect(301, "/b"));
        allowed.route(
                "/b", FixtureResponse.redirect(307, canary.uri("/feed.xml").toString()));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.feed(allowed.uri("/a"), null, null));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                .isEqualTo(Failure.BLOCKED_ADDRESS));
        assertThat(canary.connectionCount()).isZero();
    }

    @Test
    void postToTheCanaryNeverConnects() {
        FetchOutcome outcome = fetcher.post(
                canary.uri("/hook"),
                new byte[] {'{', '}'},
                "application/json",
                java.util.Map.of(),
                FetchLimits.pageDefaults());

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                .isEqualTo(Failure.BLOCKED_ADDRESS));
        assertThat(canary.connectionCount()).isZero();
    }

    @Test
    void publicOnlyRefusesEveryLoopbackAddress() {
        try (HttpFetcher strict = new HttpFetcher(settings(AddressPolicy.publicOnly()), InstantSource.system())) {
            for (FixtureServer s : List.of(allowed, canary, canary3)) {
                FetchOutcome outcome = strict.fetch(FetchRequest.feed(s.uri("/feed.xml"), null, null));
                assertThat(outcome).as(s.host()).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(
                                f.failure())
                        .isEqualTo(Failure.BLOCKED_ADDRESS));
            }
            FetchOutcome byName = strict.fetch(
                    FetchRequest.feed(URI.create("http://localhost:" + allowed.port() + "/feed.xml"), null, null));
            assertThat(byName).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
                assertThat(f.failure()).isEqualTo(Failure.BLOCKED_ADDRESS);
                assertThat(f.message())
                        .startsWith("refused to connect to loopback address")
                        .endsWith("(localhost)");
            });
        }
        assertThat(allowed.connectionCount()).isZero();
        assertThat(canary.connectionCount()).isZero();
        assertThat(canary3.connectionCount()).isZero();
    }

    @Test
    void allowListingTheCanaryMakesItReachable() {
        try (HttpFetcher open = new HttpFetcher(
                settings(AddressPolicy.allowing(List.of("127.0.0.1/32", "127.0.0.2/32"))), InstantSource.system())) {
            FetchOutcome direct = open.fetch(
                    FetchRequest.feed(URI.create("http://2130706434:" + canary.port() + "/feed.xml"), null, null));
            allowed.route(
                    "/to-canary",
                    FixtureResponse.redirect(302, canary.uri("/feed.xml").toString()));
            FetchOutcome redirected = open.fetch(FetchRequest.feed(allowed.uri("/to-canary"), null, null));
            FetchOutcome other = open.fetch(FetchRequest.feed(canary3.uri("/feed.xml"), null, null));

            assertThat(direct).isInstanceOf(FetchOutcome.Fetched.class);
            assertThat(redirected).isInstanceOf(FetchOutcome.Fetched.class);
            assertThat(other).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                    .isEqualTo(Failure.BLOCKED_ADDRESS));
        }
        assertThat(canary.requests("/feed.xml")).hasSize(2);
        assertThat(canary3.connectionCount()).isZero();
    }

    @Test
    void aFeedsOwnAllowListWidensThePolicyForThatRequestOnly() {
        AddressPolicy feedPolicy =
                AddressPolicy.allowing(List.of("127.0.0.1/32")).plus(List.of("127.0.0.3/32"));

        FetchOutcome withFeedPolicy =
                fetcher.fetch(FetchRequest.feed(canary3.uri("/feed.xml"), null, null), feedPolicy);
        FetchOutcome withGlobalPolicy = fetcher.fetch(FetchRequest.feed(canary3.uri("/feed.xml"), null, null));

        assertThat(withFeedPolicy).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(withGlobalPolicy).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                .isEqualTo(Failure.BLOCKED_ADDRESS));
        assertThat(canary3.connectionCount()).isEqualTo(1);
    }

    @Test
    void ipv6LoopbackIsRefusedUnlessAllowListed() {
        FixtureServer v6;
        try {
            v6 = FixtureServer.start("::1");
        } catch (java.io.UncheckedIOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback on this machine");
            return;
        }
        try (v6) {
            v6.route("/feed.xml", FixtureResponse.ok("application/rss+xml", "<rss/>"));
            URI uri = URI.create("http://[::1]:" + v6.port() + "/feed.xml");

            FetchOutcome refused = fetcher.fetch(FetchRequest.feed(uri, null, null));
            FetchOutcome allowedByFeed = fetcher.fetch(
                    FetchRequest.feed(uri, null, null),
                    AddressPolicy.publicOnly().plus(List.of("::1/128")));

            assertThat(refused).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
                assertThat(f.failure()).isEqualTo(Failure.BLOCKED_ADDRESS);
                assertThat(f.message()).isEqualTo("refused to connect to loopback address ::1");
            });
            assertThat(allowedByFeed).isInstanceOf(FetchOutcome.Fetched.class);
            assertThat(v6.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void robotsTxtOfTheCanaryIsNeverFetchedEither() {
        FetchOutcome outcome = fetcher.fetch(FetchRequest.article(canary.uri("/story.html")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                .isEqualTo(Failure.BLOCKED_ADDRESS));
        assertThat(canary.connectionCount()).isZero();
    }
}
