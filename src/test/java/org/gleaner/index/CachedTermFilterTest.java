package org.gleaner.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.junit.jupiter.api.Test;

class CachedTermFilterTest {
    private static TokenStream english(TokenStream in) {
        return new ASCIIFoldingFilter(new PorterStemFilter(new EnglishPossessiveFilter(in)));
    }

    private static TokenStream french(TokenStream in) {
        return new ASCIIFoldingFilter(
                new FrenchLightStemFilter(new ElisionFilter(in, FrenchAnalyzer.DEFAULT_ARTICLES)));
    }

    @Test
    void cachedChainGivesTheChainsOwnTokensOffsetsAndPositions() throws IOException {
        String text = "The minister's statements were stated again: running, runners ran; the minister's "
                + "café, Café, CAFÉ and the statements' “quoted” words, running again and again.";
        assertEquals(
                tokens(text, CachedTermFilterTest::english, false), tokens(text, CachedTermFilterTest::english, true));
        String french = "L'économie de l'État : les économies des États, l'État et l'économie.";
        assertEquals(
                tokens(french, CachedTermFilterTest::french, false),
                tokens(french, CachedTermFilterTest::french, true));
    }

    @Test
    void streamsSharingOneCacheEachGiveTheChainsOwnTokens() throws IOException {
        // as a document's title, article text and entry text are analysed by one thread, one by one
        TermCache shared = new TermCache();
        List<String> texts = List.of(
                "Ministers' statements: running again",
                "The minister stated that runners were running; statements followed, nations listened.",
                "Statements, nations and runners.");
        for (String text : texts) {
            Tokenizer source = new StandardTokenizer();
            source.setReader(new StringReader(text));
            TokenStream cached =
                    new CachedTermFilter(new LowerCaseFilter(source), CachedTermFilterTest::english, shared);
            assertEquals(tokens(text, CachedTermFilterTest::english, false), TokenStreams.described(cached), text);
        }
    }

    @Test
    void aFullCacheStillRewritesTheTermsItDoesNotHold() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            text.append("running")
                    .append(Integer.toString(i, 26).replaceAll("[0-9]", "x"))
                    .append("s ");
            text.append(i % 7 == 0 ? "nations " : "");
        }
        assertEquals(
                tokens(text.toString(), CachedTermFilterTest::english, false),
                tokens(text.toString(), CachedTermFilterTest::english, true));
    }

    @Test
    void termsTooLongToCacheAreRewrittenEveryTime() throws IOException {
        String longWord = "nation".repeat(CachedTermFilter.MAX_CACHED_LENGTH / 6 + 1) + "s";
        String text = longWord + " runs " + longWord + " running " + longWord + "'s";
        assertEquals(
                tokens(text, CachedTermFilterTest::english, false), tokens(text, CachedTermFilterTest::english, true));
    }

    @Test
    void aChainThatDropsTokensIsRefused() {
        UnaryOperator<TokenStream> dropping = in -> new StopFilter(in, new CharArraySet(List.of("the"), true));
        assertThrows(IllegalStateException.class, () -> tokens("the end", dropping, true));
    }

    /** Each token as term, start, end and position increment, through the chain with or without the cache. */
    private static List<String> tokens(String text, UnaryOperator<TokenStream> chain, boolean cached)
            throws IOException {
        Tokenizer source = new StandardTokenizer();
        source.setReader(new StringReader(text));
        TokenStream lower = new LowerCaseFilter(source);
        return TokenStreams.described(
                cached ? new CachedTermFilter(lower, chain, new TermCache()) : chain.apply(lower));
    }
}
