package org.gleaner.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.gleaner.testing.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-host politeness across purposes, robots.txt for articles only. */
class PolitenessTest {

    private static final Duration DELAY = Duration.ofMillis(300);

    private FixtureServer site;
    private FixtureServer otherSite;
    private HttpFetcher fetcher;
    private ExecutorService pool;

    @BeforeEach
    void start() {
        site = FixtureServer.start("127.0.0.1");
        otherSite = FixtureServer.start("127.0.0.3");
        fetcher = new HttpFetcher(
                new FetchSettings(
                        FetchSettings.defaultUserAgent(),
                        AddressPolicy.allowing(List.of("127.0.0.1/32", "127.0.0.3/32")),
                        DELAY,
                        1,
                        true),
                InstantSource.system());
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "politeness-test");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        fetcher.close();
        site.close();
        otherSite.close();
    }

    @Test
    void concurrentFetchesToOneHostAreSerializedAndSpacedByTheDelay() throws Exception {
        CountDownLatch firstArrived = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        site.route("/feed.xml", request -> {
            firstArrived.countDown();
            await(releaseFirst);
            return FixtureResponse.ok("application/rss+xml", "<rss/>");
        });
        site.route("/story.html", FixtureResponse.ok("text/html", "<p>story</p>"));
        site.route("/robots.txt", FixtureResponse.status(404));

        CompletableFuture<FetchOutcome> feed = CompletableFuture.supplyAsync(
                () -> fetcher.fetch(FetchRequest.feed(site.uri("/feed.xml"), null, null)), pool);
        assertThat(firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<FetchOutcome> article = CompletableFuture.supplyAsync(
                () -> fetcher.fetch(
                        FetchRequest.article(site.uri("/story.html")).withIgnoreRobots(true)),
                pool);
        Thread.sleep(DELAY.toMillis() * 2);
        int whileFirstInFlight = site.requests().size();
        releaseFirst.countDown();

        assertThat(feed.get(10, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(article.get(10, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(whileFirstInFlight)
                .as("the article waited for the feed to finish")
                .isEqualTo(1);
        List<RecordedRequest> requests = site.requests();
        assertThat(requests).extracting(RecordedRequest::path).containsExactly("/feed.xml", "/story.html");
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(DELAY);
    }

    @Test
    void sequentialFetchesToOneHostAreSpacedByTheDelay() {
        site.route("/a.xml", FixtureResponse.ok("application/rss+xml", "<rss/>"));

        for (int i = 0; i < 3; i++) {
            fetcher.fetch(FetchRequest.feed(site.uri("/a.xml"), null, null));
        }

        List<RecordedRequest> requests = site.requests();
        assertThat(requests).hasSize(3);
        for (int i = 1; i < requests.size(); i++) {
            assertThat(Duration.between(
                            requests.get(i - 1).at(), requests.get(i).at()))
                    .isGreaterThanOrEqualTo(DELAY);
        }
    }

    @Test
    void differentHostsAreNotSerialized() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch firstArrived = new CountDownLatch(1);
        site.route("/feed.xml", request -> {
            firstArrived.countDown();
            await(releaseFirst);
            return FixtureResponse.ok("application/rss+xml", "<rss/>");
        });
        otherSite.route("/feed.xml", FixtureResponse.ok("application/rss+xml", "<rss/>"));

        CompletableFuture<FetchOutcome> slow = CompletableFuture.supplyAsync(
                () -> fetcher.fetch(FetchRequest.feed(site.uri("/feed.xml"), null, null)), pool);
        assertThat(firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
        FetchOutcome other = fetcher.fetch(FetchRequest.feed(otherSite.uri("/feed.xml"), null, null));

        assertThat(other).as("fetched while the first host was still busy").isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(slow.isDone()).isFalse();
        releaseFirst.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isInstanceOf(FetchOutcome.Fetched.class);
    }

    @Test
    void robotsDisallowStopsArticlesButNotFeeds() {
        site.route("/robots.txt", FixtureResponse.ok("text/plain", "User-agent: *\nDisallow: /private/\n"));
        site.route("/private/story.html", FixtureResponse.ok("text/html", "<p>secret</p>"));
        site.route("/private/feed.xml", FixtureResponse.ok("application/rss+xml", "<rss/>"));
        site.route("/public/story.html", FixtureResponse.ok("text/html", "<p>story</p>"));

        FetchOutcome disallowed = fetcher.fetch(FetchRequest.article(site.uri("/private/story.html")));
        FetchOutcome feed = fetcher.fetch(FetchRequest.feed(site.uri("/private/feed.xml"), null, null));
        FetchOutcome allowed = fetcher.fetch(FetchRequest.article(site.uri("/public/story.html")));
        FetchOutcome optedOut = fetcher.fetch(
                FetchRequest.article(site.uri("/private/story.html")).withIgnoreRobots(true));

        assertThat(disallowed).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.ROBOTS_DISALLOWED);
            assertThat(f.message()).isEqualTo("robots.txt of 127.0.0.1 disallows /private/story.html for Gleaner");
        });
        assertThat(feed).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(allowed).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(optedOut).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(site.requests("/private/story.html")).hasSize(1);
        assertThat(site.requests("/robots.txt")).as("cached per host").hasSize(1);
    }

    @Test
    void robotsRulesNamingGleanerApply() {
        site.route(
                "/robots.txt",
                FixtureResponse.ok("text/plain", "User-agent: gleaner\nDisallow: /\n\nUser-agent: *\nAllow: /\n"));
        site.route("/story.html", FixtureResponse.ok("text/html", "<p>story</p>"));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.article(site.uri("/story.html")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> assertThat(f.failure())
                .isEqualTo(Failure.ROBOTS_DISALLOWED));
    }

    @Test
    void missingRobotsTxtAllowsArticles() {
        site.route("/story.html", FixtureResponse.ok("text/html", "<p>story</p>"));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.article(site.uri("/story.html")));

        assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        assertThat(site.requests()).extracting(RecordedRequest::path).containsExactly("/robots.txt", "/story.html");
    }

    @Test
    void robotsAreNotConsultedWhenTheSettingIsOff() {
        site.route("/robots.txt", FixtureResponse.ok("text/plain", "User-agent: *\nDisallow: /\n"));
        site.route("/story.html", FixtureResponse.ok("text/html", "<p>story</p>"));
        try (HttpFetcher noRobots = new HttpFetcher(
                FetchSettings.defaults(
                                FetchSettings.defaultUserAgent(), AddressPolicy.allowing(List.of("127.0.0.1/32")))
                        .withPerHostDelay(Duration.ZERO)
                        .withHonourRobots(false),
                InstantSource.system())) {

            FetchOutcome outcome = noRobots.fetch(FetchRequest.article(site.uri("/story.html")));

            assertThat(outcome).isInstanceOf(FetchOutcome.Fetched.class);
        }
        assertThat(site.requests("/robots.txt")).isEmpty();
    }

    @Test
    void rateLimitedRobotsTxtRateLimitsTheArticle() {
        site.route("/robots.txt", FixtureResponse.status(503).header("Retry-After", "1"));
        site.route("/story.html", FixtureResponse.ok("text/html", "<p>story</p>"));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.article(site.uri("/story.html")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.RateLimited.class, r -> assertThat(r.status())
                .isEqualTo(503));
        assertThat(site.requests("/story.html")).isEmpty();
    }

    @Test
    void robotsTxtInternalErrorMeansDisallowForNow() {
        site.route("/robots.txt", FixtureResponse.status(500));
        site.route("/story.html", FixtureResponse.ok("text/html", "<p>story</p>"));

        FetchOutcome outcome = fetcher.fetch(FetchRequest.article(site.uri("/story.html")));

        assertThat(outcome).isInstanceOfSatisfying(FetchOutcome.Failed.class, f -> {
            assertThat(f.failure()).isEqualTo(Failure.ROBOTS_DISALLOWED);
            assertThat(f.message()).startsWith("robots.txt of 127.0.0.1 could not be read");
        });
        assertThat(site.requests("/story.html")).isEmpty();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
