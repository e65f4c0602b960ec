package org.gleaner.index;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Runs a chain of term-rewriting filters (stemming, accent folding) through a cache of the terms
 * already rewritten. Prose repeats its words, so most tokens are cache hits; on real articles the
 * English chain costs about a third more than word breaking alone when every token is stemmed.
 *
 * <p>The output is the chain's own as long as the chain turns each token into exactly one token and
 * looks at nothing but the term text: no keyword marks (nothing in Gleaner's chains sets them), no
 * state carried from one token to the next, positions and offsets left alone. The stemmers and
 * normalisers of {@link Analyzers}, elision and {@code ASCIIFoldingFilter} without the original
 * all qualify.
 *
 * <p>The cache sits beside the indexing buffers in the processor caches, so a lookup must touch
 * little memory ({@link TermCache} says how). A generic {@code CharArrayMap} (an object per key and
 * value, several keys compared per miss) cost more than the stemming it saved on a large vocabulary.
 *
 * <p>The cache ({@link TermCache}) may be shared by the filters of one thread that run the same
 * chain: a document's title, article text and entry text are analysed by three token streams, one
 * after the other, and with a cache each they held the same words three times over, crowding each
 * other out of the processor caches. A cache is used by one thread only, so it needs no locking.
 */
final class CachedTermFilter extends TokenFilter {
    /** Longer terms (run-together words, URLs) are rare: rewritten each time, never stored. */
    static final int MAX_CACHED_LENGTH = 64;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OneTerm single = new OneTerm();
    private final TokenStream chain;
    private final CharTermAttribute chainTerm;
    private final TermCache cache;

    /**
     * @param chain builds the rewriting filters on top of the stream it is given
     * @param cache terms this chain has rewritten; shared only by filters of the same chain and thread
     */
    CachedTermFilter(TokenStream input, UnaryOperator<TokenStream> chain, TermCache cache) {
        super(input);
        this.chain = chain.apply(single);
        this.chainTerm = this.chain.getAttribute(CharTermAttribute.class);
        this.cache = cache;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        int length = term.length();
        if (length > MAX_CACHED_LENGTH) {
            rewrite();
            return true;
        }
        char[] text = term.buffer();
        int hash = TermCache.hash(text, length);
        int entry = cache.find(hash, text, length);
        if (entry != 0) {
            int rewrittenLength = cache.rewrittenLength(entry);
            cache.copyRewritten(entry, length, term.resizeBuffer(rewrittenLength));
            term.setLength(rewrittenLength);
            return true;
        }
        if (cache.isFull()) {
            rewrite();
            return true;
        }
        // the term goes into its entry before the chain overwrites it
        int start = cache.startEntry(text, length);
        rewrite();
        cache.finishEntry(hash, start, length, term.buffer(), term.length());
        return true;
    }

    /** Replaces the term with the chain's rewriting of it. */
    private void rewrite() throws IOException {
        single.set(term.buffer(), term.length());
        chain.reset();
        if (!chain.incrementToken()) {
            throw new IllegalStateException("a cached filter chain must turn every token into one token");
        }
        term.copyBuffer(chainTerm.buffer(), 0, chainTerm.length());
        chain.end();
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
