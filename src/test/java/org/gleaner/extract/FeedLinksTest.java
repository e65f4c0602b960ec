package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FeedLinksTest {
    private static final URI PAGE = URI.create("https://blog.example.org/about/");

    @Test
    void findsDeclaredFeedsInOrderAndAbsolute() {
        String html = "<html><head>"
                + "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/feed/\">"
                + "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://blog.example.org/atom.xml\">"
                + "<link rel=\"alternate\" type=\"application/feed+json\" href=\"feed.json\">"
                + "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed/\">"
                + "<link rel=\"stylesheet\" href=\"/s.css\">"
                + "<link rel=\"alternate\" hreflang=\"fr\" href=\"/fr/\">"
                + "</head><body></body></html>";
        assertThat(FeedLinks.discover(html, PAGE))
                .containsExactly(
                        URI.create("https://blog.example.org/feed/"),
                        URI.create("https://blog.example.org/atom.xml"),
                        URI.create("https://blog.example.org/about/feed.json"));
    }

    @Test
    void fallsBackToFeedLookingLinksWhenNoneIsDeclared() {
        String html = "<body><a href=\"/rss.xml\">RSS</a> <a href=\"/contact\">Contact</a></body>";
        assertThat(FeedLinks.discover(html, PAGE)).containsExactly(URI.create("https://blog.example.org/rss.xml"));
    }

    @Test
    void pageWithoutFeedsGivesNothing() {
        assertThat(FeedLinks.discover("<p>nothing</p>", PAGE)).isEmpty();
    }
}
