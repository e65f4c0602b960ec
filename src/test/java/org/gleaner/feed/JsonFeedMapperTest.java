package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonFeedMapperTest {
    private static final URI BASE = URI.create("https://site.example.com/feed.json");

    private final FeedParser parser = new FeedParser();

    private ParsedFeed feed(String json) {
        FeedParseResult result = parser.parse(json.getBytes(StandardCharsets.UTF_8), "application/json", BASE);
        assertThat(result).isInstanceOf(ParsedFeed.class);
        return (ParsedFeed) result;
    }

    @ParameterizedTest(name = "author {0} -> {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "{\"name\": \"Ann\", \"url\": \"mailto:ann@site.example\"}    | Ann",
                "{\"url\": \"mailto:ann@site.example\"}                      | ann@site.example",
                "{\"url\": \"MAILTO:ann@site.example?subject=Hello\"}        | ann@site.example",
                "{\"url\": \"https://site.example/ann\"}                     | NONE",
                "{\"url\": \"mailto:\"}                                      | NONE",
                "{\"avatar\": \"https://site.example/ann.png\"}              | NONE",
            })
    void namesAnAuthorWithoutANameByTheMailtoAddress(String author, @Nullable String expected) {
        ParsedFeed v1 = feed("{\"version\": \"https://jsonfeed.org/version/1\", \"author\": " + author + "}");
        ParsedFeed v11 = feed("{\"version\": \"https://jsonfeed.org/version/1.1\", \"authors\": [" + author + "]}");

        assertThat(v1.author()).isEqualTo(expected);
        assertThat(v11.author()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "id {0} -> {1}, key {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "NONE",
            value = {
                "\" urn:x:1 \" | urn:x:1   | true",
                "7             | 7         | true",
                "1.5           | 1.5       | true",
                "Infinity      | Infinity  | false",
                "-Infinity     | -Infinity | false",
                "NaN           | NaN       | false",
                "true          | true      | false",
                "false         | false     | false",
                "null          | null      | false",
                "[1, 2]        | NONE      | false",
                "{\"a\": 1}    | NONE      | false",
            })
    void coercesIdsToStringsButKeysOnlyStringAndFiniteNumberIds(String id, @Nullable String expected, boolean key) {
        ParsedFeed feed = feed("{\"items\": [{\"id\": " + id + ", \"url\": \"/p\"}, {\"id\": \"next\"}]}");

        assertThat(feed.entries()).hasSize(2);
        assertThat(feed.entries().get(0).id()).isEqualTo(expected);
        assertThat(feed.entries().get(0).idIsKey()).isEqualTo(key);
        assertThat(feed.entries().get(1).id()).isEqualTo("next");
        assertThat(feed.entries().get(1).idIsKey()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void givesAnItemWithoutAnIdMemberNoId() {
        ParsedFeed feed = feed("{\"items\": [{\"url\": \"/p\"}]}");

        assertThat(feed.entries().get(0).id()).isNull();
        assertThat(feed.entries().get(0).idIsKey()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"_blog\": {\"kind\": \"news\"}}", "{\"__description\": \"x\", \"__tests\": []}"})
    void takesAnObjectOfOnlyExtensionsForAnEmptyFeed(String json) {
        ParsedFeed feed = feed(json);

        assertThat(feed.title()).isNull();
        assertThat(feed.entries()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"error\": \"not found\"}", "{\"_meta\": 1, \"status\": 404}", "[]", "7"})
    void refusesJsonThatIsNotAFeedObject(String json) {
        FeedParseResult result = parser.parse(json.getBytes(StandardCharsets.UTF_8), "application/json", BASE);

        assertThat(result).isInstanceOfSatisfying(FeedParseFailure.class, f -> assertThat(f.kind())
                .isEqualTo(FeedParseFailure.Kind.NOT_A_FEED));
    }

    @org.junit.jupiter.api.Test
    void showsBlankTitlesDescriptionsAndUrlsApartFromMissingOnes() {
        ParsedFeed blank =
                feed("{\"title\": \" \", \"description\": \"\", \"home_page_url\": \" \", \"items\": [{\"title\": \"\","
                        + " \"url\": \"\"}]}");
        ParsedFeed missing = feed("{\"items\": [{\"id\": \"1\"}]}");

        assertThat(blank.title()).isEmpty();
        assertThat(blank.subtitle()).isEmpty();
        assertThat(blank.link()).isEmpty();
        assertThat(blank.entries().get(0).title()).isEmpty();
        assertThat(blank.entries().get(0).link()).isEmpty();
        assertThat(missing.title()).isNull();
        assertThat(missing.subtitle()).isNull();
        assertThat(missing.link()).isNull();
        assertThat(missing.entries().get(0).title()).isNull();
        assertThat(missing.entries().get(0).link()).isNull();
    }
}
