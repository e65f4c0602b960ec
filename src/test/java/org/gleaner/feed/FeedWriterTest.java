package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedWriterTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/feeds");
    private static final Instant UPDATED = Instant.parse("2024-12-01T00:00:00Z");

    private static ParsedFeed parse(byte[] bytes, URI base) {
        FeedParseResult result = new FeedParser().parse(bytes, null, base);
        assertThat(result).isInstanceOf(ParsedFeed.class);
        return (ParsedFeed) result;
    }

    /** Rome writes RFC 3339 dates to the second. */
    private static @org.jspecify.annotations.Nullable Instant seconds(
            @org.jspecify.annotations.Nullable Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "rss20-kitchen-sink.xml",
                "atom10-nested-xml-base.xml",
                "rss-podcast-media-itunes.xml",
                "json-feed-1.1.json",
                "rss-windows-1252-labelled-iso-8859-1.xml"
            })
    void writesAtomThatParsesBackToTheSameEntries(String fixture) throws IOException {
        URI base = URI.create("https://fixtures.example.com/feeds/" + fixture);
        ParsedFeed original = parse(Files.readAllBytes(DIR.resolve(fixture)), base);

        String atom = new FeedWriter().atom(original, "urn:gleaner:test", "https://gleaner.example/q.atom", UPDATED);
        ParsedFeed back = parse(atom.getBytes(StandardCharsets.UTF_8), URI.create("https://gleaner.example/q.atom"));

        assertThat(atom).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"");
        assertThat(back.title()).isEqualTo(original.title());
        assertThat(back.link()).isEqualTo(original.link());
        assertThat(back.entries()).hasSameSizeAs(original.entries());
        List<ParsedEntry> expected = new ArrayList<>();
        for (ParsedEntry e : original.entries()) {
            // Atom entries inherit the feed author; the writer fills ids, titles (empty) and updated times Atom
            // requires
            expected.add(new ParsedEntry(
                    e.id() != null ? e.id() : e.link(),
                    e.title() != null ? e.title() : "",
                    e.link(),
                    e.summary(),
                    e.content(),
                    e.author() != null ? e.author() : original.author() != null ? original.author() : "Gleaner",
                    seconds(e.published()),
                    seconds(e.updated() != null ? e.updated() : e.published() != null ? e.published() : UPDATED),
                    e.categories(),
                    e.enclosures()));
        }
        for (int i = 0; i < expected.size(); i++) {
            ParsedEntry want = expected.get(i);
            ParsedEntry got = back.entries().get(i);
            if (want.id() == null) {
                assertThat(got.id()).startsWith("urn:sha256:");
                want = new ParsedEntry(
                        got.id(),
                        want.title(),
                        want.link(),
                        want.summary(),
                        want.content(),
                        want.author(),
                        want.published(),
                        want.updated(),
                        want.categories(),
                        want.enclosures());
            }
            assertThat(got).isEqualTo(want);
        }
    }

    @org.junit.jupiter.api.Test
    void writesNoAlternateLinkForABlankHomePageOrEntryUrl() {
        String json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"T\", \"home_page_url\": \" \","
                + " \"items\": [{\"id\": \"1\", \"url\": \"\"}]}";
        ParsedFeed blank = parse(json.getBytes(StandardCharsets.UTF_8), URI.create("https://site.example/feed.json"));

        String atom = new FeedWriter().atom(blank, "urn:gleaner:test", null, UPDATED);

        assertThat(blank.link()).isEmpty();
        assertThat(blank.entries().get(0).link()).isEmpty();
        assertThat(atom).doesNotContain("rel=\"alternate\"").doesNotContain("href=\"\"");
    }
}
