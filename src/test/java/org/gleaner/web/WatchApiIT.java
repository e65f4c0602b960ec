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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/watches} and the Atom feed of a watch, on a running server. */
@org.junit.jupiter.api.extension.ExtendWith(org.gleaner.testing.ThreadDumpOnFailure.class)
class WatchApiIT {
    @TempDir
    Path dir;

    private final FixtureServer site = FixtureServer.start();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Server server;
    private String csrf = "";

    @BeforeEach
    void start() throws Exception {
        site.route(
                "/wire.xml",
                FixtureResponse.ok(
                        "application/rss+xml",
                        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>"
                                + "<title>Wire</title><link>" + site.uri("/") + "</link><description>d</description>"
                                + "<item><guid>1</guid><title>Rebels enter Homs</title><description>Rebels entered the city of Homs"
                                + " on Saturday, residents said, as the army withdrew toward the coast.</description></item></channel></rss>"));
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
}
