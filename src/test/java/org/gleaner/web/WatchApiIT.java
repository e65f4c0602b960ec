package org.gleaner.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gleaner.app.Application;
import org.gleaner.app.Server;
import org.gleaner.config.ConfigLoader;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.gleaner.testing.ThreadDumpOnFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/watches} and the Atom feed of a watch, on a running server. */
@ExtendWith(ThreadDumpOnFailure.class)
class WatchApiIT {
    @TempDir
    Path dir;

    private final FixtureServer site = FixtureServer.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Server server;
    private String csrf = "";

    private static final String HOMS_ITEM = "<item><guid>1</guid><title>Rebels enter Homs</title><description>Rebels"
            + " entered the city of Homs on Saturday, residents said, as the army withdrew toward the coast."
            + "</description></item>";
    private static final String WOMBAT_ITEM = "<item><guid>2</guid><title>Wombat burrow found under the library"
            + "</title><description>A wombat dug a burrow under the city library, keepers said on Monday."
            + "</description></item>";

    private String wire(String... items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>" + site.uri("/")
                + "</link><description>d</description>" + String.join("", items) + "</channel></rss>";
    }

    @BeforeEach
    void start() throws Exception {
        site.route("/wire.xml", FixtureResponse.ok("application/rss+xml", wire(HOMS_ITEM)));
        site.route("/hook", FixtureResponse.status(204));
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(
                config,
                "allow_networks: [127.0.0.1/32]\nhttp: {per_host_delay: 0s}\nfeeds:\n  - name: wire\n    url: "
                        + site.uri("/wire.xml") + "\n    fulltext: never\n");
        Application app = Application.open(ConfigLoader.load(config), dir.resolve("data"));
        server = Server.start(app, "127.0.0.1", 0, config);
        JsonNode session = json.readTree(get("/api/session").body());
        csrf = session.path("csrf").asText(session.path("csrfToken").asText(""));
    }

    @AfterEach
    void stop() {
        server.close();
        site.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .header("X-CSRF-Token", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createdWatchIsListedItsBadQueryIsA400AndItServesAnAtomFeed() throws Exception {
        HttpResponse<String> bad = post("/api/watches", "{\"name\":\"broken\",\"query\":\"(homs\"}");
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("error").asText()).isNotBlank();

        HttpResponse<String> created = post("/api/watches", "{\"name\":\"homs\",\"query\":\"homs\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();
        assertThat(json.readTree(get("/api/watches").body()).get("watches")).hasSize(1);
        assertThat(post("/api/watches", "{\"name\":\"homs\",\"query\":\"aleppo\"}")
                        .statusCode())
                .isEqualTo(409);

        HttpResponse<String> atom = get("/watches/" + id + "/feed.atom");
        assertThat(atom.statusCode()).isEqualTo(200);
        assertThat(atom.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        assertThat(atom.body())
                .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
                .contains("Gleaner watch: homs");
        assertThat(get("/watches/99999/feed.atom").statusCode()).isEqualTo(404);
        HttpResponse<String> dryRun = get("/api/watches/test?q=markets&days=7");
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
    }

    @Test
    void aWatchMadeThroughTheApiAlertsTheNextMatchingStoryOnceInItsFeedAndByWebhook() throws Exception {
        awaitFirstRefresh();
        HttpResponse<String> created = post(
                "/api/watches",
                "{\"name\":\"wombats\",\"query\":\"wombat\",\"webhook\":\"" + site.uri("/hook") + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json.readTree(created.body()).get("id").asLong();

        site.route("/wire.xml", FixtureResponse.ok("application/rss+xml", wire(WOMBAT_ITEM, HOMS_ITEM)));
        assertThat(post("/api/feeds/wire/refresh", "{}").statusCode()).isEqualTo(202);

        String atom = awaitBody("/watches/" + id + "/feed.atom", "Wombat burrow");
        assertThat(atom).doesNotContain("Rebels enter Homs");
        await(() -> !site.requests("/hook").isEmpty(), "the webhook delivery");
        // A second refresh of the same story, and a later matching pass, alert nobody again.
        assertThat(post("/api/feeds/wire/refresh", "{}").statusCode()).isEqualTo(202);
        await(() -> site.requests("/wire.xml").size() >= 3, "the second refresh");
        Thread.sleep(3_000);
        assertThat(site.requests("/hook"))
                .extracting(r -> r.header("webhook-id"))
                .hasSize(1)
                .doesNotContainNull();
        assertThat(json.readTree(get("/api/watches/" + id + "/alerts").body()).get("alerts"))
                .singleElement()
                .satisfies(alert -> assertThat(alert.get("passage").asText()).contains("<mark>"));
    }

    @Test
    void aWatchCanBeEditedPausedTestedAndRemovedAndADeadDeliveryReplayed() throws Exception {
        site.route("/gone", FixtureResponse.status(410));
        HttpResponse<String> created = post(
                "/api/watches", "{\"name\":\"homs\",\"query\":\"homs\",\"webhook\":\"" + site.uri("/hook") + "\"}");
        long id = json.readTree(created.body()).get("id").asLong();
        String path = "/api/watches/" + id;

        JsonNode edited = json.readTree(send("PATCH", path, "{\"query\":\"homs OR aleppo\",\"pace\":\"daily\"}")
                .body());
        assertThat(edited.get("query").asText()).isEqualTo("homs OR aleppo");
        assertThat(edited.get("pace").asText()).isEqualTo("daily");
        assertThat(edited.get("channels")).hasSize(1);
        assertThat(send("PATCH", path, "{\"query\":\"(homs\"}").statusCode()).isEqualTo(400);
        assertThat(json.readTree(post(path + "/pause", "{}").body())
                        .get("paused")
                        .asBoolean())
                .isTrue();
        assertThat(json.readTree(post(path + "/resume", "{}").body())
                        .get("paused")
                        .asBoolean())
                .isFalse();

        JsonNode test = json.readTree(post(path + "/send-test", "{}").body()).get("results");
        assertThat(test)
                .singleElement()
                .satisfies(r -> assertThat(r.get("delivered").asBoolean()).isTrue());
        assertThat(site.requests("/hook")).singleElement().satisfies(r -> assertThat(r.header("webhook-signature"))
                .startsWith("v1,"));

        JsonNode gone = json.readTree(send("PATCH", path, "{\"webhook\":\"" + site.uri("/gone") + "\"}")
                        .body())
                .get("channels");
        assertThat(gone)
                .singleElement()
                .satisfies(c -> assertThat(c.get("target").asText()).endsWith("/gone"));
        assertThat(json.readTree(post(path + "/send-test", "{}").body()).get("results"))
                .singleElement()
                .satisfies(r -> assertThat(r.get("status").asInt()).isEqualTo(410));

        assertThat(json.readTree(get("/api/deliveries/dead").body()).get("deliveries"))
                .isEmpty();
        assertThat(post("/api/deliveries/12345/replay", "{}").statusCode()).isEqualTo(404);
        assertThat(send("DELETE", path, "").statusCode()).isEqualTo(204);
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Content-Type", "application/json")
                        .header("X-CSRF-Token", csrf)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitFirstRefresh() throws Exception {
        await(() -> !site.requests("/wire.xml").isEmpty(), "the first scheduled refresh");
        awaitBody("/api/search?q=homs", "Rebels enter Homs");
    }

    private String awaitBody(String path, String text) throws Exception {
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        String body = "";
        while (System.nanoTime() < giveUp) {
            body = get(path).body();
            if (body.contains(text)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never contained '" + text + "'; last answer: " + body);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(100);
        }
    }
}
