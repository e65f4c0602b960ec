package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {
    private static final URI BASE = URI.create("https://news.example.com/world/story.html");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script><p>ok</p>",
                "<p>ok</p><img src=x onerror=alert(1)>",
                "<p><a href=\"javascript:alert(1)\">ok</a></p>",
                "<p><a href=\"JaVaScRiPt:alert(1)\">ok</a></p>",
                "<p><a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">ok</a></p>",
                "<p><a href=\"java&#x09;script:alert(1)\">ok</a></p>",
                "<svg onload=alert(1)><p>ok</p></svg>",
                "<p style=\"background:url(javascript:alert(1))\">ok</p>",
                "<style>body{background:url(javascript:alert(1))}</style><p>ok</p>",
                "<p><img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">ok</p>",
                "<p><a href=\"data:text/html,<script>alert(1)</script>\">ok</a></p>",
                "<iframe src=\"https://evil.example/\"></iframe><p>ok</p>",
                "<p onclick=\"alert(1)\" onmouseover=\"alert(1)\">ok</p>",
                "<form action=\"https://evil.example/\"><input name=q></form><p>ok</p>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math><p>ok</p>",
                "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\"><p>ok</p>",
                "<p><a href=\"vbscript:msgbox(1)\">ok</a></p>",
                "<base href=\"javascript:alert(1)//\"><p>ok</p>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><p>ok</p>",
                "<p><img srcset=\"javascript:alert(1) 1x, data:image/png;base64,AAAA 2x\">ok</p>",
                "<object data=\"x.swf\"><param name=\"src\" value=\"javascript:alert(1)\">"
                        + "<script>alert(1)</script><p>ok</p></object>"
            })
    void removesEveryScriptVector(String payload) {
        String clean = HtmlSanitizer.sanitize(payload, BASE).toLowerCase(java.util.Locale.ROOT);
        assertThat(clean)
                .doesNotContain("<script")
                .doesNotContain("javascript:")
                .doesNotContain("vbscript:")
                .doesNotContain("onerror")
                .doesNotContain("onload")
                .doesNotContain("onclick")
                .doesNotContain("style")
                .doesNotContain("data:")
                .doesNotContain("<svg")
                .doesNotContain("<iframe")
                .doesNotContain("<form")
                .doesNotContain("<object")
                .doesNotContain("<embed")
                .doesNotContain("<base")
                .doesNotContain("<meta")
                .contains("ok");
    }

    @Test
    void makesLinksAbsoluteAndAddsNoopener() {
        String clean =
                HtmlSanitizer.sanitize("<p><a href=\"../about\">About</a> <img src=\"/i.jpg\" alt=\"x\"></p>", BASE);
        assertThat(clean)
                .contains("href=\"https://news.example.com/about\"")
                .contains("rel=\"noopener noreferrer\"")
                .contains("src=\"https://news.example.com/i.jpg\"");
    }

    @Test
    void keepsMailtoLinksAndStoryStructure() {
        String clean = HtmlSanitizer.sanitize(
                "<h2>Head</h2><blockquote><p>Q</p></blockquote><ul><li>a</li></ul>"
                        + "<table><tr><td>1</td></tr></table><a href=\"mailto:desk@example.com\">mail</a>",
                BASE);
        assertThat(clean)
                .contains("<h2>Head</h2>")
                .contains("<blockquote>")
                .contains("<li>a</li>")
                .contains("<td>1</td>")
                .contains("href=\"mailto:desk@example.com\"");
    }

    @Test
    void replacesAnExistingRelWithNoopener() {
        String clean =
                HtmlSanitizer.sanitize("<a href=\"https://x.example/\" rel=\"opener\" target=\"_blank\">x</a>", BASE);
        assertThat(clean)
                .contains("rel=\"noopener noreferrer\"")
                .doesNotContain("target")
                .doesNotContain("\"opener\"");
    }

    @Test
    void escapesTextAndQuotesInAttributeValues() {
        String clean = HtmlSanitizer.sanitize(
                "<p title=\"x\">1 &lt; 2 &amp; <a href=\"https://x.example/?a=1&amp;b=2\" title='q\" onmouseover=\"alert(1)'>l</a></p>",
                BASE);
        assertThat(clean)
                .isEqualTo(
                        "<p>1 &lt; 2 &amp; <a href=\"https://x.example/?a=1&amp;b=2\" title=\"q&quot; onmouseover=&quot;alert(1)\""
                                + " rel=\"noopener noreferrer\">l</a></p>");
    }

    @Test
    void keepsOnlyThePlainDeclarationsOfAStyleAttribute() {
        String clean = HtmlSanitizer.sanitize(
                "<a href=\"https://x.example/\" style=\"display:block; position:absolute; z-index:1;"
                        + " background-color:black; background-image:url(https://t.example/i.jpg)\">x</a>"
                        + "<p style=\"position:fixed\">p</p><span STYLE='color: \"red\"'>s</span>",
                BASE);

        assertThat(clean)
                .isEqualTo("<a href=\"https://x.example/\" style=\"display: block; background-color: black;\""
                        + " rel=\"noopener noreferrer\">x</a><p>p</p><span style=\"color: &quot;red&quot;;\">s</span>");
    }

    @Test
    void unwrapsUnknownTagsButKeepsTheirText() {
        assertThat(HtmlSanitizer.sanitize("<custom-card><font color=red>kept</font></custom-card>", BASE))
                .isEqualTo("kept");
    }

    @Test
    void dropsImagesWithScriptOrMailtoSources() {
        assertThat(HtmlSanitizer.sanitize("<img src=\"javascript:alert(1)\"><img src=\"mailto:a@b.c\">", BASE))
                .isEqualTo("<img><img>");
    }

    @Test
    void resolvesEachCandidateOfAResponsiveImageAndDropsUnsafeOnes() {
        String clean = HtmlSanitizer.sanitize(
                "<img src=\"a.png\" srcset=\"/img/a.png, img/a@2x.png 2x, javascript:x 3x, https://cdn.example/a.png 640w\">",
                BASE);

        assertThat(clean)
                .isEqualTo(
                        "<img src=\"https://news.example.com/world/a.png\" srcset=\"https://news.example.com/img/a.png, "
                                + "https://news.example.com/world/img/a@2x.png 2x, https://cdn.example/a.png 640w\">");
    }

    @Test
    void keepsTheFallbackContentOfAnObjectButNotTheObject() {
        String clean = HtmlSanitizer.sanitize(
                "safe<object classid=\"clsid:C932BA85\"><param name=\"movie\" value=\"a.swf\"> <b>description</b></object>",
                BASE);

        assertThat(clean).isEqualTo("safe <b>description</b>");
    }
}
