package org.gleaner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.gleaner.testing.FixtureServer;

/** Fixture pages under {@code fixtures/sites/}, with {@code {{base}}} replaced by the server's address. */
final class FixtureSites {
    private FixtureSites() {}

    static String page(FixtureServer server, String resource) {
        try (InputStream in = FixtureSites.class.getResourceAsStream("/fixtures/sites/" + resource)) {
            String text = new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
            return text.replace("{{base}}", server.uri("/").toString().replaceAll("/$", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A feeds.yaml listing the given feeds (name, url) with loopback allowed, for tests on 127.0.0.1. */
    static Path config(Path dir, List<String[]> feeds, String extraFeedKeys) {
        StringBuilder yaml = new StringBuilder("allow_networks: [127.0.0.1/32]\nhttp:\n  per_host_delay: 0s\nfeeds:\n");
        for (String[] feed : feeds) {
            yaml.append("  - name: ").append(feed[0]).append('\n');
            yaml.append("    url: ").append(feed[1]).append('\n');
            if (!extraFeedKeys.isEmpty()) {
                yaml.append("    ").append(extraFeedKeys).append('\n');
            }
        }
        Path file = dir.resolve("feeds.yaml");
        try {
            Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
