package org.gleaner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.gleaner.config.ConfigLoader;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner run}: the scheduler, the JSON API and the watched configuration file, on loopback. */
class RunServerIT {
    @TempDir
    Path dir;

    private final FixtureServer site = FixtureServer.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Path config;
    private Server server;

    private String rss(String word) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + word + "</title><link>"
                + site.uri("/") + "</link><description>d</description><item><guid>" + word + "-1</guid><title>About "
                + word + "</title><description>A complete entry about the " + word
                + " that needs no source page at all, because it says everything here.</description></item></channel></rss>";
    }

    private String yaml(String... feeds) {
        StringBuilder text = new StringBuilder("allow_networks: [127.0.0.1/32]\nhttp: {per_host_delay: 0s}\nfeeds:\n");
        for (String feed : feeds) {
            text.append("  - name: ")
                    .append(feed)
                    .append("\n    url: ")
                    .append(site.uri("/" + feed + ".xml"))
                    .append('\n');
        }
        return text.toString();
    }

    @BeforeEach
    void start() throws Exception {
        site.route("/otters.xml", FixtureResponse.ok("application/rss+xml", rss("otters")));
        site.route("/beavers.xml", FixtureResponse.ok("application/rss+xml", rss("beavers")));
        config = dir.resolve("feeds.yaml");
        Files.writeString(config, yaml("otters"));
        Application app = Application.open(ConfigLoader.load(config), dir.resolve("data"));
        server = Server.start(app, "127.0.0.1", 0, config);
    }

    @AfterEach
    void stop() {
        server.close();
        site.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String pathAndQuery) throws Exception {
        return json.readTree(get(pathAndQuery).body());
    }

    private int hits(String query) throws Exception {
        JsonNode body = getJson("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        return body.has("hits") ? body.get("hits").size() : -1;
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    private boolean found(String query) {
        try {
            return hits(query) == 1;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void scheduledRefreshMakesEntriesSearchableAndTheApiAnswers() throws Exception {
        eventually("the scheduled refresh is searchable", () -> found("otters"));

        HttpResponse<String> health = get("/api/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("ok");
        JsonNode feeds = getJson("/api/feeds").get("feeds");
        assertThat(feeds).hasSize(1);
        assertThat(feeds.get(0).get("lastOutcome").asText()).isEqualTo("ok");
        assertThat(feeds.get(0).get("nextCheck").isNull()).isFalse();

        HttpResponse<String> malformed = get("/api/search?q=" + URLEncoder.encode("(homs", StandardCharsets.UTF_8));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).get("error").asText()).isNotBlank();
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(get("/").headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void editsOfTheConfigFileTakeEffectWithoutRestartAndBadEditsAreReported() throws Exception {
        eventually("the first feed is searchable", () -> found("otters"));

        Files.writeString(config, yaml("otters", "beavers"));
        eventually("an added feed is fetched", () -> found("beavers"));

        Files.writeString(config, yaml("otters") + "    evry: 5m\n");
        eventually("the bad edit is reported", () -> {
            try {
                return getJson("/api/health").get("configError").asText().contains("evry");
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode health = getJson("/api/health");
        assertThat(health.get("status").asText()).isEqualTo("degraded");
        assertThat(health.get("feeds").asInt()).as("the running config stays").isEqualTo(2);
    }
}
