package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {
    private static final URI PAGE = URI.create("https://news.example.com/2024/05/17/story.html");
    private final ArticleExtractor extractor = new ArticleExtractor();

    private static final String PARAGRAPHS = "<p>Le conseil municipal a voté mardi soir un budget de rénovation pour"
            + " l’école du quartier, après des mois de débats, de réunions publiques et de pétitions signées par les"
            + " parents d’élèves.</p><p>Les travaux commenceront à l’été, a précisé la maire, qui promet que les classes"
            + " resteront ouvertes pendant toute la durée du chantier, grâce à des salles provisoires.</p>"
            + "<p>Les associations de parents, elles, restent prudentes et demandent un calendrier détaillé, ainsi qu’un"
            + " suivi régulier des dépenses engagées par la ville.</p>";

    @Test
    void decodesWithTheCharsetOfTheContentTypeHeader() {
        String html =
                "<html><head><title>École</title></head><body><article>" + PARAGRAPHS + "</article></body></html>";
        byte[] bytes = html.getBytes(Charset.forName("ISO-8859-1"));
        ExtractionResult r = extractor.extract(bytes, "text/html; charset=ISO-8859-1", PAGE);
        assertThat(r).isInstanceOf(ExtractedArticle.class);
        assertThat(((ExtractedArticle) r).text())
                .contains("l’école".replace("’", "'").isEmpty() ? "" : "école du quartier");
    }

    @Test
    void decodesWithTheMetaCharsetWhenTheHeaderHasNone() {
        String html = "<html><head><meta charset=\"windows-1252\"><title>x</title></head><body><article>"
                + PARAGRAPHS.replace("’", "'") + "</article></body></html>";
        byte[] bytes = html.getBytes(Charset.forName("windows-1252"));
        ExtractionResult r = extractor.extract(bytes, "text/html", PAGE);
        assertThat(((ExtractedArticle) r).text()).contains("après des mois de débats");
    }

    @Test
    void readsMetadataFromOpenGraphAndTheUrl() {
        String html = "<html lang=\"fr-FR\"><head><title>Budget voté pour l’école | La Gazette</title>"
                + "<meta property=\"og:site_name\" content=\"La Gazette\">"
                + "<meta name=\"description\" content=\"Le conseil a voté.\">"
                + "<meta property=\"og:image\" content=\"/img/ecole.jpg\">"
                + "<meta name=\"author\" content=\"Par Marie Dupont\">"
                + "<link rel=\"canonical\" href=\"/2024/05/17/story\"></head><body><article>" + PARAGRAPHS
                + "</article></body></html>";
        PageMetadata m = extractor.extract(html, PAGE).metadata();
        assertThat(m.title()).isEqualTo("Budget voté pour l’école");
        assertThat(m.siteName()).isEqualTo("La Gazette");
        assertThat(m.byline()).isEqualTo("Marie Dupont");
        assertThat(m.language()).isEqualTo("fr");
        assertThat(m.published()).isEqualTo(Instant.parse("2024-05-17T00:00:00Z"));
        assertThat(m.canonicalUrl()).isEqualTo("https://news.example.com/2024/05/17/story");
        assertThat(m.leadImage()).isEqualTo("https://news.example.com/img/ecole.jpg");
        assertThat(m.description()).isEqualTo("Le conseil a voté.");
    }

    @Test
    void detectsTheLanguageWhenThePageDeclaresNone() {
        String html = "<html><body><article>" + PARAGRAPHS + "</article></body></html>";
        assertThat(extractor.extract(html, PAGE).metadata().language()).isEqualTo("fr");
    }

    @Test
    void pageWithoutArticleSaysWhyWithItsContentLength() {
        String html = "<html><body><nav><a href=\"/\">Home</a></nav><p>Welcome to our site.</p></body></html>";
        ExtractionResult r = extractor.extract(html, PAGE);
        assertThat(r).isInstanceOf(NoArticle.class);
        assertThat(((NoArticle) r).reason())
                .startsWith("page has no article text (")
                .endsWith(" characters of content)");
    }

    @Test
    void consentWallIsRecognised() {
        String html =
                "<html><body><div class=\"wall\"><h2>We value your privacy</h2><p>We and our partners use cookies."
                        + " Accept all or manage your choices.</p></div></body></html>";
        ExtractionResult r = extractor.extract(html, PAGE);
        assertThat(r).isInstanceOfSatisfying(NoArticle.class, n -> assertThat(n.reason())
                .isEqualTo("consent wall"));
    }

    @Test
    void scriptOnlyPageNeedsJavaScript() {
        String html = "<html><body><div id=\"app\"></div><noscript>Please enable JavaScript.</noscript>"
                + "<script src=\"/app.js\"></script></body></html>";
        ExtractionResult r = extractor.extract(html, PAGE);
        assertThat(r).isInstanceOfSatisfying(NoArticle.class, n -> assertThat(n.reason())
                .isEqualTo("page needs JavaScript"));
    }

    @Test
    void articleHtmlIsSanitized() {
        String html = "<html><body><article>" + PARAGRAPHS.replace("<p>Les travaux", "<p onclick=\"x()\">Les travaux")
                + "<script>alert(1)</script><a href=\"javascript:alert(1)\">lien</a></article></body></html>";
        ExtractedArticle a = (ExtractedArticle) extractor.extract(html.getBytes(StandardCharsets.UTF_8), null, PAGE);
        assertThat(a.html()).doesNotContain("onclick").doesNotContain("<script").doesNotContain("javascript:");
        assertThat(a.html()).contains("<p>Les travaux");
    }

    @Test
    void choosesTheSameContentEveryTimeBetweenTwoEquallyScoredBlocks() {
        // two stories of the same shape and length in cousin containers: they score exactly alike, and
        // the first in the document must win every time, whatever order the finder's maps hold them in
        String html = "<html><body>" + story("Harbour", "ferries") + story("Orchard", "peaches") + "</body></html>";
        java.util.Set<String> texts = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            ExtractionResult r = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html", PAGE);
            assertThat(r).isInstanceOf(ExtractedArticle.class);
            texts.add(((ExtractedArticle) r).text());
        }

        assertThat(texts).hasSize(1);
        assertThat(texts.iterator().next()).contains("Harbour").doesNotContain("Orchard");
    }

    /** A story of fixed shape: the same number of characters and commas whatever the two words. */
    private static String story(String place, String thing) {
        String sentence = "The " + place + " council met on Tuesday, and the " + thing
                + " were counted again, one by one, until late in the evening. ";
        // nested deeper than the five ancestors a paragraph's score reaches, so no container holds both
        String open = "<div>".repeat(7);
        String close = "</div>".repeat(7);
        return open + "<p>" + sentence.repeat(3) + "</p><p>" + sentence.repeat(2) + "</p>" + close;
    }
}
