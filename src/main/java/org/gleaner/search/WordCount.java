package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BitSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The exact number of live documents matching a query that only offers alternatives of words (a word
 * in several fields, or words joined by OR), read from the words' postings into a bit set per segment.
 *
 * <p>Why: ranking can skip documents that cannot reach the first page only once it no longer has to
 * count every match, and counting while ranking scores every match in full (the recency bonus
 * included). Reading the postings of a few thousand documents costs far less, so for these queries
 * the count is taken here and ranking skips from the start. Other shapes (conjunctions, phrases,
 * filters) are counted while ranking: their matches are not a union of postings.
 */
final class WordCount {
    private WordCount() {}

    /**
     * The live documents matching {@code query}, or -1 when it is not made only of alternatives of
     * words whose segment lookups are known ({@link TermLookups}).
     */
    static long count(IndexSearcher searcher, Query query) throws IOException {
        List<TermQuery> words = new ArrayList<>();
        if (!alternatives(query, words)) {
            return -1;
        }
        long total = 0;
        FixedBitSet matches = null;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            List<TermsEnum> present = new ArrayList<>(words.size());
            for (TermQuery word : words) {
                TermStates states = word.getTermStates();
                TermState state = states == null ? null : states.get(leaf);
                Terms terms = state == null
                        ? null
                        : leaf.reader().terms(word.getTerm().field());
                if (terms != null) {
                    TermsEnum positioned = terms.iterator();
                    positioned.seekExact(word.getTerm().bytes(), state);
                    present.add(positioned);
                }
            }
            Bits live = leaf.reader().getLiveDocs();
            if (present.isEmpty()) {
                continue;
            }
            if (present.size() == 1 && live == null) {
                total += present.get(0).docFreq();
                continue;
            }
            int maxDoc = leaf.reader().maxDoc();
            matches = matches == null || matches.length() < maxDoc ? new FixedBitSet(maxDoc) : matches;
            matches.clear();
            for (TermsEnum word : present) {
                PostingsEnum postings = word.postings(null, PostingsEnum.NONE);
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    matches.set(doc);
                }
            }
            total += live == null ? matches.cardinality() : liveCount(matches, live);
        }
        return total;
    }

    private static long liveCount(FixedBitSet matches, Bits live) {
        long count = 0;
        BitSetIterator set = new BitSetIterator(matches, 0);
        for (int doc = set.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = set.nextDoc()) {
            if (live.get(doc)) {
                count++;
            }
        }
        return count;
    }

    /** Collects the words of a query that only offers alternatives of them; false for any other query. */
    private static boolean alternatives(Query query, List<TermQuery> words) {
        if (query instanceof TermQuery word) {
            words.add(word);
            return word.getTermStates() != null;
        }
        if (query instanceof BoostQuery boosted) {
            return alternatives(boosted.getQuery(), words);
        }
        if (query instanceof DisjunctionMaxQuery fields) {
            for (Query field : fields.getDisjuncts()) {
                if (!alternatives(field, words)) {
                    return false;
                }
            }
            return true;
        }
        if (query instanceof BooleanQuery bool && bool.getMinimumNumberShouldMatch() <= 1) {
            for (BooleanClause clause : bool.clauses()) {
                if (clause.getOccur() != BooleanClause.Occur.SHOULD || !alternatives(clause.getQuery(), words)) {
                    return false;
                }
            }
            return !bool.clauses().isEmpty();
        }
        return false;
    }
}
