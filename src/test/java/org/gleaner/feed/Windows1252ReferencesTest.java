package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Windows1252ReferencesTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "don&#146;t                 | don&#x2019;t",
                "&#x92; &#X0093;x&#148;     | &#x2019; &#x201C;x&#x201D;",
                "&#128; &#159;              | &#x20AC; &#x178;",
                "&#129; &#141; &#157;       | &#129; &#141; &#157;",
                "&#160; &#8217; &#1460;     | &#160; &#8217; &#1460;",
                "&amp;#146; shown as text   | &amp;#146; shown as text",
                "<a title='&#150;'>x</a>    | <a title='&#x2013;'>x</a>",
            })
    void spellsReferencesTo0x80To0x9FAsTheWindows1252CharacterBrowsersShow(String html, String expected) {
        assertThat(HtmlText.windows1252References(html)).isEqualTo(expected);
    }

    @Test
    void entryHtmlInRssAtomAndJsonFeedCarriesTheRealCharacter() {
        FeedParser parser = new FeedParser();
        URI base = URI.create("https://site.example.com/feed");
        String rss = "<rss><channel><item><description>don&amp;#146;t</description></item></channel></rss>";
        String atom = "<feed xmlns='http://www.w3.org/2005/Atom'><entry><id>1</id>"
                + "<content type='html'>don&amp;#146;t</content></entry></feed>";
        String json = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"1\","
                + " \"content_html\": \"don&#146;t\"}]}";

        ParsedFeed fromRss = (ParsedFeed) parser.parse(rss.getBytes(StandardCharsets.UTF_8), null, base);
        ParsedFeed fromAtom = (ParsedFeed) parser.parse(atom.getBytes(StandardCharsets.UTF_8), null, base);
        ParsedFeed fromJson =
                (ParsedFeed) parser.parse(json.getBytes(StandardCharsets.UTF_8), "application/feed+json", base);

        assertThat(fromRss.entries().get(0).summary()).isEqualTo("don&#x2019;t");
        assertThat(fromAtom.entries().get(0).content()).isEqualTo("don&#x2019;t");
        assertThat(fromJson.entries().get(0).content()).isEqualTo("don&#x2019;t");
    }
}
