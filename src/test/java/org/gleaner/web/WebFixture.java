package org.gleaner.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.gleaner.app.Application;
import org.gleaner.app.Server;
import org.gleaner.config.ConfigLoader;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;

/**
 * A fixture feed site on loopback plus a real {@code gleaner run} server over it: what the API and
 * browser tests start from. The seed feed (a link-blog entry pointing at a news article, and a
 * full-text entry) is fetched once before the server starts.
 */
final class WebFixture implements AutoCloseable {
    static final String ARTICLE = "/world/middle-east/syrian-army-flees-homs-2024-12-07/";

    final FixtureServer site;
    final Path config;
    final Path data;
    final Application app;
    final Server server;
    final String base;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private WebFixture(FixtureServer site, Path config, Path data, Application app, Server server, String host) {
        this.site = site;
        this.config = config;
        this.data = data;
        this.app = app;
        this.server = server;
        this.base = "http://" + host + ":" + server.port();
    }

    /** Serves the seed site, fetches it once, and starts {@code gleaner run} bound to {@code bind}. */
    static WebFixture start(Path dir, String bind, String adminPasswordHash) {
        return start(dir, bind, adminPasswordHash, site -> List.of());
    }

    /**
     * Like {@link #start(Path, String, String)}, with more routes on the fixture site and more feeds in
     * the configuration ({@code extra} adds the routes and returns name and path of each extra feed).
     */
    static WebFixture start(
            Path dir, String bind, String adminPasswordHash, Function<FixtureServer, List<String[]>> extra) {
        FixtureServer site = FixtureServer.start();
        site.route(
                "/blog/feed/",
                FixtureResponse.ok("application/rss+xml; charset=utf-8", page(site, "seed/feed.xml"))
                        .etag("\"seed-v1\""));
        site.route(ARTICLE, FixtureResponse.ok("text/html; charset=utf-8", page(site, "seed/homs.html")));
        List<String[]> feeds = new ArrayList<>();
        feeds.add(new String[] {"war-in-context", site.uri("/blog/feed/").toString()});
        for (String[] feed : extra.apply(site)) {
            feeds.add(new String[] {feed[0], site.uri(feed[1]).toString()});
        }
        Path config = writeConfig(dir, feeds);
        Path data = dir.resolve("data");
        try {
            Files.createDirectories(data);
            if (adminPasswordHash != null && !adminPasswordHash.isEmpty()) {
                Files.writeString(data.resolve("admin-password-hash"), adminPasswordHash, StandardCharsets.UTF_8);
            }
            Application app = Application.open(ConfigLoader.load(config), data);
            app.refreshAll(null);
            Server server = Server.start(app, bind, 0, config);
            return new WebFixture(site, config, data, app, server, bind.contains(":") ? "[" + bind + "]" : bind);
        } catch (Exception e) {
            site.close();
            throw new IllegalStateException(e);
        }
    }

    static String page(FixtureServer server, String resource) {
        try (InputStream in = WebFixture.class.getResourceAsStream("/fixtures/sites/" + resource)) {
            String text = new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("{{base}}", server.uri("/").toString().replaceAll("/$", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeConfig(Path dir, List<String[]> feeds) {
        StringBuilder yaml = new StringBuilder("allow_networks: [127.0.0.1/32]\nhttp:\n  per_host_delay: 0s\nfeeds:\n");
        for (String[] feed : feeds) {
            yaml.append("  - name: ").append(feed[0]).append('\n');
            yaml.append("    url: ").append(feed[1]).append('\n');
            yaml.append("    tags: [syria]\n");
        }
        Path file = dir.resolve("feeds.yaml");
        try {
            Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    String csrfToken(String... headers) {
        return json(get("/api/session", headers)).path("csrfToken").asText();
    }

    @Override
    public void close() {
        server.close();
        site.close();
    }
}
