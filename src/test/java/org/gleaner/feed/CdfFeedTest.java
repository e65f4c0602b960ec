package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Microsoft CDF channels: HREF and LASTMOD attributes, ABSTRACT children, upper-case names. */
class CdfFeedTest {
    private static final URI BASE = URI.create("https://cdf.example.net/channels/main.cdf");

    private final FeedParser parser = new FeedParser();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "channel HREF becomes the feed link",
                        "<CHANNEL HREF=\"http://news.example.org/\"><TITLE>News</TITLE></CHANNEL>",
                        (Function<ParsedFeed, @Nullable Object>) ParsedFeed::link,
                        "http://news.example.org/"),
                Arguments.of(
                        "relative channel HREF is resolved against the document address",
                        "<CHANNEL HREF=\"/front.html\"></CHANNEL>",
                        (Function<ParsedFeed, @Nullable Object>) ParsedFeed::link,
                        "https://cdf.example.net/front.html"),
                Arguments.of(
                        "channel ABSTRACT becomes the subtitle",
                        "<CHANNEL><ABSTRACT>Daily headlines</ABSTRACT></CHANNEL>",
                        (Function<ParsedFeed, @Nullable Object>) ParsedFeed::subtitle,
                        "Daily headlines"),
                Arguments.of(
                        "lower-case names are CDF too",
                        "<channel href=\"http://lower.example.org/\"><abstract>quiet</abstract></channel>",
                        (Function<ParsedFeed, @Nullable Object>) f -> f.link() + " " + f.subtitle(),
                        "http://lower.example.org/ quiet"),
                Arguments.of(
                        "item HREF becomes the entry link",
                        "<CHANNEL><ITEM HREF=\"http://news.example.org/a1\"><TITLE>A1</TITLE></ITEM></CHANNEL>",
                        (Function<ParsedFeed, @Nullable Object>)
                                f -> f.entries().get(0).link(),
                        "http://news.example.org/a1"),
                Arguments.of(
                        "item ABSTRACT becomes the entry summary",
                        "<CHANNEL><ITEM><ABSTRACT>Short text</ABSTRACT></ITEM></CHANNEL>",
                        (Function<ParsedFeed, @Nullable Object>)
                                f -> f.entries().get(0).summary(),
                        "Short text"),
                Arguments.of(
                        "item LASTMOD becomes the entry's updated time",
                        "<CHANNEL><ITEM LASTMOD=\"2011-03-09T08:07:06+01:00\"></ITEM></CHANNEL>",
                        (Function<ParsedFeed, @Nullable Object>)
                                f -> f.entries().get(0).updated(),
                        Instant.parse("2011-03-09T07:07:06Z")),
                Arguments.of(
                        "an unparseable LASTMOD leaves the time unknown",
                        "<CHANNEL><ITEM LASTMOD=\"sometime\"></ITEM></CHANNEL>",
                        (Function<ParsedFeed, @Nullable Object>)
                                f -> String.valueOf(f.entries().get(0).updated()),
                        "null"),
                Arguments.of(
                        "an RSS link element still wins over nothing else",
                        "<rss><channel><link>http://rss.example.org/</link><item><link>http://rss.example.org/1</link>"
                                + "<description>d</description></item></channel></rss>",
                        (Function<ParsedFeed, @Nullable Object>)
                                f -> f.link() + " " + f.entries().get(0).link() + " "
                                        + f.entries().get(0).summary(),
                        "http://rss.example.org/ http://rss.example.org/1 d"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsCdfChannels(String name, String xml, Function<ParsedFeed, @Nullable Object> field, Object expected) {
        FeedParseResult result = parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, BASE);
        assertThat(result).isInstanceOf(ParsedFeed.class);
        assertThat(field.apply((ParsedFeed) result)).isEqualTo(expected);
    }
}
