package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedParserTest {
    private static final URI BASE = URI.create("https://site.example.com/blog/feed.xml");

    private final FeedParser parser = new FeedParser();

    private ParsedFeed feed(String xml) {
        FeedParseResult result = parser.parse(xml.getBytes(StandardCharsets.UTF_8), null, BASE);
        assertThat(result).isInstanceOf(ParsedFeed.class);
        return (ParsedFeed) result;
    }

    private FeedParseFailure failure(byte[] body, @org.jspecify.annotations.Nullable String contentType) {
        FeedParseResult result = parser.parse(body, contentType, BASE);
        assertThat(result).isInstanceOf(FeedParseFailure.class);
        return (FeedParseFailure) result;
    }

    @Test
    void resolvesRelativeLinksInsideEntryHtmlAgainstXmlBase() {
        ParsedFeed feed = feed(
                """
                <rss><channel><item xml:base="/posts/7/">
                  <description>&lt;a href="more.html"&gt;Continue reading&lt;/a&gt; &lt;img src='/i.png'&gt;
                    &lt;a href="#note"&gt;note&lt;/a&gt; &lt;a href="https://abs.example.com/x?a=1&amp;amp;b=2"&gt;abs&lt;/a&gt;</description>
                </item></channel></rss>
                """);

        assertThat(feed.entries().get(0).summary())
                .contains("<a href=\"https://site.example.com/posts/7/more.html\">Continue reading</a>")
                .contains("<img src='https://site.example.com/i.png'>")
                .contains("<a href=\"#note\">")
                .contains("href=\"https://abs.example.com/x?a=1&amp;b=2\"");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "<id>/relative/link</id>                              | https://site.example.com/relative/link",
                "<id>//cdn.example.net/p/7</id>                       | https://cdn.example.net/p/7",
                "<id xml:base='http://other.example/a/'>/b</id>       | http://other.example/b",
                "<id>posts/7</id>                                     | posts/7",
                "<id>42</id>                                          | 42",
                "<id>HTTP://Example.COM/a/../b</id>                   | HTTP://Example.COM/a/../b",
                "<id>tag:example.com,2024:entry-1</id>                | tag:example.com,2024:entry-1",
                "<id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id> | urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6"
            })
    void readsAnAtomIdWrittenAsAPathAgainstItsBaseAndKeepsAnyOtherAsWritten(String id, String expected) {
        for (String ns : new String[] {"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"}) {
            ParsedFeed feed = feed("<feed xmlns='" + ns + "'><entry>" + id + "<title>t</title></entry></feed>");

            assertThat(feed.entries().get(0).id()).as(ns).isEqualTo(expected);
        }
    }

    @Test
    void keepsAnRssGuidAsWrittenEvenWhenItLooksRelative() {
        ParsedFeed feed = feed("<rss><channel><item><guid>post-42</guid><title>t</title></item>"
                + "<item><guid isPermaLink='false'>/p/43</guid><title>u</title></item></channel></rss>");

        assertThat(feed.entries()).extracting(ParsedEntry::id).containsExactly("post-42", "/p/43");
    }

    @Test
    void inflatesABodyThatIsStillGzipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("<rss><channel><title>Zipped</title></channel></rss>".getBytes(StandardCharsets.UTF_8));
        }

        FeedParseResult result = parser.parse(bytes.toByteArray(), "application/rss+xml", BASE);

        assertThat(result).isInstanceOfSatisfying(ParsedFeed.class, f -> assertThat(f.title())
                .isEqualTo("Zipped"));
    }

    @ParameterizedTest(name = "[{index}]")
    @ValueSource(strings = {"", "   \n\t ", "\uFEFF", "\uFEFF  \n"})
    void reportsEmptyBodiesAsEmpty(String body) {
        assertThat(failure(body.getBytes(StandardCharsets.UTF_8), null).kind()).isEqualTo(FeedParseFailure.Kind.EMPTY);
    }

    @Test
    void reportsTextHtmlAndOtherXmlAsNotAFeed() {
        assertThat(failure("just some text".getBytes(StandardCharsets.UTF_8), "text/plain")
                        .kind())
                .isEqualTo(FeedParseFailure.Kind.NOT_A_FEED);
        assertThat(failure("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), "text/html"))
                .satisfies(f -> assertThat(f.kind()).isEqualTo(FeedParseFailure.Kind.NOT_A_FEED))
                .satisfies(f -> assertThat(f.message()).contains("HTML page"));
        assertThat(failure("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), null)
                        .kind())
                .isEqualTo(FeedParseFailure.Kind.NOT_A_FEED);
        assertThat(failure("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8), "application/json")
                        .kind())
                .isEqualTo(FeedParseFailure.Kind.NOT_A_FEED);
    }

    @Test
    void readsXmlServedWithAJsonContentType() {
        FeedParseResult result = parser.parse(
                "<rss><channel><title>Mislabelled</title></channel></rss>".getBytes(StandardCharsets.UTF_8),
                "application/json",
                BASE);

        assertThat(result).isInstanceOfSatisfying(ParsedFeed.class, f -> assertThat(f.title())
                .isEqualTo("Mislabelled"));
    }

    @Test
    void reportsBrokenJsonAsMalformed() {
        assertThat(failure("{\"version\":\"https://jsonfeed.org/version/1\",".getBytes(StandardCharsets.UTF_8), null)
                        .kind())
                .isEqualTo(FeedParseFailure.Kind.MALFORMED);
    }

    @Test
    void keepsCompleteEntriesOfATruncatedAtomFeed() {
        ParsedFeed feed = feed(
                """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Cut</title>
                <entry><id>1</id><title>Whole</title></entry>
                <entry><id>2</id><title>Cut in the mid""");

        assertThat(feed.title()).isEqualTo("Cut");
        assertThat(feed.entries()).extracting(ParsedEntry::id).containsExactly("1");
    }

    @Test
    void givesAtomEntriesTheirOwnThenSourceThenFeedAuthor() {
        ParsedFeed feed = feed(
                """
                <feed xmlns="http://www.w3.org/2005/Atom"><author><name>Feed Author</name></author>
                <entry><id>1</id><author><name>Own</name></author></entry>
                <entry><id>2</id><source><author><name>From Source</name></author></source></entry>
                <entry><id>3</id></entry>
                </feed>""");

        assertThat(feed.entries()).extracting(ParsedEntry::author).containsExactly("Own", "From Source", "Feed Author");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            joe@example.com (Joe Bloggs)         | Joe Bloggs
            Joe Bloggs <joe@example.com>         | Joe Bloggs
            "Joe Bloggs" <joe@example.com>       | Joe Bloggs
            Joe Bloggs (mailto:joe@example.com)  | Joe Bloggs
            joe@example.com                      | joe@example.com
            mailto:joe@example.com               | joe@example.com
            <joe@example.com>                    | joe@example.com
            joe@example.com ()                   | joe@example.com
            Joe    Bloggs                        | Joe Bloggs
            """)
    void readsAuthorNameAndEmailForms(String raw, String expected) {
        assertThat(XmlFeedMapper.authorName(raw)).isEqualTo(expected);
    }

    @Test
    void usesAGuidAsLinkOnlyWhenItIsAPermalink() {
        ParsedFeed feed = feed(
                """
                <rss><channel>
                <item><guid>https://site.example.com/p/1</guid></item>
                <item><guid isPermaLink="false">https://site.example.com/p/2</guid></item>
                <item><guid>not-a-url-3</guid></item>
                </channel></rss>""");

        assertThat(feed.entries())
                .extracting(ParsedEntry::link)
                .containsExactly("https://site.example.com/p/1", null, null);
        assertThat(feed.entries())
                .extracting(ParsedEntry::id)
                .containsExactly("https://site.example.com/p/1", "https://site.example.com/p/2", "not-a-url-3");
    }

    @Test
    void takesLanguageFromXmlLangWhenTheChannelHasNone() {
        assertThat(feed("<rss xml:lang=\"pt-BR\"><channel><title>x</title></channel></rss>")
                        .language())
                .isEqualTo("pt-BR");
        assertThat(feed("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\"/>")
                        .language())
                .isEqualTo("nl");
    }

    @Test
    void readsEnclosureLengthOnlyWhenItIsANumber() {
        ParsedFeed feed = feed(
                """
                <rss><channel><item>
                <enclosure url="a.mp3" length="12" type=" audio/mpeg "/>
                <enclosure url="b.mp3" length="-1"/>
                <enclosure url="c.mp3" length="12 MB"/>
                <enclosure url="a.mp3" length="99"/>
                <enclosure length="5"/>
                </item></channel></rss>""");

        assertThat(feed.entries().get(0).enclosures())
                .containsExactly(
                        new Enclosure("https://site.example.com/blog/a.mp3", "audio/mpeg", 12L),
                        new Enclosure("https://site.example.com/blog/b.mp3", null, null),
                        new Enclosure("https://site.example.com/blog/c.mp3", null, null));
    }

    @Test
    void readsRefreshHintsFromTtlAndSyndicationModule() {
        ParsedFeed feed = feed(
                """
                <rss xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><ttl>15</ttl>
                <sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>
                </channel></rss>""");

        assertThat(feed.hints()).isEqualTo(new FeedHints(Duration.ofMinutes(15), Duration.ofHours(6)));
        assertThat(feed("<rss><channel><ttl>soon</ttl></channel></rss>").hints())
                .isEqualTo(FeedHints.none());
    }

    @Test
    void readsElementNamesInAnyCaseAndItemsOutsideTheChannel() {
        ParsedFeed feed = feed(
                """
                <rss><channel><Title>Shouting</Title><LINK>https://loud.example.com/</LINK></channel>
                <item><title>Netscape style</title><pubdate>Mon, 01 Jan 2024 00:00:00 GMT</pubdate></item>
                </rss>""");

        assertThat(feed.title()).isEqualTo("Shouting");
        assertThat(feed.link()).isEqualTo("https://loud.example.com/");
        assertThat(feed.entries()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Netscape style");
            assertThat(e.published()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        });
    }

    @Test
    void makesTitlesPlainTextInEveryFormat() {
        ParsedFeed atom = feed(
                """
                <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">AT&amp;amp;T &lt;b&gt;news&lt;/b&gt;</title>
                <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Caf&eacute; <i>open</i></div></title></entry>
                <entry><title type="text">a &lt;b&gt; c</title></entry>
                </feed>""");
        ParsedFeed rss = feed("<rss><channel><title>Tom &amp;amp; Jerry &amp;#8217;s</title></channel></rss>");

        assertThat(atom.title()).isEqualTo("AT&T news");
        assertThat(atom.entries()).extracting(ParsedEntry::title).containsExactly("Caf\u00e9 open", "a <b> c");
        assertThat(rss.title()).isEqualTo("Tom & Jerry \u2019s");
    }

    @Test
    void keepsDocumentOrderAndEveryEntryOfALargeFeed() {
        StringBuilder xml = new StringBuilder("<rss><channel>");
        for (int i = 0; i < 5000; i++) {
            xml.append("<item><guid>g").append(i).append("</guid></item>");
        }
        ParsedFeed feed = feed(xml.append("</channel></rss>").toString());

        assertThat(feed.entries()).hasSize(5000);
        assertThat(feed.entries().get(4999).id()).isEqualTo("g4999");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "http://www.w3.org/2005/Atom",
                "http://purl.org/atom/ns#",
                "http://purl.org/echo/",
                "http://example.com/newformat#",
                ""
            })
    void readsAtomInTheNamespacesOfItsDraftsToo(String namespace) {
        ParsedFeed feed = feed("<feed xmlns=\"" + namespace + "\"><title>Drafted</title>"
                + "<entry><title>One</title><link href=\"/one\"/></entry></feed>");

        assertThat(feed.title()).isEqualTo("Drafted");
        assertThat(feed.entries()).singleElement().satisfies(e -> assertThat(e.link())
                .isEqualTo("https://site.example.com/one"));
    }

    @Test
    void decodesAtomTextOfANonTextMimeTypeAsBase64() {
        ParsedFeed feed = feed(
                """
                <feed xmlns="http://www.w3.org/2005/Atom"><entry>
                  <summary type="application/octet-stream">
                    PGk+U2hvcnQ8L2k+IHZlcnNpb24=
                  </summary>
                  <content type="image/png">aGVsbG8=</content>
                </entry></feed>
                """);

        assertThat(feed.entries().get(0).summary()).isEqualTo("<i>Short</i> version");
        assertThat(feed.entries().get(0).content()).isEqualTo("hello");
    }

    @Test
    void writesLocaleStyleLanguagesAsLanguageTags() {
        assertThat(feed("<rss><channel><language>pt_BR</language></channel></rss>")
                        .language())
                .isEqualTo("pt-BR");
        assertThat(feed("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de_AT\"/>")
                        .language())
                .isEqualTo("de-AT");
    }

    @Test
    void readsTheFieldsOlderAndLooserRssWrites() {
        ParsedFeed feed = feed(
                """
                <rss xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
                  <author>Desk Editor (desk@news.example)</author>
                  <item><dc:description>Told in Dublin Core</dc:description>
                    <fullitem>&lt;p&gt;The whole story&lt;/p&gt;</fullitem></item>
                  <item><body xmlns="http://www.w3.org/1999/xhtml">
                    <p>In XHTML</p>
                  </body><dc:author>Wire Service (wire@news.example)</dc:author></item>
                </channel></rss>
                """);

        assertThat(feed.author()).isEqualTo("Desk Editor");
        assertThat(feed.entries().get(0).summary()).isEqualTo("Told in Dublin Core");
        assertThat(feed.entries().get(0).content()).isEqualTo("<p>The whole story</p>");
        assertThat(feed.entries().get(1).content()).isEqualTo("<p>In XHTML</p>");
        assertThat(feed.entries().get(1).author()).isEqualTo("Wire Service");
    }

    @Test
    void marksCharacterReferencesToNoCharacterWithAReplacementCharacter() {
        ParsedFeed feed = feed("<rss><channel><title>x &#1114112; y &#xD800; z &#1; w</title></channel></rss>");

        assertThat(feed.title()).isEqualTo("x \uFFFD y \uFFFD z w");
    }

    @Test
    void readsJsonFeedsThatLeaveOutTheVersion() {
        FeedParseResult result = parser.parse(
                ("{\"title\": \" Untitled no more \", \"items\": [{\"id\": 7, \"url\": \"/p/7\"},"
                                + " {\"id\": \" urn:x:8 \"}]}")
                        .getBytes(StandardCharsets.UTF_8),
                "application/json",
                BASE);

        assertThat(result).isInstanceOfSatisfying(ParsedFeed.class, f -> {
            assertThat(f.title()).isEqualTo("Untitled no more");
            assertThat(f.entries().get(0).id()).isEqualTo("7");
            assertThat(f.entries().get(0).link()).isEqualTo("https://site.example.com/p/7");
            assertThat(f.entries().get(1).id()).isEqualTo("urn:x:8");
        });
        assertThat(failure("{\"error\": \"feed moved\"}".getBytes(StandardCharsets.UTF_8), null)
                        .kind())
                .isEqualTo(FeedParseFailure.Kind.NOT_A_FEED);
    }

    @Test
    void resolvesEveryCandidateOfAResponsiveImageInEntryHtml() {
        ParsedFeed feed = feed(
                """
                <rss><channel><item>
                  <description>&lt;img srcset="/i/a.png, i/a@2x.png 2x,https://cdn.example/a.png 640w"&gt;</description>
                </item></channel></rss>
                """);

        assertThat(feed.entries().get(0).summary())
                .isEqualTo(
                        "<img srcset=\"https://site.example.com/i/a.png, https://site.example.com/blog/i/a@2x.png 2x, "
                                + "https://cdn.example/a.png 640w\">");
    }

    @Test
    void resolvesLinksInBase64EncodedHtmlLikeInAnyOtherHtml() {
        // <div><a href="/relative/uri">click here</a></div>
        ParsedFeed feed = feed(
                """
                <feed version="0.3" xmlns="http://purl.org/atom/ns#">
                  <tagline type="text/html" mode="base64">PGRpdj48YSBocmVmPSIvcmVsYXRpdmUvdXJpIj5jbGljayBoZXJlPC9hPjwvZGl2Pg==</tagline>
                </feed>
                """);

        assertThat(feed.subtitle())
                .isEqualTo("<div><a href=\"https://site.example.com/relative/uri\">click here</a></div>");
    }

    @Test
    void showsAnEmptyTitleOrDescriptionApartFromAMissingOne() {
        ParsedFeed empty = feed("<rss><channel><title/><description/><item><title></title></item></channel></rss>");
        ParsedFeed missing = feed("<rss><channel><item><link>http://example.org/1</link></item></channel></rss>");

        assertThat(empty.title()).isEmpty();
        assertThat(empty.subtitle()).isEmpty();
        assertThat(empty.entries().get(0).title()).isEmpty();
        assertThat(missing.title()).isNull();
        assertThat(missing.subtitle()).isNull();
        assertThat(missing.entries().get(0).title()).isNull();
    }

    @Test
    void prefersAnotherDescriptionToAnEmptyOne() {
        ParsedFeed feed = feed(
                """
                <rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
                  <description/><itunes:summary>Weekly talk</itunes:summary>
                </channel></rss>
                """);

        assertThat(feed.subtitle()).isEqualTo("Weekly talk");
    }
}
