package org.gleaner.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;
import org.apache.lucene.util.FixedBitSet;

/**
 * The presearcher terms of every query in the query index, held in the heap: per field, a hash of the
 * terms and, for each term and pass, the query documents (doc ids of the whole query index) that
 * indexed it in that pass. Immutable once read, so matching threads share it without locks.
 */
final class TermTable {
    private static final byte PREFIX_MARK = (byte) MonitorTuning.PREFIX_MARK.charAt(0);

    private final int passes;
    private final int maxDoc;
    private final Map<String, FieldTerms> fields;
    /** Queries that are candidates for every document: no indexable term, or no presearcher terms stored. */
    private final FixedBitSet always;

    private TermTable(int passes, int maxDoc, Map<String, FieldTerms> fields, FixedBitSet always) {
        this.passes = passes;
        this.maxDoc = maxDoc;
        this.fields = fields;
        this.always = always;
    }

    /** Reads the terms of every live query document of {@code queryIndex}. */
    static TermTable read(IndexReader queryIndex, int passes) {
        int maxDoc = queryIndex.maxDoc();
        FixedBitSet always = new FixedBitSet(maxDoc);
        Map<String, FieldBuilder> builders = new HashMap<>();
        try {
            for (LeafReaderContext leaf : queryIndex.leaves()) {
                BinaryDocValues values = leaf.reader().getBinaryDocValues(WatchPresearcher.TERMS_FIELD);
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    int global = leaf.docBase + doc;
                    if (values == null
                            || !values.advanceExact(doc)
                            || !add(values.binaryValue(), global, passes, builders)) {
                        // Written without presearcher terms (by an older Gleaner): always a candidate.
                        always.set(global);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the query index's presearcher terms failed", e);
        }
        Map<String, FieldTerms> fields = new HashMap<>();
        builders.forEach((field, builder) -> fields.put(field, builder.build(passes)));
        return new TermTable(passes, maxDoc, fields, always);
    }

    /** Adds one query document's terms; false when it has to be a candidate for everything. */
    private static boolean add(BytesRef value, int doc, int passes, Map<String, FieldBuilder> builders)
            throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(value.bytes, value.offset, value.length);
        if (in.readVInt() != passes) {
            return false;
        }
        BytesRef term = new BytesRef();
        term.bytes = value.bytes;
        boolean any = false;
        for (int pass = 0; pass < passes; pass++) {
            int fieldCount = in.readVInt();
            for (int f = 0; f < fieldCount; f++) {
                String field = in.readString();
                int termCount = in.readVInt();
                FieldBuilder builder = WatchPresearcher.ANYTOKEN_FIELD.equals(field)
                        ? null
                        : builders.computeIfAbsent(field, name -> new FieldBuilder());
                any |= builder == null;
                for (int t = 0; t < termCount; t++) {
                    term.length = in.readVInt();
                    term.offset = in.getPosition();
                    in.skipBytes(term.length);
                    if (builder != null) {
                        builder.add(term, pass, passes, doc);
                    }
                }
            }
        }
        // As lucene-monitor's presearcher: a query with "any term" in some pass matches every document.
        return !any;
    }

    /**
     * The query documents that are candidates for {@code document}: those with, in every pass, some
     * term of the document's field (or, in a field searched by prefix, some of its words' leading
     * characters with the prefix mark), plus those in {@link #always}.
     */
    FixedBitSet candidates(LeafReader document) throws IOException {
        FixedBitSet[] perPass = new FixedBitSet[passes];
        for (int pass = 0; pass < passes; pass++) {
            perPass[pass] = new FixedBitSet(maxDoc);
        }
        byte[] gram = new byte[64];
        for (FieldInfo info : document.getFieldInfos()) {
            FieldTerms field = fields.get(info.name);
            Terms terms = field == null ? null : document.terms(info.name);
            if (field == null || terms == null) {
                continue;
            }
            boolean grams = field.prefixLengths != 0 && PrefixQueryHandler.prefixable(info.name);
            TermsEnum termsEnum = terms.iterator();
            for (BytesRef term = termsEnum.next(); term != null; term = termsEnum.next()) {
                field.mark(term, perPass);
                if (grams) {
                    gram = markGrams(field, term, perPass, gram);
                }
            }
        }
        FixedBitSet result = perPass[0];
        for (int pass = 1; pass < passes; pass++) {
            result.and(perPass[pass]);
        }
        result.or(always);
        return result;
    }

    /**
     * Looks up the word's leading {@code n} code points plus the prefix mark, for each {@code n} that
     * some indexed prefix of the field has: as the grams {@link PrefixQueryHandler} adds to a document
     * (lengths {@code MIN..min(word, MAX)}), without the lookups no indexed prefix can answer.
     */
    private static byte[] markGrams(FieldTerms field, BytesRef word, FixedBitSet[] perPass, byte[] buffer) {
        byte[] gram = buffer.length > word.length ? buffer : new byte[ArrayUtil.oversize(word.length + 1, 1)];
        BytesRef key = new BytesRef(gram);
        int end = word.offset + word.length;
        int codePoints = 0;
        for (int i = word.offset + 1; i <= end && codePoints < MonitorTuning.MAX_INDEXED_PREFIX; i++) {
            if (i < end && (word.bytes[i] & 0xC0) == 0x80) {
                continue;
            }
            codePoints++;
            if ((field.prefixLengths & (1 << codePoints)) != 0) {
                int length = i - word.offset;
                System.arraycopy(word.bytes, word.offset, gram, 0, length);
                gram[length] = PREFIX_MARK;
                key.length = length + 1;
                field.mark(key, perPass);
            }
        }
        return gram;
    }

    /** One field's terms and their query documents per pass. */
    private static final class FieldTerms {
        private final BytesRefHash terms;
        private final int passes;
        /** Query documents of term {@code t} in pass {@code p}: {@code docs[starts[t * passes + p] ..]}. */
        private final int[] starts;

        private final int[] docs;
        /** Bit {@code n} set: some prefix of {@code n} code points is indexed in this field. */
        final int prefixLengths;

        FieldTerms(BytesRefHash terms, int passes, int[] starts, int[] docs, int prefixLengths) {
            this.terms = terms;
            this.passes = passes;
            this.starts = starts;
            this.docs = docs;
            this.prefixLengths = prefixLengths;
        }

        void mark(BytesRef term, FixedBitSet[] perPass) {
            int id = terms.find(term);
            if (id < 0) {
                return;
            }
            int slot = id * passes;
            for (int pass = 0; pass < passes; pass++) {
                FixedBitSet bits = perPass[pass];
                for (int i = starts[slot + pass], end = starts[slot + pass + 1]; i < end; i++) {
                    bits.set(docs[i]);
                }
            }
        }
    }

    /** Collects (term, pass, document) triples while the index is read, in document order. */
    private static final class FieldBuilder {
        private final BytesRefHash terms = new BytesRefHash();
        private int[] slots = new int[64];
        private int[] docs = new int[64];
        private int size;

        void add(BytesRef term, int pass, int passes, int doc) {
            int id = terms.add(term);
            if (id < 0) {
                id = -id - 1;
            }
            if (size == slots.length) {
                slots = ArrayUtil.grow(slots, size + 1);
                docs = Arrays.copyOf(docs, slots.length);
            }
            slots[size] = id * passes + pass;
            docs[size] = doc;
            size++;
        }

        /** Groups the documents by (term, pass); a stable counting sort keeps each group in doc order. */
        FieldTerms build(int passes) {
            int[] starts = new int[terms.size() * passes + 1];
            for (int i = 0; i < size; i++) {
                starts[slots[i] + 1]++;
            }
            for (int s = 1; s < starts.length; s++) {
                starts[s] += starts[s - 1];
            }
            int[] next = Arrays.copyOf(starts, starts.length - 1);
            int[] grouped = new int[size];
            for (int i = 0; i < size; i++) {
                grouped[next[slots[i]]++] = docs[i];
            }
            int prefixLengths = 0;
            BytesRef term = new BytesRef();
            for (int id = 0; id < terms.size(); id++) {
                terms.get(id, term);
                if (term.length > 1 && term.bytes[term.offset + term.length - 1] == PREFIX_MARK) {
                    String prefix = new BytesRef(term.bytes, term.offset, term.length - 1).utf8ToString();
                    int codePoints = prefix.codePointCount(0, prefix.length());
                    if (codePoints <= MonitorTuning.MAX_INDEXED_PREFIX) {
                        prefixLengths |= 1 << codePoints;
                    }
                }
            }
            return new FieldTerms(terms, passes, starts, grouped, prefixLengths);
        }
    }
}
