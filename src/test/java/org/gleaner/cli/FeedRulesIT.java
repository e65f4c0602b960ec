package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-feed rules in feeds.yaml: {@code follow:}, {@code content:} and {@code remove:}. */
class FeedRulesIT {
    @TempDir
    Path dir;

    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private String feed(String page) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>" + server.uri("/")
                + "</link><description>d</description><item><guid>" + page + "</guid><title>Entry " + page
                + "</title><link>" + server.uri(page)
                + "</link><description>A short teaser …</description></item></channel></rss>";
    }

    private static String page(String storyWord, String otherWord) {
        String paragraph =
                " officials said on Tuesday that the talks would resume next week in the capital after a pause.";
        return "<html><body><article><h1>Headline</h1>" + ("<p>The " + otherWord + paragraph + "</p>").repeat(6)
                + "</article><div class='story'><p>Only the " + storyWord + " box" + paragraph + "</p></div>"
                + "<div class='promo'><p>Promo " + storyWord + "promo</p></div></body></html>";
    }

    private int hits(Path config, String query) throws Exception {
        Cli.Result result = Cli.run(
                "search",
                query,
                "--json",
                "--config",
                config.toString(),
                "--data",
                dir.resolve("data").toString());
        return new ObjectMapper().readTree(result.out()).get("hits").size();
    }

    @Test
    void contentSelectorWinsOverTheExtractorAndRemoveDropsParts() throws Exception {
        server.route("/selected.xml", FixtureResponse.ok("application/rss+xml", feed("/selected.html")));
        server.route("/selected.html", FixtureResponse.ok("text/html", page("kestrel", "heron")));
        server.route("/ignored.xml", FixtureResponse.ok("application/rss+xml", feed("/ignored.html")));
        server.route("/ignored.html", FixtureResponse.ok("text/html", page("osprey", "egret")));
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(
                config,
                """
                allow_networks: [127.0.0.1/32]
                http: {per_host_delay: 0s}
                feeds:
                  - name: selected
                    url: %s
                    content: "div.story, div.promo"
                    remove: ["div.promo"]
                  - name: ignored
                    url: %s
                    follow: none
                """
                        .formatted(server.uri("/selected.xml"), server.uri("/ignored.xml")));

        Cli.Result fetch = Cli.run(
                "fetch",
                "--config",
                config.toString(),
                "--data",
                dir.resolve("data").toString());

        assertThat(fetch.out())
                .contains("selected: ok, 1 new, 1 articles fetched")
                .contains("ignored: ok, 1 new, 0 articles fetched");
        assertThat(hits(config, "kestrel")).isEqualTo(1);
        assertThat(hits(config, "heron"))
                .as("the automatic extractor's choice is overridden")
                .isZero();
        assertThat(hits(config, "kestrelpromo")).as("removed before selection").isZero();
        assertThat(server.requests("/ignored.html"))
                .as("follow: none fetches no page")
                .isEmpty();
        assertThat(hits(config, "teaser")).isEqualTo(2);
    }
}
