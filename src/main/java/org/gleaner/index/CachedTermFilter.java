package org.gleaner.index;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ArrayUtil;

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
 * little memory: an open-addressing table of longs (the term's hash and where its entry starts) and
 * one array holding every entry's term and rewritten form back to back. A generic {@code
 * CharArrayMap} (an object per key and value, several keys compared per miss) cost more than the
 * stemming it saved on a large vocabulary. Once full, the cache keeps what it has and rewrites new
 * terms without remembering them: the first terms a stream meets include the frequent ones, which
 * emptying the cache would throw away.
 *
 * <p>Each instance belongs to one reusable token stream, that is to one thread, so the cache needs
 * no locking.
 */
final class CachedTermFilter extends TokenFilter {
    /** Terms remembered per stream: the common vocabulary of news, in well under a megabyte. */
    static final int MAX_ENTRIES = 16_384;

    /** Longer terms (run-together words, URLs) are rare: rewritten each time, never stored. */
    static final int MAX_CACHED_LENGTH = 64;

    /** Table size to start with; it doubles to keep at most half of it occupied. */
    private static final int INITIAL_SLOTS = 1_024;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OneTerm single = new OneTerm();
    private final TokenStream chain;
    private final CharTermAttribute chainTerm;

    /** Linear probing; a slot holds the term's hash in its high half, its entry's offset in the low. */
    private long[] slots = new long[INITIAL_SLOTS];

    /** Entries back to back: term length, rewritten length, term chars, rewritten chars. */
    private char[] entries = new char[INITIAL_SLOTS * 16];

    /** Offset 0 stays unused, so a slot of 0 is an empty slot. */
    private int entriesEnd = 1;

    private int size;

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
        int length = term.length();
        if (length > MAX_CACHED_LENGTH) {
            rewrite();
            return true;
        }
        char[] text = term.buffer();
        int hash = hash(text, length);
        int entry = find(hash, text, length);
        if (entry != 0) {
            int rewrittenLength = entries[entry + 1];
            char[] out = term.resizeBuffer(rewrittenLength);
            System.arraycopy(entries, entry + 2 + length, out, 0, rewrittenLength);
            term.setLength(rewrittenLength);
            return true;
        }
        if (size >= MAX_ENTRIES) {
            rewrite();
            return true;
        }
        // the term goes into its entry before the chain overwrites it
        int start = entriesEnd;
        entries = ArrayUtil.grow(entries, start + 2 + length);
        System.arraycopy(text, 0, entries, start + 2, length);
        rewrite();
        int rewrittenLength = term.length();
        entries = ArrayUtil.grow(entries, start + 2 + length + rewrittenLength);
        entries[start] = (char) length;
        entries[start + 1] = (char) rewrittenLength;
        System.arraycopy(term.buffer(), 0, entries, start + 2 + length, rewrittenLength);
        entriesEnd = start + 2 + length + rewrittenLength;
        add(hash, start);
        return true;
    }

    /** The offset of the term's entry, 0 when absent. */
    private int find(int hash, char[] text, int length) {
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return 0;
            }
            int entry = (int) slot;
            if ((int) (slot >>> 32) == hash && entries[entry] == length && sameTerm(entry + 2, text, length)) {
                return entry;
            }
        }
    }

    private boolean sameTerm(int from, char[] text, int length) {
        for (int i = 0; i < length; i++) {
            if (entries[from + i] != text[i]) {
                return false;
            }
        }
        return true;
    }

    private void add(int hash, int entry) {
        size++;
        if (size * 2 > slots.length) {
            long[] larger = new long[slots.length * 2];
            for (long slot : slots) {
                if (slot != 0) {
                    place(larger, slot);
                }
            }
            slots = larger;
        }
        place(slots, ((long) hash << 32) | entry);
    }

    private static void place(long[] table, long slot) {
        int mask = table.length - 1;
        int i = (int) (slot >>> 32) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slot;
    }

    /** The string hash with its high bits folded into the low ones the table is indexed by. */
    private static int hash(char[] text, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + text[i];
        }
        hash ^= hash >>> 16;
        hash *= 0x85EB_CA6B;
        return hash ^ (hash >>> 13);
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
