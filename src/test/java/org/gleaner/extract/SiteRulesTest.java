package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteRulesTest {
    private static final URI PAGE = URI.create("https://site.example.com/story");
    private static final byte[] HTML = ("<html><body><div class=\"promo\"><p>Buy our magazine today, twelve issues at a"
                    + " discount, delivered to your door every month without fail.</p></div>"
                    + "<div class=\"story-text\"><p>The ferry will run twice a day from June.</p>"
                    + "<p class=\"note\">Editor's note: updated.</p></div></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void contentSelectorWinsOverTheExtractorAndRemoveSelectorsApply() {
        ExtractionResult r =
                new ArticleExtractor().extract(HTML, null, PAGE, new SiteRules(".story-text", List.of(".note")));
        assertThat(r).isInstanceOfSatisfying(ExtractedArticle.class, a -> {
            assertThat(a.text()).isEqualTo("The ferry will run twice a day from June.");
            assertThat(a.html()).isEqualTo("<div><p>The ferry will run twice a day from June.</p></div>");
        });
    }

    @Test
    void selectorThatMatchesNothingIsNoArticleWithTheReason() {
        ExtractionResult r = new ArticleExtractor().extract(HTML, null, PAGE, new SiteRules(".missing", List.of()));
        assertThat(r).isInstanceOfSatisfying(NoArticle.class, n -> assertThat(n.reason())
                .isEqualTo("site rule selected no content"));
    }

    @Test
    void invalidSelectorIsNoArticleNotAnException() {
        ExtractionResult r = new ArticleExtractor().extract(HTML, null, PAGE, new SiteRules("div[", List.of()));
        assertThat(r).isInstanceOfSatisfying(NoArticle.class, n -> assertThat(n.reason())
                .startsWith("site rule is not a valid CSS selector"));
    }
}
