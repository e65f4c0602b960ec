package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedJsonTest {
    private static final ParsedFeed FEED = new ParsedFeed(
            "T\u00e9st \"feed\"",
            "https://example.com/",
            null,
            "en",
            null,
            List.of(
                    new ParsedEntry(
                            "id-1",
                            "One",
                            "https://example.com/1",
                            "<p>s</p>",
                            null,
                            "Ann",
                            Instant.parse("2024-01-02T03:04:05Z"),
                            null,
                            List.of("a", "b"),
                            List.of(
                                    new Enclosure("https://example.com/a.mp3", "audio/mpeg", 12L),
                                    new Enclosure("https://example.com/b", null, null))),
                    new ParsedEntry(null, null, null, null, null, null, null, null, List.of(), List.of())),
            FeedHints.none());

    @Test
    void writesTheInspectShapeOnOneLineWithKeysInOrder() {
        assertThat(FeedJson.inspect(FEED))
                .isEqualTo("{\"title\":\"T\u00e9st \\\"feed\\\"\",\"link\":\"https://example.com/\",\"subtitle\":null,"
                        + "\"language\":\"en\",\"author\":null,\"entries\":[{\"id\":\"id-1\",\"title\":\"One\","
                        + "\"link\":\"https://example.com/1\",\"summary\":\"<p>s</p>\",\"content\":null,"
                        + "\"author\":\"Ann\",\"published\":\"2024-01-02T03:04:05Z\",\"updated\":null,"
                        + "\"categories\":[\"a\",\"b\"],\"enclosures\":[{\"url\":\"https://example.com/a.mp3\","
                        + "\"type\":\"audio/mpeg\",\"length\":12},{\"url\":\"https://example.com/b\",\"type\":null,"
                        + "\"length\":null}]},{\"id\":null,\"title\":null,\"link\":null,\"summary\":null,"
                        + "\"content\":null,\"author\":null,\"published\":null,\"updated\":null,\"categories\":[],"
                        + "\"enclosures\":[]}]}");
    }

    @Test
    void putsFileFirstInBatchForm() {
        ParsedFeed empty = new ParsedFeed(null, null, null, null, null, List.of(), FeedHints.none());

        assertThat(FeedJson.inspect(empty, "feeds/a.xml"))
                .isEqualTo("{\"_file\":\"feeds/a.xml\",\"title\":null,\"link\":null,\"subtitle\":null,"
                        + "\"language\":null,\"author\":null,\"entries\":[]}");
    }

    @Test
    void writesErrorsWithFileAndMessage() {
        assertThat(FeedJson.inspectError("x\n.xml", "not a feed: an \"HTML\" page"))
                .isEqualTo("{\"_file\":\"x\\n.xml\",\"_error\":\"not a feed: an \\\"HTML\\\" page\"}");
    }

    @Test
    void keepsNewlinesInsideValuesEscapedSoOutputStaysOneLine() {
        ParsedFeed feed = new ParsedFeed("a\nb\u2028c", null, null, null, null, List.of(), FeedHints.none());

        assertThat(FeedJson.inspect(feed)).doesNotContain("\n").contains("a\\nb");
    }
}
