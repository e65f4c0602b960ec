package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.gleaner.testing.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 faults: a process killed with SIGKILL between storing and matching, or between matching
 * and delivery, delivers every alert after a restart, each delivery id at least once and with at most
 * 5 % duplicates.
 */
class WatchCrashIT {
    private static final int STORIES = 40;

    @TempDir
    Path dir;

    private final FixtureServer server = FixtureServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private String feed(String prefix, boolean withLinks) {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= STORIES; i++) {
            items.append("<item><title>")
                    .append(prefix)
                    .append(" report ")
                    .append(i)
                    .append("</title><guid>")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("</guid>");
            if (withLinks) {
                items.append("<link>")
                        .append(server.uri("/" + prefix + "/" + i + ".html"))
                        .append("</link>");
            }
            items.append("<description>News from Homs, ")
                    .append(prefix)
                    .append(" report number ")
                    .append(i)
                    .append(", with a long enough excerpt to stand alone as the entry text of this story.")
                    .append("</description></item>");
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + prefix + "</title><link>"
                + server.uri("/") + "</link><description>d</description>" + items + "</channel></rss>";
    }

    private String[] tail(Path config) {
        return new String[] {
            "--config", config.toString(), "--data", dir.resolve("data").toString()
        };
    }

    private static String[] args(String[] tail, String... head) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private Process fork(String[] tail, String... head) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args(tail, head)));
        return new ProcessBuilder(command)
                .redirectOutput(new File(dir.toFile(), "forked.txt"))
                .redirectErrorStream(true)
                .start();
    }

    private static void await(BooleanSupplier condition, Process process, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean() && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    private static void kill(Process process) throws Exception {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no clean close
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private void assertEveryAlertDeliveredWithFewDuplicates(int expected) {
        List<RecordedRequest> hooks = server.requests("/hook");
        Set<String> ids = new HashSet<>();
        for (RecordedRequest request : hooks) {
            ids.add(request.header("webhook-id"));
        }
        assertThat(ids).as("distinct deliveries").hasSize(expected);
        int duplicates = hooks.size() - ids.size();
        assertThat(duplicates).as("duplicates").isLessThanOrEqualTo(expected * 5 / 100);
    }

    /**
     * A distinct article per story: identical pages would be syndicated copies of one story, which
     * Gleaner rightly alerts once.
     */
    private static String page(int story) {
        String[] words = {
            "council",
            "convoy",
            "harbour",
            "ministry",
            "drought",
            "market",
            "railway",
            "clinic",
            "bridge",
            "election",
            "school",
            "border",
            "river",
            "factory",
            "airport",
            "festival"
        };
        java.util.Random random = new java.util.Random(story);
        StringBuilder text = new StringBuilder("A long article from Homs, number " + story + ", about");
        for (int w = 0; w < 80; w++) {
            text.append(' ').append(words[random.nextInt(words.length)]);
        }
        return "<html><body><article><h1>Slow " + story + "</h1><p>" + text + ".</p></article></body></html>";
    }

    @Test
    void killedBetweenMatchingAndDeliveryDeliversEveryAlertAfterRestart() throws Exception {
        server.route(
                "/wire.xml",
                FixtureResponse.ok("application/rss+xml", feed("wire", false)).etag("\"w\""));
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean healthy = new AtomicBoolean(false);
        server.route(
                "/hook",
                r -> healthy.get() || calls.incrementAndGet() != 5
                        ? FixtureResponse.status(200)
                        : FixtureResponse.status(200).hang());
        Path config = FixtureSites.config(
                dir,
                List.<String[]>of(new String[] {"wire", server.uri("/wire.xml").toString()}),
                "fulltext: never");
        String[] tail = tail(config);
        Cli.Result added = Cli.run(args(
                tail,
                "watch",
                "add",
                "homs",
                "homs",
                "--webhook",
                server.uri("/hook").toString()));
        assertThat(added.exitCode()).as(added.err()).isZero();

        Process process = fork(tail, "fetch");
        await(() -> server.requests("/hook").size() >= 5, process, "the forked fetch reached the hanging receiver");
        kill(process);

        healthy.set(true);
        Cli.Result again = Cli.run(args(tail, "fetch"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertEveryAlertDeliveredWithFewDuplicates(STORIES);
        Cli.Result dead = Cli.run(args(tail, "watch", "deliveries", "--dead"));
        assertThat(dead.out()).contains("No dead deliveries.");
    }

    @Test
    void killedBetweenStoringAndMatchingDeliversEveryAlertAfterRestart() throws Exception {
        server.route(
                "/calm.xml",
                FixtureResponse.ok("application/rss+xml", feed("calm", false)).etag("\"c\""));
        server.route(
                "/slow.xml",
                FixtureResponse.ok("application/rss+xml", feed("slow", true)).etag("\"s\""));
        String hanging = "/slow/1.html";
        for (int i = 1; i <= STORIES; i++) {
            server.route("/slow/" + i + ".html", FixtureResponse.ok("text/html", page(i)));
        }
        server.route(hanging, FixtureResponse.ok("text/html", page(1)).hang());
        server.route("/hook", FixtureResponse.status(200));
        Path config = FixtureSites.config(
                dir,
                List.<String[]>of(
                        new String[] {"calm", server.uri("/calm.xml").toString()},
                        new String[] {"slow", server.uri("/slow.xml").toString()}),
                "");
        java.nio.file.Files.writeString(
                config,
                java.nio.file.Files.readString(config)
                        .replace(
                                "    url: " + server.uri("/calm.xml"),
                                "    url: " + server.uri("/calm.xml") + "\n    fulltext: never")
                        .replace(
                                "    url: " + server.uri("/slow.xml"),
                                "    url: " + server.uri("/slow.xml") + "\n    fulltext: always"));
        String[] tail = tail(config);
        Cli.Result added = Cli.run(args(
                tail,
                "watch",
                "add",
                "homs",
                "homs",
                "--webhook",
                server.uri("/hook").toString()));
        assertThat(added.exitCode()).as(added.err()).isZero();

        Process process = fork(tail, "fetch");
        await(
                () -> !server.requests(hanging).isEmpty()
                        && !server.requests("/calm.xml").isEmpty(),
                process,
                "the forked fetch stored calm and hangs on slow");
        // Let the calm feed's transaction commit; the pass cannot reach matching while slow hangs.
        Thread.sleep(1500);
        kill(process);
        assertThat(server.requests("/hook"))
                .as("nothing matched or delivered before the kill")
                .isEmpty();

        server.route(hanging, FixtureResponse.ok("text/html", page(1)));
        Cli.Result again = Cli.run(args(tail, "fetch"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertEveryAlertDeliveredWithFewDuplicates(2 * STORIES);
    }
}
