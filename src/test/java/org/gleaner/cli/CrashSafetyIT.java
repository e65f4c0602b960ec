package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN invariant 2: a process killed with SIGKILL in the middle of a refresh loses nothing and
 * duplicates nothing once it is restarted and fetches again.
 */
class CrashSafetyIT {
    private static final int STORIES = 4;
    private static final String HANGING = "/news/story-2.html";

    @TempDir
    Path dir;

    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private String feed() {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= STORIES; i++) {
            items.append("<item><title>Story ")
                    .append(i)
                    .append("</title><guid>story-")
                    .append(i)
                    .append("</guid>")
                    .append("<link>")
                    .append(server.uri("/news/story-" + i + ".html"))
                    .append("</link>")
                    .append("<description>Short excerpt of story ")
                    .append(i)
                    .append(" …</description></item>");
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title><link>" + server.uri("/")
                + "</link><description>d</description>" + items + "</channel></rss>";
    }

    private static String page(int i) {
        StringBuilder body = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            body.append("<p>Paragraph ")
                    .append(p)
                    .append(" of story ")
                    .append(i)
                    .append(" reports that the uniqueword")
                    .append(i)
                    .append(" delegation met officials, who said talks would continue next week in the capital.</p>");
        }
        return "<html><head><title>Story " + i
                + "</title></head><body><nav><a href='/'>Home</a></nav><article><h1>Story " + i + "</h1>" + body
                + "</article><footer>Footer</footer></body></html>";
    }

    @Test
    void killedMidRefreshThenRestartedStoresEveryArticleExactlyOnce() throws Exception {
        server.route(
                "/calm.xml",
                FixtureResponse.ok(
                                "application/rss+xml",
                                "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Calm</title><link>"
                                        + server.uri("/")
                                        + "</link><description>d</description><item><title>Calm entry</title><guid>calm-1</guid><description>A complete calm entry about harbour tides and the weather.</description></item></channel></rss>")
                        .etag("\"calm\""));
        server.route(
                "/wire.xml", FixtureResponse.ok("application/rss+xml", feed()).etag("\"wire\""));
        for (int i = 1; i <= STORIES; i++) {
            server.route("/news/story-" + i + ".html", FixtureResponse.ok("text/html", page(i)));
        }
        server.route(HANGING, FixtureResponse.ok("text/html", page(2)).hang());
        Path config = FixtureSites.config(
                dir,
                List.of(
                        new String[] {"calm", server.uri("/calm.xml").toString()},
                        new String[] {"wire", server.uri("/wire.xml").toString()}),
                "fulltext: always");
        Path data = dir.resolve("data");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "fetch",
                "--config",
                config.toString(),
                "--data",
                data.toString()));
        Process process = new ProcessBuilder(command)
                .redirectOutput(new File(dir.toFile(), "out.txt"))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (server.requests(HANGING).isEmpty() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.requests(HANGING))
                .as("the forked fetch reached the hanging article")
                .isNotEmpty();
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        server.route(HANGING, FixtureResponse.ok("text/html", page(2)));
        String[] tail = {"--config", config.toString(), "--data", data.toString()};
        Cli.Result again =
                Cli.run(Stream.concat(Stream.of("fetch"), Stream.of(tail)).toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("wire: ok, " + STORIES + " new, " + STORIES + " articles fetched");

        ObjectMapper json = new ObjectMapper();
        for (int i = 1; i <= STORIES; i++) {
            Cli.Result search = Cli.run(Stream.concat(Stream.of("search", "uniqueword" + i, "--json"), Stream.of(tail))
                    .toArray(String[]::new));
            assertThat(json.readTree(search.out()).get("hits").size())
                    .as("story " + i)
                    .isEqualTo(1);
        }
        Cli.Result feeds =
                Cli.run(Stream.concat(Stream.of("feeds"), Stream.of(tail)).toArray(String[]::new));
        assertThat(feeds.out())
                .containsPattern("calm .* entries 1 ")
                .containsPattern("wire .* entries " + STORIES + " ");
        Cli.Result third =
                Cli.run(Stream.concat(Stream.of("fetch"), Stream.of(tail)).toArray(String[]::new));
        assertThat(third.out()).contains("calm: not-modified").contains("wire: not-modified");
    }
}
