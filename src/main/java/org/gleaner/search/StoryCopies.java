package org.gleaner.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.gleaner.index.ArticleFields;

/**
 * The matching documents of one story, ranked the way the page is, to pick the story's representative
 * and list its other sources. It walks the story id's postings (a handful of documents) and asks one
 * shared {@link Weight} of the ranked query whether each matches and how it ranks, instead of running a
 * second search per story. Every document of a story is ranked through this same path, so the
 * choice of representative is the same on every page.
 */
final class StoryCopies {
    /** A matching copy and its rank key (score, or publication time when sorting by date). */
    record Ranked(int doc, double key) {}

    private final Weight weight;
    private final SearchRequest.Sort sort;
    private final SharedStories shared;
    private final IndexReader reader;

    /** {@code weight}: the page's ranked query, built with scores when the page is ranked by them. */
    StoryCopies(Weight weight, SearchRequest.Sort sort, SharedStories shared, IndexReader reader) {
        this.weight = weight;
        this.sort = sort;
        this.shared = shared;
        this.reader = reader;
    }

    /** The story's matching documents, best first; a single entry when it has no other copies. */
    List<Ranked> matching(String story) throws IOException {
        BytesRef id = new BytesRef(story);
        // most stories have one document: then neither a seek nor scoring is needed; a story with
        // copies is looked up only in the segments that hold it
        List<LeafReaderContext> holding = new ArrayList<>(2);
        List<TermsEnum> positioned = new ArrayList<>(2);
        int total = 0;
        for (LeafReaderContext leaf : shared.segmentsHoldingCopies(reader, id)) {
            Terms terms = leaf.reader().terms(ArticleFields.STORY);
            if (terms == null) {
                continue;
            }
            TermsEnum term = terms.iterator();
            if (term.seekExact(id)) {
                total += term.docFreq();
                holding.add(leaf);
                positioned.add(term);
            }
        }
        if (total < 2) {
            return List.of();
        }
        List<Ranked> out = new ArrayList<>(total);
        for (int i = 0; i < holding.size(); i++) {
            collect(holding.get(i), positioned.get(i).postings(null, PostingsEnum.NONE), out);
        }
        Comparator<Ranked> byKey = Comparator.comparingDouble(Ranked::key);
        Comparator<Ranked> order = sort == SearchRequest.Sort.OLDEST ? byKey : byKey.reversed();
        out.sort(order.thenComparingInt(Ranked::doc));
        return out;
    }

    private void collect(LeafReaderContext leaf, PostingsEnum postings, List<Ranked> out) throws IOException {
        Bits live = leaf.reader().getLiveDocs();
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return;
        }
        TwoPhaseIterator twoPhase = scorer.twoPhaseIterator();
        DocIdSetIterator approximation = twoPhase != null ? twoPhase.approximation() : scorer.iterator();
        SortedNumericDocValues published = sort == SearchRequest.Sort.RELEVANCE
                ? null
                : DocValues.getSortedNumeric(leaf.reader(), ArticleFields.PUBLISHED);
        for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
            if (live != null && !live.get(doc)) {
                continue;
            }
            int at = approximation.docID() < doc ? approximation.advance(doc) : approximation.docID();
            if (at != doc || (twoPhase != null && !twoPhase.matches())) {
                continue;
            }
            double key;
            if (published == null) {
                key = scorer.score();
            } else if (published.advanceExact(doc)) {
                key = published.nextValue();
            } else {
                key = sort == SearchRequest.Sort.NEWEST ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            out.add(new Ranked(leaf.docBase + doc, key));
        }
    }
}
