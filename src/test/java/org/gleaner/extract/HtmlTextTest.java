package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void separatesBlocksByBlankLinesAndKeepsLineBreaks() {
        String text = HtmlText.toText(
                "<h2>Title</h2><p>First &amp; <b>bold</b>\n   text.</p><ul><li>one</li><li>two</li></ul>"
                        + "<blockquote>Quote</blockquote><p>line<br>next</p>");
        assertThat(text).isEqualTo("Title\n\nFirst & bold text.\n\none\n\ntwo\n\nQuote\n\nline\nnext");
    }

    @Test
    void dropsScriptsAndStyles() {
        assertThat(HtmlText.toText("<p>a</p><script>var x = 1;</script><style>p{}</style><p>b</p>"))
                .isEqualTo("a\n\nb");
    }

    @Test
    void doubleBreakEndsAParagraph() {
        assertThat(HtmlText.toText("one<br><br>two")).isEqualTo("one\n\ntwo");
    }

    @Test
    void plainTextStaysAsItIs() {
        assertThat(HtmlText.toText("just text")).isEqualTo("just text");
    }
}
