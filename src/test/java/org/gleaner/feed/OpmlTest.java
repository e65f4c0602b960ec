package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpmlTest {
    private static OpmlDocument parse(String opml) throws OpmlException {
        return Opml.parse(opml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void turnsNestedFoldersIntoTagsOutermostFirst() throws OpmlException {
        OpmlDocument doc = parse(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0">
                  <head><title>My subscriptions</title></head>
                  <body>
                    <outline text="News">
                      <outline text="World" title="World news">
                        <outline type="rss" text="BBC World" title="BBC World"
                                 xmlUrl="https://feeds.bbci.co.uk/news/world/rss.xml" htmlUrl="https://www.bbc.co.uk/news"/>
                      </outline>
                      <outline type="rss" text="Reuters" xmlURL="https://reuters.example.com/rss" category="/Wire/Agencies,Daily"/>
                    </outline>
                    <outline text="Untitled" xmlurl="https://blog.example.com/feed/"/>
                  </body>
                </opml>
                """);

        assertThat(doc.title()).isEqualTo("My subscriptions");
        assertThat(doc.feeds())
                .containsExactly(
                        new OpmlFeed(
                                "BBC World",
                                "https://feeds.bbci.co.uk/news/world/rss.xml",
                                "https://www.bbc.co.uk/news",
                                List.of("News", "World")),
                        new OpmlFeed(
                                "Reuters",
                                "https://reuters.example.com/rss",
                                null,
                                List.of("News", "Wire", "Agencies", "Daily")),
                        new OpmlFeed("Untitled", "https://blog.example.com/feed/", null, List.of()));
    }

    @Test
    void skipsDuplicatesKeepingFirstPositionAndMergingTags() throws OpmlException {
        OpmlDocument doc = parse(
                """
                <opml version="1.0"><body>
                  <outline text="A"><outline text="One" xmlUrl="https://one.example.com/feed"/></outline>
                  <outline text="Two" xmlUrl="https://two.example.com/feed"/>
                  <outline text="B"><outline text="One again" xmlUrl="https://one.example.com/feed"/></outline>
                </body></opml>
                """);

        assertThat(doc.feeds())
                .extracting(OpmlFeed::xmlUrl)
                .containsExactly("https://one.example.com/feed", "https://two.example.com/feed");
        assertThat(doc.feeds().get(0).tags()).containsExactly("A", "B");
        assertThat(doc.feeds().get(0).title()).isEqualTo("One");
    }

    @Test
    void acceptsFeedSchemeAndSkipsNonHttpUrls() throws OpmlException {
        OpmlDocument doc = parse(
                """
                <opml><body>
                  <outline text="Feed scheme" xmlUrl="feed://feedscheme.example.com/rss"/>
                  <outline text="Local file" xmlUrl="file:///etc/passwd"/>
                  <outline text="Javascript" xmlUrl="javascript:alert(1)"/>
                  <outline text="Relative" xmlUrl="/relative/feed"/>
                </body></opml>
                """);

        assertThat(doc.feeds()).extracting(OpmlFeed::xmlUrl).containsExactly("http://feedscheme.example.com/rss");
    }

    @Test
    void readsHtmlEntitiesAndBrokenMarkupLeniently() throws OpmlException {
        OpmlDocument doc = parse(
                """
                <opml><head><title>Caf&eacute; &amp; friends</head><body>
                  <outline text="Caf&eacute;" xmlUrl="https://cafe.example.com/rss?a=1&b=2">
                </body>
                """);

        assertThat(doc.title()).isEqualTo("Caf\u00e9 & friends");
        assertThat(doc.feeds())
                .containsExactly(new OpmlFeed("Caf\u00e9", "https://cafe.example.com/rss?a=1&b=2", null, List.of()));
    }

    @Test
    void rejectsDocumentsThatAreNotOpml() {
        assertThatThrownBy(() -> parse("<rss><channel/></rss>"))
                .isInstanceOf(OpmlException.class)
                .hasMessageContaining("not an OPML document");
        assertThatThrownBy(() -> parse("just text")).isInstanceOf(OpmlException.class);
    }

    @Test
    void rejectsOversizedFiles() {
        byte[] big = new byte[ParseLimits.MAX_OPML_BYTES + 1];

        assertThatThrownBy(() -> Opml.parse(big))
                .isInstanceOf(OpmlException.class)
                .hasMessageContaining("larger");
    }

    @Test
    void writesOpml20ThatReadsBackToTheSameFeeds() throws OpmlException {
        List<OpmlFeed> feeds = List.of(
                new OpmlFeed(
                        "War in Context",
                        "https://warincontext.org/feed/",
                        "https://warincontext.org/",
                        List.of("syria", "middle-east")),
                new OpmlFeed(
                        "BBC <World> & \"more\"",
                        "https://feeds.bbci.co.uk/news/world/rss.xml?a=1&b=2",
                        null,
                        List.of()),
                new OpmlFeed("Other syria feed", "https://other.example.com/rss", null, List.of("syria")));

        String xml = Opml.write(feeds, "Gleaner subscriptions");
        OpmlDocument back = parse(xml);

        assertThat(xml)
                .startsWith("<?xml")
                .contains("<opml version=\"2.0\">")
                .contains("<title>Gleaner subscriptions</title>");
        assertThat(back.title()).isEqualTo("Gleaner subscriptions");
        assertThat(back.feeds()).containsExactlyInAnyOrderElementsOf(feeds);
    }
}
