package org.gleaner.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.index.FakeChangeLog.doc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gleaner.fetch.AddressPolicy;
import org.gleaner.fetch.FetchLimits;
import org.gleaner.fetch.FetchSettings;
import org.gleaner.fetch.HttpFetcher;
import org.gleaner.store.Delivery;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.gleaner.testing.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookDeliveryTest {
    @TempDir
    Path dir;

    AlertFixture f;
    FixtureServer receiver;
    HttpFetcher fetcher;
    DeliveryWorker worker;

    @BeforeEach
    void open() {
        f = new AlertFixture(dir);
        receiver = FixtureServer.start();
        fetcher = fetcher(AddressPolicy.allowing(List.of("127.0.0.1/32")));
        worker = worker(fetcher);
    }

    private HttpFetcher fetcher(AddressPolicy policy) {
        return new HttpFetcher(
                FetchSettings.defaults("GleanerTest/1", policy).withPerHostDelay(Duration.ZERO), f.clock);
    }

    private DeliveryWorker worker(HttpFetcher through) {
        FetchLimits quick = FetchLimits.feedDefaults()
                .withResponseTimeout(Duration.ofMillis(800))
                .withTotalDeadline(Duration.ofSeconds(2))
                .withMaxRedirects(0);
        WebhookSender sender = new WebhookSender(through, f.clock, java.net.URI.create("http://gleaner.test/"), quick);
        return new DeliveryWorker(
                f.deliveryStore,
                Map.of(WatchChannel.Kind.WEBHOOK, sender, WatchChannel.Kind.SLACK, sender),
                f.clock,
                () -> 0.5);
    }

    @AfterEach
    void close() throws Exception {
        fetcher.close();
        receiver.close();
        f.close();
    }

    private Watch watchPosting(String path) throws Exception {
        return f.watch("homs", "homs", webhook(path));
    }

    private WatchChannel.Spec webhook(String path) {
        return new WatchChannel.Spec(
                WatchChannel.Kind.WEBHOOK, receiver.uri(path).toString(), null);
    }

    private void story(int i) {
        f.add(doc("a:" + i).title("Homs story " + i).text("News from Homs, part " + i + "."));
        f.matcher.catchUp();
    }

    @Test
    void signedJsonWithAStableIdIsPostedOnce() throws Exception {
        receiver.route("/hook", FixtureResponse.status(204));
        Watch watch = watchPosting("/hook");
        story(1);
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(worker.deliverDue()).isZero();

        List<RecordedRequest> requests = receiver.requests("/hook");
        assertThat(requests).hasSize(1);
        RecordedRequest request = requests.get(0);
        String id = request.header("webhook-id");
        String secret =
                f.watchStore.byId(watch.id()).orElseThrow().channels().get(0).secret();
        assertThat(id).isEqualTo(DeliveryIds.forStory(watch.id(), "a:1"));
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSignature.verify(
                        secret,
                        id,
                        Long.parseLong(request.header("webhook-timestamp")),
                        request.body(),
                        request.header("webhook-signature")))
                .isTrue();
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.bodyText())
                .contains("\"type\":\"gleaner.alert\"", "\"title\":\"Homs story 1\"", "<mark>Homs</mark>");
    }

    @Test
    void serverErrorIsRetriedAfterBackoffWithTheSameId() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver.route(
                "/hook", r -> calls.incrementAndGet() == 1 ? FixtureResponse.status(500) : FixtureResponse.status(200));
        watchPosting("/hook");
        story(1);
        assertThat(worker.deliverDue()).isZero();
        assertThat(worker.deliverDue()).isZero();
        assertThat(receiver.requests("/hook")).hasSize(1);
        f.advance(Duration.ofSeconds(31));
        assertThat(worker.deliverDue()).isEqualTo(1);
        List<RecordedRequest> requests = receiver.requests("/hook");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("webhook-id"))
                .isEqualTo(requests.get(0).header("webhook-id"));
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver.route(
                "/hook",
                r -> calls.incrementAndGet() == 1
                        ? FixtureResponse.status(429).header("Retry-After", "600")
                        : FixtureResponse.status(200));
        watchPosting("/hook");
        story(1);
        worker.deliverDue();
        f.advance(Duration.ofMinutes(5));
        worker.deliverDue();
        assertThat(receiver.requests("/hook")).hasSize(1);
        f.advance(Duration.ofMinutes(6));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(receiver.requests("/hook")).hasSize(2);
    }

    @Test
    void goneDisablesTheEndpointAndReplayRevivesIt() throws Exception {
        AtomicBoolean gone = new AtomicBoolean(true);
        receiver.route("/hook", r -> gone.get() ? FixtureResponse.status(410) : FixtureResponse.status(200));
        Watch watch = watchPosting("/hook");
        story(1);
        worker.deliverDue();
        story(2);
        f.advance(Duration.ofHours(2));
        worker.deliverDue();
        assertThat(receiver.requests("/hook")).hasSize(1);
        assertThat(f.watchStore.byId(watch.id()).orElseThrow().channels().get(0).disabledReason())
                .contains("410");
        assertThat(f.deliveryStore.counts().get(Delivery.State.PENDING)).isZero();
        List<Delivery.Dead> dead = f.watches.deadDeliveries();
        assertThat(dead).singleElement().satisfies(d -> assertThat(d.lastStatus())
                .isEqualTo(410));

        gone.set(false);
        assertThat(f.watches.replay(dead.get(0).id())).isTrue();
        assertThat(worker.deliverDue()).isEqualTo(1);
        story(3);
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(receiver.requests("/hook")).hasSize(3);
    }

    @Test
    void hangingReceiverIsAFailureRetriedLater() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver.route(
                "/hook",
                r -> calls.incrementAndGet() == 1 ? FixtureResponse.status(200).hang() : FixtureResponse.status(200));
        watchPosting("/hook");
        story(1);
        assertThat(worker.deliverDue()).isZero();
        f.advance(Duration.ofMinutes(1));
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(receiver.requests("/hook")).hasSize(2);
    }

    @Test
    void receiverDownForAnHourThenBackGetsEverythingInOrder() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        receiver.route("/hook", r -> down.get() ? FixtureResponse.status(502) : FixtureResponse.status(200));
        watchPosting("/hook");
        for (int minute = 0; minute < 60; minute += 5) {
            if (minute % 10 == 0) {
                story(minute / 10);
            }
            worker.deliverDue();
            f.advance(Duration.ofMinutes(5));
        }
        down.set(false);
        for (int step = 0; step < 24 && f.deliveryStore.counts().get(Delivery.State.PENDING) > 0; step++) {
            worker.deliverDue();
            f.advance(Duration.ofMinutes(10));
        }
        assertThat(f.deliveryStore.counts().get(Delivery.State.DELIVERED)).isEqualTo(6);
        List<String> delivered = receiver.requests("/hook").stream()
                .filter(r -> r.bodyText().contains("Homs story"))
                .map(r -> r.header("webhook-id"))
                .distinct()
                .toList();
        List<String> expected = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> DeliveryIds.forStory(1, "a:" + i))
                .toList();
        assertThat(delivered).containsExactlyElementsOf(expected);
    }

    @Test
    void deliveryStillFailingAfterADayIsDeadListedAndReplayable() throws Exception {
        AtomicBoolean failing = new AtomicBoolean(true);
        receiver.route("/hook", r -> failing.get() ? FixtureResponse.status(500) : FixtureResponse.status(200));
        watchPosting("/hook");
        story(1);
        for (int hour = 0; hour < 26; hour++) {
            worker.deliverDue();
            f.advance(Duration.ofHours(1));
        }
        List<Delivery.Dead> dead = f.watches.deadDeliveries();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).lastStatus()).isEqualTo(500);
        failing.set(false);
        assertThat(f.watches.replay(dead.get(0).id())).isTrue();
        assertThat(worker.deliverDue()).isEqualTo(1);
        assertThat(f.watches.deadDeliveries()).isEmpty();
    }

    @Test
    void hourlyDigestSendsOneMessageWithEveryAlertOfTheHour() throws Exception {
        receiver.route("/hook", FixtureResponse.status(200));
        f.watch("homs", "homs", Watch.Pace.HOURLY, webhook("/hook"));
        story(1);
        story(2);
        assertThat(worker.deliverDue()).isZero();
        f.advance(Duration.ofHours(1));
        assertThat(worker.deliverDue()).isEqualTo(2);
        List<RecordedRequest> requests = receiver.requests("/hook");
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).bodyText()).contains("gleaner.digest", "Homs story 1", "Homs story 2");
    }

    @Test
    void slackChannelGetsTextForm() throws Exception {
        receiver.route("/slack", FixtureResponse.status(200));
        f.watch(
                "homs",
                "homs",
                new WatchChannel.Spec(
                        WatchChannel.Kind.SLACK, receiver.uri("/slack").toString(), null));
        story(1);
        worker.deliverDue();
        assertThat(receiver.requests("/slack").get(0).bodyText())
                .startsWith("{\"text\":")
                .contains("*Homs*");
    }

    @Test
    void loopbackWebhookIsRefusedWithoutAnAllowList() throws Exception {
        receiver.route("/hook", FixtureResponse.status(200));
        HttpFetcher strict = fetcher(AddressPolicy.publicOnly());
        try {
            DeliveryWorker guarded = worker(strict);
            watchPosting("/hook");
            story(1);
            assertThat(guarded.deliverDue()).isZero();
            assertThat(receiver.requests("/hook")).isEmpty();
        } finally {
            strict.close();
        }
    }
}
