package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TitleTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "AT&amp;T <b>news</b>                                         | AT&T news",
                "a<!-- <script> -->b                                          | ab",
                "a<!--[if gte mso 9]><xml>x</xml><![endif]-->b               | ab",
                "safe<script type='text/javascript'>location.href='/';</script> text | safe text",
                "a<script\\n\\n>alert(1)</script\\n\\n>b                           | ab",
                "a<STYLE>p { color: red }</STYLE>b                             | ab",
                "a<scripted>b</scripted>                                       | ab",
                "open comment <!-- never closed                               | 'open comment '",
                "don&#146;t &#x93;quoted&#X94; &#128;5                         | don\u2019t \u201cquoted\u201d \u20ac5",
                "&#129;&#8217;                                                 | \u0081\u2019",
            })
    void readsTitleMarkupAsTheTextAReaderSees(String html, String text) {
        assertThat(HtmlText.fromHtml(html.replace("\\n", "\n"))).isEqualTo(text);
    }
}
