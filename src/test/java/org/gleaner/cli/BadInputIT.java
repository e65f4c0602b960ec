package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad feeds and bad configuration give clear outcomes; one bad feed never stops the others. */
class BadInputIT {
    @TempDir
    Path dir;

    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private static String rss(String items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>http://x.example/</link>"
                + "<description>d</description>" + items + "</channel></rss>";
    }

    @Test
    void eachBadFeedIsRecordedWithAReadableReasonAndTheGoodFeedStillLands() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        server.route(
                "/good.xml",
                FixtureResponse.ok(
                        "application/rss+xml",
                        rss("<item><guid>g1</guid><title>Good entry</title><link>" + server.uri("/script-only.html")
                                + "</link><description>Teaser …</description></item>")));
        server.route(
                "/script-only.html",
                FixtureResponse.ok(
                        "text/html", "<html><body><div id=app></div><script>render()</script></body></html>"));
        server.route("/missing.xml", FixtureResponse.status(404));
        server.route("/broken.xml", FixtureResponse.status(500));
        server.route(
                "/page.html",
                FixtureResponse.ok("text/html", "<html><body><h1>Welcome</h1><p>Not a feed.</p></body></html>"));
        server.route(
                "/malformed.xml",
                FixtureResponse.ok("application/rss+xml", "<rss><channel><title>Oops</title><item><title>unclosed"));
        server.route("/empty.xml", FixtureResponse.ok("application/rss+xml", ""));
        Path config = FixtureSites.config(
                dir,
                List.of(
                        new String[] {"unreachable", "http://127.0.0.1:" + closedPort + "/feed.xml"},
                        new String[] {"missing", server.uri("/missing.xml").toString()},
                        new String[] {"broken", server.uri("/broken.xml").toString()},
                        new String[] {"html-page", server.uri("/page.html").toString()},
                        new String[] {"malformed", server.uri("/malformed.xml").toString()},
                        new String[] {"empty", server.uri("/empty.xml").toString()},
                        new String[] {"good", server.uri("/good.xml").toString()}),
                "");

        Cli.Result fetch = Cli.run(
                "fetch",
                "--config",
                config.toString(),
                "--data",
                dir.resolve("data").toString());

        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.err()).doesNotContain("Exception").doesNotContain("\tat ");
        String out = fetch.out();
        assertThat(out).containsPattern("unreachable: failed — .*(refused|connect)");
        assertThat(out).contains("missing: failed — HTTP 404");
        assertThat(out).contains("broken: failed — HTTP 500");
        assertThat(out).containsPattern("html-page: failed — not a readable feed: .+");
        assertThat(out).containsPattern("malformed: (failed — not a readable feed: .+|ok, 0 new.*)");
        assertThat(out).containsPattern("empty: failed — not a readable feed: .+");
        assertThat(out).contains("good: ok, 1 new, 0 articles fetched, 1 without article");

        Cli.Result search = Cli.run(
                "search",
                "good",
                "--config",
                config.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(search.out()).contains("«Good» entry");
    }

    @Test
    void aConfigTypoStopsTheCommandWithFileLineAndKey() throws Exception {
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(config, "feeds:\n  - url: https://example.org/feed\n    evry: 15m\n");
        Cli.Result result = Cli.run(
                "fetch",
                "--config",
                config.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains(config.toString())
                .contains(":3")
                .contains("evry")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(Cli.run("search").exitCode()).isEqualTo(2);
        assertThat(Cli.run("no-such-command").exitCode()).isEqualTo(2);
        assertThat(Stream.of(Cli.run("--help").out()).anyMatch(o -> o.contains("fetch")))
                .isTrue();
    }
}
