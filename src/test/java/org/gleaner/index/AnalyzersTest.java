package org.gleaner.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

class AnalyzersTest {
    private static final List<String> LANGUAGES =
            List.of("en", "fr", "de", "es", "it", "pt", "nl", "ru", "ar", "zh", "xx");

    @Test
    void aTextWithoutCjkCharactersGetsTheSameTokensWithoutTheCjkFilters() {
        List<String> texts = List.of(
                "The minister’s statements — “quoted” — were running late, e-mail at 10:30 and 3.5%.",
                "L'économie de l'État : les Français, l’Œuvre et la Ñandú; Straße, Häuser, Damàs.",
                "Выборы в Москве: избиратели голосовали; ΑΘΗΝΑ και Θεσσαλονίκη.",
                "الانتخابات في دمشق ١٢٣ صوت المواطنون",
                "Ⅻ ½ № ™ ⁴ → ∞ Ⓐ ‰ ‹tag› ⸻ dash");
        for (String language : LANGUAGES) {
            for (String text : texts) {
                assertThat(Analyzers.mayHoldCjk(text)).as(text).isFalse();
                assertThat(tokens(Analyzers.forText(language, text), text))
                        .as(language + ": " + text)
                        .isEqualTo(tokens(Analyzers.forLanguage(language), text))
                        .isNotEmpty();
            }
        }
    }

    @Test
    void aTextWithCjkOrFullWidthCharactersKeepsTheCjkFilters() {
        for (String text : List.of("会议讨论了经济问题。", "東京で選挙", "한국어 문장", "ᄀᄁ jamo", "ＴＯＫＹＯ office", "ｶﾀｶﾅ")) {
            assertThat(Analyzers.mayHoldCjk(text)).as(text).isTrue();
            for (String language : LANGUAGES) {
                assertThat(Analyzers.forText(language, text)).isSameAs(Analyzers.forLanguage(language));
            }
        }
        assertThat(tokens(Analyzers.forText("en", "ＴＯＫＹＯ 東京都"), "ＴＯＫＹＯ 東京都"))
                .containsExactly("tokyo@0-5+1", "東京@6-8+1", "京都@7-9+1");
    }

    /** Each token as term, start, end and position increment. */
    private static List<String> tokens(Analyzer analyzer, String text) {
        try {
            return TokenStreams.described(analyzer.tokenStream(ArticleFields.ARTICLE_TEXT, text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
