package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case Gleaner started from (../shared/seed): a link-blog entry that excerpts a news story and ends
 * in "[Continue reading…]". Driven through the real CLI against a loopback fixture site.
 */
class SeedCaseIT {
    private static final String ARTICLE = "/world/middle-east/syrian-army-flees-homs-2024-12-07/";

    @TempDir
    Path dir;

    private FixtureServer server;
    private Path config;
    private Path data;

    @BeforeEach
    void serveFixtureSite() {
        server = FixtureServer.start();
        server.route(
                "/blog/feed/",
                FixtureResponse.ok("application/rss+xml; charset=utf-8", FixtureSites.page(server, "seed/feed.xml"))
                        .etag("\"seed-v1\"")
                        .lastModified("Sat, 07 Dec 2024 18:05:00 GMT"));
        server.route(
                ARTICLE, FixtureResponse.ok("text/html; charset=utf-8", FixtureSites.page(server, "seed/homs.html")));
        config = FixtureSites.config(
                dir,
                List.<String[]>of(new String[] {
                    "war-in-context", server.uri("/blog/feed/").toString()
                }),
                "tags: [syria]");
        data = dir.resolve("data");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Cli.Result gleaner(String... args) {
        String[] all = Stream.concat(
                        Stream.of(args), Stream.of("--config", config.toString(), "--data", data.toString()))
                .toArray(String[]::new);
        return Cli.run(all);
    }

    private int hits(String query) {
        Cli.Result result = gleaner("search", query, "--json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        try {
            return new ObjectMapper().readTree(result.out()).get("hits").size();
        } catch (java.io.IOException e) {
            throw new AssertionError("search --json printed no JSON: " + result.out(), e);
        }
    }

    @Test
    void sourceArticleTextAndCommentaryAreSearchableButPageClutterIsNot() {
        Cli.Result fetch = gleaner("fetch");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.out()).contains("war-in-context: ok, 2 new, 1 articles fetched");

        // Only in the source article's body, not in the blog's excerpt.
        Cli.Result search = gleaner("search", "\"clatter of tank treads\"");
        assertThat(search.exitCode()).isZero();
        assertThat(search.out()).contains("Syrian army flees Homs").contains(ARTICLE);
        // The blogger's own commentary.
        assertThat(hits("\"Hassan Hassan joins Mehdi Hasan\"")).isEqualTo(1);
        // Words that appear only in the page's cookie banner, share bar, ad, newsletter box, related list, footer.
        for (String clutter : List.of("marmalade", "quokka", "zebra", "pangolin", "narwhal", "flamingo")) {
            assertThat(hits(clutter)).as(clutter).isZero();
        }
        // An entry that is its own full text is searchable without following anything.
        assertThat(hits("harbour")).isEqualTo(1);
        assertThat(server.requests(ARTICLE)).hasSize(1);
    }

    @Test
    void secondFetchIsConditionalGets304AndCreatesNoDuplicates() {
        assertThat(gleaner("fetch").exitCode()).isZero();
        Cli.Result second = gleaner("fetch");
        assertThat(second.out()).contains("war-in-context: not-modified");

        var feedRequests = server.requests("/blog/feed/");
        assertThat(feedRequests).hasSize(2);
        assertThat(feedRequests.get(1).header("if-none-match")).isEqualTo("\"seed-v1\"");
        assertThat(feedRequests.get(1).header("if-modified-since")).isEqualTo("Sat, 07 Dec 2024 18:05:00 GMT");
        assertThat(hits("homs")).isEqualTo(1);
        assertThat(gleaner("feeds").out()).contains("not-modified").contains("entries 2");
    }

    @Test
    void deletedIndexIsRebuiltWithTheSameHits() throws Exception {
        assertThat(gleaner("fetch").exitCode()).isZero();
        String before = gleaner("search", "homs prison", "--json").out();

        try (Stream<Path> files = Files.walk(data.resolve("articles"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(data.resolve("articles")).doesNotExist();
        String after = gleaner("search", "homs prison", "--json").out();
        assertThat(after).isEqualTo(before).contains("Syrian army flees Homs");

        Cli.Result reindex = gleaner("reindex");
        assertThat(reindex.out()).contains("2 documents");
        assertThat(gleaner("search", "homs prison", "--json").out()).isEqualTo(before);
    }
}
