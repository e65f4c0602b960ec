package org.gleaner.alert;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.QueryTree;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * lucene-monitor's multipass presearcher with prefix queries indexed by their prefix ({@link
 * PrefixQueryHandler}), building each query's index document from plain sorted term arrays.
 *
 * <p>The stock {@code buildQueryDocument} gives every field of every pass its own {@code
 * BytesRefHash}, each with a 32 KiB block: a query document held between parsing and the index
 * write costs about 200 KiB, which forced tiny write batches (a commit and a searcher refresh every
 * 200 queries, hence minutes to register 100,000 watches). The document built here has exactly the
 * same fields and terms (a test compares them) and costs a few hundred bytes, so whole batches fit.
 */
final class WatchPresearcher extends MultipassTermFilteredPresearcher {
    /** As lucene-monitor indexes query terms: positions, no norms needed by the term filter. */
    private static final FieldType QUERY_TERMS = queryTermsType();

    private final int passes;
    private final double minWeight;

    WatchPresearcher(int passes, float minWeight) {
        super(passes, minWeight, TermWeightor.DEFAULT, List.of(new PrefixQueryHandler()), Set.of());
        this.passes = passes;
        this.minWeight = minWeight;
    }

    private static FieldType queryTermsType() {
        FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.freeze();
        return type;
    }

    @Override
    public Document buildQueryDocument(QueryTree querytree) {
        Document doc = new Document();
        for (int pass = 0; pass < passes; pass++) {
            Map<String, TreeSet<BytesRef>> fieldTerms = new TreeMap<>();
            querytree.collectTerms((field, term) ->
                    fieldTerms.computeIfAbsent(field, f -> new TreeSet<>()).add(BytesRef.deepCopyOf(term)));
            for (Map.Entry<String, TreeSet<BytesRef>> entry : fieldTerms.entrySet()) {
                String[] terms = new String[entry.getValue().size()];
                int i = 0;
                for (BytesRef term : entry.getValue()) {
                    terms[i++] = term.utf8ToString();
                }
                // As the stock presearcher: once under the pass's field (the multipass conjunction),
                // once under the plain field (the filter of document terms worth looking up).
                doc.add(new TermsField(entry.getKey() + "_" + pass, terms));
                doc.add(new TermsField(entry.getKey(), terms));
            }
            querytree.advancePhase(minWeight);
        }
        return doc;
    }

    /** A field holding a fixed list of terms; its token stream is made only when it is indexed. */
    static final class TermsField extends Field {
        private final String[] terms;

        TermsField(String name, String[] terms) {
            super(name, QUERY_TERMS);
            this.terms = terms;
        }

        @Override
        public TokenStream tokenStream(Analyzer analyzer, @Nullable TokenStream reuse) {
            if (reuse instanceof TermArrayStream stream) {
                stream.terms = terms;
                return stream;
            }
            return new TermArrayStream(terms);
        }
    }

    /** A token stream over a fixed list of terms, one position each. */
    static final class TermArrayStream extends TokenStream {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private String[] terms;
        private int next;

        TermArrayStream(String[] terms) {
            this.terms = terms;
        }

        @Override
        public boolean incrementToken() {
            if (next >= terms.length) {
                return false;
            }
            clearAttributes();
            term.setEmpty().append(terms[next++]);
            return true;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            next = 0;
        }
    }
}
