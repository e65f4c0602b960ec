package org.gleaner.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.jspecify.annotations.Nullable;

/**
 * lucene-monitor's multipass presearcher with prefix queries indexed by their prefix ({@link
 * PrefixQueryHandler}), selecting candidates from an in-heap term table instead of a query against
 * the query index's terms dictionary.
 *
 * <p>The stock presearcher indexes each query's terms as text fields (once per pass and once plain)
 * and turns a document into a conjunction, over the passes, of a {@code TermInSetQuery} per field.
 * JFR at 100,000 watches put about 60 % of an article's matching time there: every term an article
 * shares with the query index is a seek in the terms dictionary of each pass's field, and lucene-monitor
 * also keeps a hash of every term of every field of the query index to filter the article's terms
 * first. Here a query's terms (the same terms the stock presearcher would index, from the same
 * {@link QueryTree} passes) are written into one binary doc-values field; the first match after the
 * query index changes reads them all into a table of term → query documents per pass ({@link
 * TermTable}), and a document's candidates are then one hash lookup per term and a bit set per
 * pass: exactly the queries the stock conjunction selects (a test compares both over the same
 * queries and documents).
 */
final class WatchPresearcher extends Presearcher {
    /** The binary doc-values field holding a query's presearcher terms. */
    static final String TERMS_FIELD = "_gleaner_presearch_terms";

    /** lucene-monitor's field and term for a query without indexable terms (a candidate for every document). */
    static final String ANYTOKEN_FIELD = "__anytokenfield";

    private final QueryTerms indexer;
    private final int passes;
    /** Tables by the query index's reader (one per searcher generation), dropped when the reader closes. */
    private final Map<IndexReader.CacheKey, TermTable> tables = new ConcurrentHashMap<>();

    WatchPresearcher(int passes, float minWeight) {
        this.indexer = new QueryTerms(passes, minWeight);
        this.passes = passes;
    }

    @Override
    public Document indexQuery(Query query, Map<String, String> metadata) {
        return indexer.indexQuery(query, metadata);
    }

    /**
     * The candidates of the document in {@code reader} (the monitor's one-document index). lucene-monitor's
     * term filter is not needed: a term absent from the query index is simply not in the table.
     */
    @Override
    public Query buildQuery(LeafReader reader, BiPredicate<String, BytesRef> termAcceptor) {
        return new CandidateQuery(reader);
    }

    private TermTable table(IndexReader queryIndex) {
        IndexReader.CacheHelper helper = queryIndex.getReaderCacheHelper();
        if (helper == null) {
            return TermTable.read(queryIndex, passes);
        }
        return tables.computeIfAbsent(helper.getKey(), key -> {
            helper.addClosedListener(tables::remove);
            return TermTable.read(queryIndex, passes);
        });
    }

    /** Writes the presearcher terms of each pass of a query's tree into {@link #TERMS_FIELD}. */
    private static final class QueryTerms extends MultipassTermFilteredPresearcher {
        private final int passes;
        private final double minWeight;

        QueryTerms(int passes, float minWeight) {
            super(passes, minWeight, TermWeightor.DEFAULT, List.of(new PrefixQueryHandler()), Set.of());
            this.passes = passes;
            this.minWeight = minWeight;
        }

        @Override
        public Document buildQueryDocument(QueryTree querytree) {
            ByteBuffersDataOutput out = new ByteBuffersDataOutput();
            try {
                out.writeVInt(passes);
                for (int pass = 0; pass < passes; pass++) {
                    Map<String, TreeSet<BytesRef>> fieldTerms = new TreeMap<>();
                    querytree.collectTerms((field, term) -> fieldTerms
                            .computeIfAbsent(field, f -> new TreeSet<>())
                            .add(BytesRef.deepCopyOf(term)));
                    out.writeVInt(fieldTerms.size());
                    for (Map.Entry<String, TreeSet<BytesRef>> entry : fieldTerms.entrySet()) {
                        out.writeString(entry.getKey());
                        out.writeVInt(entry.getValue().size());
                        for (BytesRef term : entry.getValue()) {
                            out.writeVInt(term.length);
                            out.writeBytes(term.bytes, term.offset, term.length);
                        }
                    }
                    querytree.advancePhase(minWeight);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("writing to memory cannot fail", e);
            }
            Document doc = new Document();
            doc.add(new BinaryDocValuesField(TERMS_FIELD, new BytesRef(out.toArrayCopy())));
            return doc;
        }
    }

    /**
     * A document's candidates among the queries: those with, in every pass, a term the document has
     * (a word, or for a prefix query one of the document's words' leading characters), plus those
     * without indexable terms.
     */
    private final class CandidateQuery extends Query {
        private final LeafReader document;

        CandidateQuery(LeafReader document) {
            this.document = document;
        }

        @Override
        public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
            TermTable table = table(searcher.getIndexReader());
            FixedBitSet candidates = table.candidates(document);
            return new ConstantScoreWeight(this, boost) {
                @Override
                public @Nullable Scorer scorer(LeafReaderContext context) {
                    int from = context.docBase;
                    int to = from + context.reader().maxDoc();
                    if (from >= to || Slice.next(candidates, from, to) == DocIdSetIterator.NO_MORE_DOCS) {
                        return null;
                    }
                    return new ConstantScoreScorer(this, score(), scoreMode, new Slice(candidates, from, to));
                }

                @Override
                public boolean isCacheable(LeafReaderContext context) {
                    // One document's candidates: never seen again.
                    return false;
                }
            };
        }

        @Override
        public String toString(String field) {
            return "WatchPresearcher.candidates";
        }

        @Override
        public void visit(QueryVisitor visitor) {
            visitor.visitLeaf(this);
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /** The set bits of {@code [from, to)} of a bit set over the whole query index, as one segment's doc ids. */
    private static final class Slice extends DocIdSetIterator {
        private final FixedBitSet bits;
        private final int from;
        private final int to;
        private int doc = -1;

        Slice(FixedBitSet bits, int from, int to) {
            this.bits = bits;
            this.from = from;
            this.to = to;
        }

        @Override
        public int docID() {
            return doc;
        }

        @Override
        public int nextDoc() {
            return advance(doc + 1);
        }

        @Override
        public int advance(int target) {
            int next = next(bits, target + from, to);
            doc = next == NO_MORE_DOCS ? NO_MORE_DOCS : next - from;
            return doc;
        }

        /** The first set bit in {@code [from, to)}, or {@link #NO_MORE_DOCS}. */
        static int next(FixedBitSet bits, int from, int to) {
            if (from >= to) {
                return NO_MORE_DOCS;
            }
            int next = bits.nextSetBit(from);
            return next < to ? next : NO_MORE_DOCS;
        }

        @Override
        public long cost() {
            return (long) to - from;
        }
    }
}
