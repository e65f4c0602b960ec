package org.gleaner.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.CharArrayMap;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Runs a chain of term-rewriting filters (stemming, accent folding) through a cache of the terms
 * already rewritten. Prose repeats its words, so most tokens are cache hits, and stemming plus
 * folding were about a tenth of the indexing threads' CPU.
 *
 * <p>The output is the chain's own as long as the chain turns each token into exactly one token and
 * looks at nothing but the term text: no keyword marks (nothing in Gleaner's chains sets them), no
 * state carried from one token to the next, positions and offsets left alone. The stemmers and
 * normalisers of {@link Analyzers}, elision and {@code ASCIIFoldingFilter} without the original
 * all qualify.
 *
 * <p>Each instance belongs to one reusable token stream, that is to one thread, so the cache needs
 * no locking; it is emptied when full, which bounds its memory.
 */
final class CachedTermFilter extends TokenFilter {
    /** About a megabyte of short terms per stream: enough to hold the common vocabulary of news. */
    private static final int MAX_ENTRIES = 16_384;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OneTerm single = new OneTerm();
    private final TokenStream chain;
    private final CharTermAttribute chainTerm;
    private final CharArrayMap<char[]> cache = new CharArrayMap<>(1_024, false);

    /** @param chain builds the rewriting filters on top of the stream it is given */
    CachedTermFilter(TokenStream input, UnaryOperator<TokenStream> chain) {
        super(input);
        this.chain = chain.apply(single);
        this.chainTerm = this.chain.getAttribute(CharTermAttribute.class);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] rewritten = cache.get(term.buffer(), 0, term.length());
        if (rewritten == null) {
            rewritten = rewrite();
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            cache.put(Arrays.copyOf(term.buffer(), term.length()), rewritten);
        }
        term.copyBuffer(rewritten, 0, rewritten.length);
        return true;
    }

    private char[] rewrite() throws IOException {
        single.set(term.buffer(), term.length());
        chain.reset();
        if (!chain.incrementToken()) {
            throw new IllegalStateException("a cached filter chain must turn every token into one token");
        }
        char[] rewritten = Arrays.copyOf(chainTerm.buffer(), chainTerm.length());
        chain.end();
        return rewritten;
    }

    /** The source of the cached chain: the one term being rewritten. */
    private static final class OneTerm extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private char[] buffer = new char[0];
        private int length;
        private boolean pending;

        void set(char[] text, int textLength) {
            buffer = text;
            length = textLength;
        }

        @Override
        public void reset() {
            pending = true;
        }

        @Override
        public boolean incrementToken() {
            if (!pending) {
                return false;
            }
            pending = false;
            clearAttributes();
            term.copyBuffer(buffer, 0, length);
            return true;
        }
    }
}
