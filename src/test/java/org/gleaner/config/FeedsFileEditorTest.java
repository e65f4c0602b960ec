package org.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedsFileEditorTest {
    private static final URI URL = URI.create("https://www.dw.com/en/rss");

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("feeds.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void appendsAfterTheLastFeedKeepingEveryCommentAndBlankLine() throws Exception {
        String before =
                """
                # My feeds   (odd spacing kept)
                defaults:
                  every:    45m    # slower than usual

                feeds:
                    # news first
                    -   name: "bbc"          # quoted on purpose
                        url: https://feeds.bbci.co.uk/news/world/rss.xml

                    -   url: https://www.theguardian.com/world/rss
                        tags:
                          - world
                          - europe
                    # - url: https://disabled.example/feed   (kept for later)

                # server stays last
                server: {port: 9000}
                """;
        Path file = write(before);

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of("world", "germany"));

        assertThat(read(file))
                .isEqualTo(
                        """
                        # My feeds   (odd spacing kept)
                        defaults:
                          every:    45m    # slower than usual

                        feeds:
                            # news first
                            -   name: "bbc"          # quoted on purpose
                                url: https://feeds.bbci.co.uk/news/world/rss.xml

                            -   url: https://www.theguardian.com/world/rss
                                tags:
                                  - world
                                  - europe

                            -   name: dw
                                url: https://www.dw.com/en/rss
                                tags: [world, germany]
                            # - url: https://disabled.example/feed   (kept for later)

                        # server stays last
                        server: {port: 9000}
                        """);
        assertThat(ConfigLoader.load(file).feeds())
                .extracting(FeedConfig::name)
                .containsExactly("bbc", "theguardian-com-world", "dw");
    }

    @Test
    void appendsAfterTheLastFeedOfTheShippedConfigWithoutTouchingTheRest() throws Exception {
        String shipped = Files.readString(Path.of("config", "feeds.yaml"), StandardCharsets.UTF_8);
        Path file = write(shipped);

        FeedsFileEditor.appendFeed(file, "", URL, List.of());

        String after = read(file);
        // The shipped file ends with commented watches: and mail: examples after its feeds.
        String lastFeed = "    tags: [world, europe]\n";
        int end = shipped.indexOf(lastFeed) + lastFeed.length();
        assertThat(after)
                .isEqualTo(
                        shipped.substring(0, end) + "\n  - url: https://www.dw.com/en/rss\n" + shipped.substring(end));
        assertThat(ConfigLoader.load(file).feeds())
                .last()
                .extracting(FeedConfig::name)
                .isEqualTo("dw-com-en");
    }

    @Test
    void startsAListUnderAnEmptyFeedsKey() throws Exception {
        Path file = write(
                """
                feeds:   # nothing yet
                  # add feeds below
                server:
                  port: 8081
                """);

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo(
                        """
                        feeds:   # nothing yet
                          # add feeds below
                          - name: dw
                            url: https://www.dw.com/en/rss
                        server:
                          port: 8081
                        """);
    }

    @Test
    void replacesAnEmptyFlowListWithABlockList() throws Exception {
        Path file = write("defaults:\n  every: 1h\nfeeds: []\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of("world"));

        assertThat(read(file))
                .isEqualTo(
                        """
                        defaults:
                          every: 1h
                        feeds:
                          - name: dw
                            url: https://www.dw.com/en/rss
                            tags: [world]
                        """);
    }

    @Test
    void keepsTheCommentAfterAnEmptyFlowList() throws Exception {
        Path file = write("feeds: [] # none yet\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file)).isEqualTo("feeds:  # none yet\n  - name: dw\n    url: https://www.dw.com/en/rss\n");
    }

    @Test
    void replacesAnEmptyFlowListWrittenOnTheNextLine() throws Exception {
        Path file = write("feeds:\n  []\nserver:\n  port: 8081\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo("feeds:\n  - name: dw\n    url: https://www.dw.com/en/rss\n\nserver:\n  port: 8081\n");
    }

    @Test
    void addsToAFileOfOnlyComments() throws Exception {
        Path file = write("# no feeds yet\n");

        FeedsFileEditor.appendFeed(file, "", URL, List.of());

        assertThat(read(file)).isEqualTo("# no feeds yet\n\nfeeds:\n  - url: https://www.dw.com/en/rss\n");
    }

    @Test
    void replacesAnExplicitNull() throws Exception {
        Path file = write("feeds: ~\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file)).isEqualTo("feeds:\n  - name: dw\n    url: https://www.dw.com/en/rss\n");
    }

    @Test
    void addsAFeedsKeyAtTheEndWhenThereIsNone() throws Exception {
        Path file = write("# settings only\nserver:\n  port: 8081   # busy\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo(
                        """
                        # settings only
                        server:
                          port: 8081   # busy

                        feeds:
                          - name: dw
                            url: https://www.dw.com/en/rss
                        """);
    }

    @Test
    void addsAFeedsKeyToAFileWithoutAFinalNewline() throws Exception {
        Path file = write("server:\n  port: 8081");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo("server:\n  port: 8081\n\nfeeds:\n  - name: dw\n    url: https://www.dw.com/en/rss\n");
    }

    @Test
    void appendsAfterALastFeedWithoutAFinalNewline() throws Exception {
        Path file = write("feeds:\n  - url: https://a.example/feed");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo(
                        "feeds:\n  - url: https://a.example/feed\n  - name: dw\n    url: https://www.dw.com/en/rss\n");
    }

    @Test
    void createsAMissingFile() throws Exception {
        Path file = dir.resolve("config").resolve("feeds.yaml");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of("world"));

        assertThat(read(file))
                .isEqualTo("feeds:\n  - name: dw\n    url: https://www.dw.com/en/rss\n    tags: [world]\n");
    }

    @Test
    void fillsAnEmptyFile() throws Exception {
        Path file = write("");

        FeedsFileEditor.appendFeed(file, "", URL, List.of());

        assertThat(read(file)).isEqualTo("feeds:\n  - url: https://www.dw.com/en/rss\n");
    }

    @Test
    void followsAListWrittenAtTheKeysColumn() throws Exception {
        Path file = write("feeds:\n- url: https://a.example/feed\n  every: 1h\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo(
                        "feeds:\n- url: https://a.example/feed\n  every: 1h\n- name: dw\n  url: https://www.dw.com/en/rss\n");
    }

    @Test
    void extendsAFlowStyleList() throws Exception {
        Path file = write("feeds: [{url: https://a.example/feed}]   # compact\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of("world"));

        assertThat(read(file))
                .isEqualTo("feeds: [{url: https://a.example/feed}, {name: dw, url: https://www.dw.com/en/rss,"
                        + " tags: [world]}]   # compact\n");
        assertThat(ConfigLoader.load(file).feeds()).hasSize(2);
    }

    @Test
    void keepsWindowsLineEndings() throws Exception {
        Path file = write("# feeds\r\nfeeds:\r\n  - url: https://a.example/feed\r\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo(String.join(
                        "\r\n",
                        "# feeds",
                        "feeds:",
                        "  - url: https://a.example/feed",
                        "  - name: dw",
                        "    url: https://www.dw.com/en/rss",
                        ""));
    }

    @Test
    void insertsAfterAMultiLineLastValue() throws Exception {
        Path file = write(
                """
                feeds:
                  - url: https://a.example/feed
                    remove: [
                      ".share",
                      ".related" ]
                  # trailing note
                """);

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        assertThat(read(file))
                .isEqualTo(
                        """
                        feeds:
                          - url: https://a.example/feed
                            remove: [
                              ".share",
                              ".related" ]
                          - name: dw
                            url: https://www.dw.com/en/rss
                          # trailing note
                        """);
    }

    @Test
    void quotesValuesYamlWouldReadAsSomethingElse() throws Exception {
        Path file = write("feeds:\n");
        List<String> tags = List.of("no", "2024", "two words", "a,b", "#hash", "quote\"d");

        FeedsFileEditor.appendFeed(file, "News: World", URI.create("https://a.example/feed?x=1&y=2#top"), tags);

        FeedConfig feed = ConfigLoader.load(file).feeds().get(0);
        assertThat(feed.name()).isEqualTo("News: World");
        assertThat(feed.url()).isEqualTo(URI.create("https://a.example/feed?x=1&y=2#top"));
        assertThat(feed.tags()).isEqualTo(tags);
    }

    @Test
    void refusesADuplicateUrlAndLeavesTheFileAlone() throws Exception {
        String before = "feeds:\n  - name: dw-english\n    url: https://www.dw.com/en/rss\n";
        Path file = write(before);

        assertThatThrownBy(() -> FeedsFileEditor.appendFeed(file, "dw", URL, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":5: feeds[1].url: the same URL as feeds[0] at line 3; list each feed once");
        assertThat(read(file)).isEqualTo(before);
    }

    @Test
    void refusesADuplicateNameAndLeavesTheFileAlone() throws Exception {
        String before = "feeds:\n  - name: dw\n    url: https://a.example/feed\n";
        Path file = write(before);

        assertThatThrownBy(() -> FeedsFileEditor.appendFeed(file, "dw", URL, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("feeds[1].name: duplicate feed name 'dw'");
        assertThat(read(file)).isEqualTo(before);
    }

    @Test
    void refusesToEditAFileThatDoesNotLoad() throws Exception {
        String before = "feeds:\n  - url: https://a.example/feed\n    evry: 1h\n";
        Path file = write(before);

        assertThatThrownBy(() -> FeedsFileEditor.appendFeed(file, "dw", URL, List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: feeds[0].evry: unknown key (did you mean 'every'?)");
        assertThat(read(file)).isEqualTo(before);
    }

    @Test
    void refusesANonHttpUrl() throws Exception {
        String before = "feeds:\n";
        Path file = write(before);

        assertThatThrownBy(() -> FeedsFileEditor.appendFeed(file, "", URI.create("file:///etc/passwd"), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only http and https URLs can be fetched");
        assertThat(read(file)).isEqualTo(before);
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws Exception {
        Path file = write("feeds:\n");

        FeedsFileEditor.appendFeed(file, "dw", URL, List.of());

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
