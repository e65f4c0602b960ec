package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gleaner.config.ConfigLoader;
import org.gleaner.config.GleanerConfig;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner feeds add | import | export} against the real config file and a loopback site. */
class FeedsCommandsIT {
    private static final String HEADER =
            "# my feeds, keep this comment\nallow_networks: [127.0.0.1/32]  # tests\nfeeds:\n";

    @TempDir
    Path dir;

    private final FixtureServer site = FixtureServer.start();

    @AfterEach
    void stop() {
        site.close();
    }

    private static String rss(String title) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + title
                + "</title><link>http://x.example/</link><description>d</description>"
                + "<item><guid>1</guid><title>One</title></item></channel></rss>";
    }

    @Test
    void addDiscoversTheFeedOfAPageAndAppendsItKeepingComments() throws Exception {
        site.route(
                "/",
                FixtureResponse.ok(
                        "text/html",
                        "<html><head><link rel=\"alternate\" type=\"application/rss+xml\""
                                + " href=\"/news/rss.xml\"></head><body>Home</body></html>"));
        site.route("/news/rss.xml", FixtureResponse.ok("application/rss+xml", rss("Site news")));
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(config, HEADER);

        Cli.Result added = Cli.run(
                "feeds",
                "add",
                site.uri("/").toString(),
                "--name",
                "site-news",
                "--tag",
                "local",
                "--config",
                config.toString());

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("site-news").contains("/news/rss.xml");
        assertThat(Files.readString(config)).startsWith(HEADER).contains("site-news");
        GleanerConfig loaded = ConfigLoader.load(config);
        assertThat(loaded.feeds()).singleElement().satisfies(feed -> {
            assertThat(feed.url()).isEqualTo(site.uri("/news/rss.xml"));
            assertThat(feed.tags()).containsExactly("local");
        });

        Cli.Result again = Cli.run("feeds", "add", site.uri("/news/rss.xml").toString(), "--config", config.toString());
        assertThat(again.out()).contains("already");
        assertThat(ConfigLoader.load(config).feeds()).hasSize(1);
    }

    @Test
    void addExplainsWhatItTriedWhenThereIsNoFeed() throws Exception {
        site.route("/", FixtureResponse.ok("text/html", "<html><body>No feed here</body></html>"));
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(config, HEADER);

        Cli.Result result = Cli.run("feeds", "add", site.uri("/").toString(), "--config", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("no feed found").contains("/rss.xml");
        assertThat(Files.readString(config)).isEqualTo(HEADER);
    }

    @Test
    void addDoesNotTakeAJsonApiAnswerForAnEmptyFeed() throws Exception {
        site.route("/api/me", FixtureResponse.ok("application/json", "{\"title\": \"Account\", \"language\": \"en\"}"));
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(config, HEADER);

        Cli.Result result = Cli.run("feeds", "add", site.uri("/api/me").toString(), "--config", config.toString());

        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        assertThat(result.err()).contains("no feed found");
        assertThat(Files.readString(config)).isEqualTo(HEADER);
    }

    @Test
    void importAddsOpmlFeedsWithFolderTagsSkipsKnownOnesAndExportRoundTrips() throws Exception {
        Path config = dir.resolve("feeds.yaml");
        Files.writeString(config, HEADER + "  - name: known\n    url: https://known.example/feed\n");
        Path opml = dir.resolve("subs.opml");
        Files.writeString(
                opml,
                """
                <?xml version="1.0"?>
                <opml version="2.0"><head><title>Subs</title></head><body>
                  <outline text="World">
                    <outline type="rss" text="Wire" xmlUrl="https://wire.example/rss"/>
                    <outline type="rss" text="Known" xmlUrl="https://known.example/feed"/>
                  </outline>
                  <outline type="rss" text="Blog" xmlUrl="https://blog.example/atom.xml"/>
                </body></opml>
                """);

        Cli.Result imported = Cli.run("feeds", "import", opml.toString(), "--config", config.toString());

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Imported 2 feeds");
        GleanerConfig loaded = ConfigLoader.load(config);
        assertThat(loaded.feeds()).hasSize(3);
        assertThat(loaded.feeds().stream().filter(f -> f.url().toString().equals("https://wire.example/rss")))
                .singleElement()
                .satisfies(f -> assertThat(f.tags()).contains("World"));
        assertThat(Files.readString(config)).startsWith(HEADER);

        Cli.Result exported = Cli.run("feeds", "export", "--config", config.toString());
        assertThat(exported.out())
                .contains("<opml version=\"2.0\"")
                .contains("https://wire.example/rss")
                .contains("https://blog.example/atom.xml")
                .contains("https://known.example/feed");
    }
}
