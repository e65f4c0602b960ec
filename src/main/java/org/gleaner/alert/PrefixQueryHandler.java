package org.gleaner.alert;

import java.io.IOException;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.monitor.CustomQueryHandler;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.BytesRef;
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

    @Override
    public TokenStream wrapTermStream(String field, TokenStream in) {
        return new LeadingGrams(in);
    }

    /** Passes each term through, then its leading characters with the prefix mark. */
    private static final class LeadingGrams extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final StringBuilder[] lastEmitted = new StringBuilder[MonitorTuning.MAX_INDEXED_PREFIX + 1];
        private @Nullable String current;
        private int nextLength;

        LeadingGrams(TokenStream input) {
            super(input);
            for (int i = 0; i < lastEmitted.length; i++) {
                lastEmitted[i] = new StringBuilder();
            }
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (true) {
                String word = current;
                if (word != null) {
                    int codePoints = word.codePointCount(0, word.length());
                    int max = Math.min(codePoints, MonitorTuning.MAX_INDEXED_PREFIX);
                    while (nextLength <= max) {
                        int length = nextLength++;
                        String gram = word.substring(0, word.offsetByCodePoints(0, length));
                        // Terms arrive sorted, so neighbours share prefixes: emit each prefix once.
                        if (gram.contentEquals(lastEmitted[length])) {
                            continue;
                        }
                        lastEmitted[length].setLength(0);
                        lastEmitted[length].append(gram);
                        clearAttributes();
                        term.setEmpty().append(gram).append(MonitorTuning.PREFIX_MARK);
                        return true;
                    }
                    current = null;
                }
                if (!input.incrementToken()) {
                    return false;
                }
                current = term.toString();
                nextLength = MonitorTuning.MIN_INDEXED_PREFIX;
                return true;
            }
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            current = null;
            for (StringBuilder gram : lastEmitted) {
                gram.setLength(0);
            }
        }
    }
}
