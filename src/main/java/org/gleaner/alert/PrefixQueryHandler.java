package org.gleaner.alert;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
import org.gleaner.index.ArticleFields;
import org.jspecify.annotations.Nullable;

/**
 * Lets the presearcher index a prefix query ({@code elect*}) by its prefix instead of "any term".
 *
 * <p>Without this a prefix query has no indexable term, so the presearcher must run it against every
 * article. Here the query is indexed as the term {@code elect} + {@link MonitorTuning#PREFIX_MARK}, and
 * each word of an article also offers its leading {@code MIN..MAX} characters with the same mark, so
 * the query is a candidate exactly when some word starts with its prefix (prefixes longer than
 * {@link MonitorTuning#MAX_INDEXED_PREFIX} are indexed by their first characters: still a superset).
 */
final class PrefixQueryHandler implements CustomQueryHandler {
    /** Fields a query can name a prefix in; keys, URLs and story ids are never searched by prefix. */
    private static final Set<String> PREFIXABLE = Set.of(
            ArticleFields.TITLE,
            ArticleFields.ARTICLE_TEXT,
            ArticleFields.ENTRY_TEXT,
            ArticleFields.AUTHOR,
            ArticleFields.FEED,
            ArticleFields.SITE,
            ArticleFields.TAG,
            ArticleFields.LANGUAGE);

    @Override
    public @Nullable QueryTree handleQuery(Query query, TermWeightor weightor) {
        if (!(query instanceof PrefixQuery prefixQuery)) {
            return null;
        }
        String prefix = prefixQuery.getPrefix().text();
        int length = prefix.codePointCount(0, prefix.length());
        if (length < MonitorTuning.MIN_INDEXED_PREFIX) {
            return null;
        }
        if (length > MonitorTuning.MAX_INDEXED_PREFIX) {
            prefix = prefix.substring(0, prefix.offsetByCodePoints(0, MonitorTuning.MAX_INDEXED_PREFIX));
        }
        String field = prefixQuery.getField();
        // A prefix is rarer than "any term" but commoner than a word: weigh it like a short word.
        return QueryTree.term(
                field,
                new BytesRef(prefix + MonitorTuning.PREFIX_MARK),
                weightor.applyAsDouble(new org.apache.lucene.index.Term(field, prefix)));
    }

    /** Whether a document's words in this field offer their leading characters to prefix queries. */
    static boolean prefixable(String field) {
        return PREFIXABLE.contains(field);
    }

    /**
     * The document side as lucene-monitor's own term-filtered presearcher applies it; {@link TermTable}
     * looks the same grams up directly, and a test holds both to the same candidates.
     */
    @Override
    public TokenStream wrapTermStream(String field, TokenStream in) {
        return prefixable(field) ? new LeadingGrams(in) : in;
    }

    /** Passes each term through, then its leading characters with the prefix mark. */
    private static final class LeadingGrams extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        /** The word whose grams are being emitted, and its length in chars (0: none). */
        private char[] word = new char[32];

        private int wordLength;
        /** Char length of the word's first {@code codePoints} code points, for each gram length. */
        private final int[] gramEnds = new int[MonitorTuning.MAX_INDEXED_PREFIX + 1];

        private int nextLength;
        private int maxLength;
        /** The last gram emitted for each length: terms arrive sorted, so neighbours share grams. */
        private final char[][] lastEmitted = new char[MonitorTuning.MAX_INDEXED_PREFIX + 1][];

        private final int[] lastEmittedLength = new int[MonitorTuning.MAX_INDEXED_PREFIX + 1];

        LeadingGrams(TokenStream input) {
            super(input);
            for (int i = 0; i < lastEmitted.length; i++) {
                lastEmitted[i] = new char[4 * MonitorTuning.MAX_INDEXED_PREFIX];
            }
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (true) {
                while (wordLength > 0 && nextLength <= maxLength) {
                    int length = nextLength++;
                    int end = gramEnds[length];
                    if (end == lastEmittedLength[length] && Arrays.equals(word, 0, end, lastEmitted[length], 0, end)) {
                        continue;
                    }
                    System.arraycopy(word, 0, lastEmitted[length], 0, end);
                    lastEmittedLength[length] = end;
                    clearAttributes();
                    term.copyBuffer(word, 0, end);
                    term.append(MonitorTuning.PREFIX_MARK);
                    return true;
                }
                wordLength = 0;
                if (!input.incrementToken()) {
                    return false;
                }
                startWord();
                return true;
            }
        }

        /** Takes the term just read as the word whose grams follow it. */
        private void startWord() {
            int length = term.length();
            if (word.length < length) {
                word = new char[length];
            }
            System.arraycopy(term.buffer(), 0, word, 0, length);
            wordLength = length;
            int codePoints = Character.codePointCount(word, 0, length);
            maxLength = Math.min(codePoints, MonitorTuning.MAX_INDEXED_PREFIX);
            for (int n = MonitorTuning.MIN_INDEXED_PREFIX; n <= maxLength; n++) {
                gramEnds[n] = Character.offsetByCodePoints(word, 0, length, 0, n);
            }
            nextLength = MonitorTuning.MIN_INDEXED_PREFIX;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            wordLength = 0;
            Arrays.fill(lastEmittedLength, -1);
        }
    }
}
