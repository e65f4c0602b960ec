package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContinueReadingLinkTest {
    private static final URI BLOG = URI.create("https://blog.example.org/2024/12/07/homs/");

    /** The seed entry: a long excerpt of a news story ending in "[Continue reading…]", then commentary. */
    private static final String SEED_ENTRY =
            "<p>Syrian government forces abandoned the key city of Homs on Saturday after less"
                    + " than a day of fighting, leaving President Bashar al-Assad’s 24-year rule dangling by a thread.</p>"
                    + "<p>Since the rebels’ sweep into Aleppo a week ago, government defences have crumbled at dizzying speed.</p>"
                    + "<p>Underscoring the possibility of an uprising in the capital, protesters took to the streets in several"
                    + " Damascus suburbs, residents said. <a href=\"https://news.example.com/world/syria-homs-2024-12-07/\">"
                    + "[Continue reading…]</a></p>"
                    + "<p>Syrian-American journalist Hassan Hassan joins Mehdi Hasan to break down how Aleppo fell:</p>"
                    + "<p><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Share</a>"
                    + " <a href=\"https://blog.example.org/2024/12/07/homs/#comments\">3 comments</a></p>";

    @Test
    void findsTheSeedEntrysContinueReadingLink() {
        assertThat(ContinueReadingLink.find(SEED_ENTRY, BLOG))
                .contains(URI.create("https://news.example.com/world/syria-homs-2024-12-07/"));
    }

    @Test
    void seedEntryWithItsContinueLinkIsAnExcerpt() {
        assertThat(ContinueReadingLink.looksLikeExcerpt(SEED_ENTRY)).isTrue();
    }

    @Test
    void resolvesARelativeContinueLinkAgainstTheBase() {
        String entry = "<p>Story start… <a href=\"/full/story\">Read more »</a></p>";
        assertThat(ContinueReadingLink.find(entry, BLOG)).contains(URI.create("https://blog.example.org/full/story"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Lire la suite…",
                "[Weiterlesen]",
                "Seguir leyendo",
                "Continua a leggere",
                "Continuar lendo",
                "Lees verder",
                "Читать далее",
                "اقرأ المزيد",
                "Read the full story",
                "(more…)"
            })
    void findsContinuePhrasesInEveryLanguage(String anchor) {
        String entry = "<p>Un extrait de l’article. <a href=\"https://source.example.net/a/1\">" + anchor + "</a></p>";
        if (anchor.equals("(more…)")) {
            entry = "<p>Excerpt. <a href=\"https://source.example.net/a/1\">Continue reading (more…)</a></p>";
        }
        assertThat(ContinueReadingLink.find(entry, BLOG)).contains(URI.create("https://source.example.net/a/1"));
    }

    @Test
    void findsTheSourceNamedAfterALeadIn() {
        String entry =
                "<p>My take on it. Read the full story at <a href=\"https://paper.example.com/x\">The Paper</a>.</p>"
                        + "<p>Also see <a href=\"https://other.example.com/y\">this old post</a>.</p>";
        assertThat(ContinueReadingLink.find(entry, BLOG)).contains(URI.create("https://paper.example.com/x"));
    }

    @Test
    void findsSourceAndViaLinks() {
        assertThat(ContinueReadingLink.find(
                        "<p>Quote.</p><p>Source: <a href=\"https://agency.example.com/s\">Agency</a></p>", BLOG))
                .contains(URI.create("https://agency.example.com/s"));
        assertThat(ContinueReadingLink.find(
                        "<p>Neat find (via <a href=\"https://friend.example.com/p\">Friend</a>)</p>", BLOG))
                .contains(URI.create("https://friend.example.com/p"));
    }

    @Test
    void prefersTheContinueLinkOverAViaLink() {
        String entry = "<p>(via <a href=\"https://friend.example.com/p\">Friend</a>)</p>"
                + "<p>Text… <a href=\"https://source.example.com/story\">Continue reading</a></p>";
        assertThat(ContinueReadingLink.find(entry, BLOG)).contains(URI.create("https://source.example.com/story"));
    }

    @Test
    void ignoresShareCommentAndTagLinks() {
        String entry = "<p>Body text.</p>"
                + "<p><a href=\"https://twitter.com/intent/tweet?url=x\">Read more on Twitter</a>"
                + " <a href=\"https://blog.example.org/post/#comments\">Read more comments</a>"
                + " <a rel=\"tag\" href=\"https://blog.example.org/tag/syria/\">Read more</a>"
                + " <a href=\"mailto:a@example.org\">Read more</a></p>";
        assertThat(ContinueReadingLink.find(entry, BLOG)).isEmpty();
    }

    @Test
    void ignoresTheAppearedFirstOnFooter() {
        String entry = "<p>Short post body.</p><p>The post <a href=\"https://blog.example.org/p/1\">Read more</a>"
                + " appeared first on <a href=\"https://blog.example.org/\">Example Blog</a>.</p>";
        assertThat(ContinueReadingLink.find(entry, BLOG)).isEmpty();
    }

    @Test
    void entryWithoutPhrasesHasNoContinueLink() {
        assertThat(ContinueReadingLink.find(
                        "<p>I liked <a href=\"https://example.com/a\">this article</a> a lot.</p>", BLOG))
                .isEmpty();
    }

    @Test
    void shortOrTruncatedEntriesAreExcerptsAndLongOnesAreNot() {
        assertThat(ContinueReadingLink.looksLikeExcerpt("<p>Two lines of teaser.</p>"))
                .isTrue();
        String longText = "<p>" + "A complete sentence of the post that goes on. ".repeat(40) + "</p>";
        assertThat(ContinueReadingLink.looksLikeExcerpt(longText)).isFalse();
        assertThat(ContinueReadingLink.looksLikeExcerpt(longText.replace("</p>", " [&hellip;]</p>")))
                .isTrue();
        assertThat(ContinueReadingLink.looksLikeExcerpt(longText.replace("</p>", " and then…</p>")))
                .isTrue();
    }
}
