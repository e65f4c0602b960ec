package org.gleaner.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.jspecify.annotations.Nullable;

/**
 * Highlighted title and snippet for hits, from the offsets kept in the postings. Everything is
 * HTML-escaped; the only markup added is {@code <mark>…</mark>}.
 */
final class Snippets {
    static final String MARK_OPEN = "<mark>";
    static final String MARK_CLOSE = "</mark>";

    /** Where the first match sits in a passage grown to the length goal: a little context before it. */
    private static final float SNIPPET_ALIGNMENT = 0.3f;

    /** Title and snippet HTML for one document; either may be null when the field is empty. */
    record Highlight(@Nullable String titleHtml, @Nullable String snippetHtml) {}

    private Snippets() {}

    /**
     * Highlights the given documents. {@code loaded} holds their stored fields, already read for the
     * hit itself: the highlighter takes the text from there instead of decompressing each document a
     * second time.
     */
    static Highlight[] highlight(IndexSearcher searcher, Query query, int[] docIds, Map<Integer, Document> loaded)
            throws IOException {
        Highlight[] out = new Highlight[docIds.length];
        if (docIds.length == 0) {
            return out;
        }
        UnifiedHighlighter highlighter = new Highlighter(
                UnifiedHighlighter.builder(searcher, Analyzers.indexAnalyzer())
                        .withFormatter(new DefaultPassageFormatter(MARK_OPEN, MARK_CLOSE, "… ", true)),
                loaded);
        int passages = SearchTuning.SNIPPET_PASSAGES;
        String[] titles = highlight(highlighter, ArticleFields.TITLE, query, docIds, 1);
        String[] articles = highlight(highlighter, ArticleFields.ARTICLE_TEXT, query, docIds, passages);
        // the entry text is highlighted where the article text has no match (or no text)
        int[] needEntry = IntStream.range(0, docIds.length)
                .filter(i -> articles[i] == null)
                .toArray();
        String[] entries = new String[docIds.length];
        if (needEntry.length > 0) {
            int[] entryDocs = Arrays.stream(needEntry).map(i -> docIds[i]).toArray();
            String[] highlighted = highlight(highlighter, ArticleFields.ENTRY_TEXT, query, entryDocs, passages);
            for (int k = 0; k < needEntry.length; k++) {
                entries[needEntry[k]] = highlighted[k];
            }
        }
        for (int i = 0; i < docIds.length; i++) {
            String snippet = articles[i] != null ? articles[i] : entries[i];
            out[i] = new Highlight(titles[i], snippet != null ? snippet : opening(loaded.get(docIds[i])));
        }
        return out;
    }

    /** One field of the documents highlighted, with the part of the query that can match in it. */
    private static @Nullable String[] highlight(
            UnifiedHighlighter highlighter, String field, Query query, int[] docIds, int passages) throws IOException {
        Query inField = inField(query, field);
        if (inField == null) {
            return new String[docIds.length];
        }
        return Objects.requireNonNull(highlighter
                .highlightFields(new String[] {field}, inField, docIds, new int[] {passages})
                .get(field));
    }

    /**
     * The part of a query that can match in one field, every clause of it optional; null when no part
     * can. The highlighter asks its query for each document's matches in every field the query names:
     * given the whole query, each field it marks would look each word up in the title, the article
     * text and the entry text of every hit. The clauses become optional because the hit already
     * matches the whole query: a word it holds only in another field must not hide the marks in this
     * one. Exclusions mark nothing and are left out.
     */
    private static @Nullable Query inField(Query query, String field) {
        if (query instanceof BooleanQuery bool) {
            List<Query> kept = inField(
                    bool.clauses().stream()
                            .filter(clause -> clause.getOccur() != Occur.MUST_NOT)
                            .map(BooleanClause::getQuery)
                            .toList(),
                    field);
            if (kept.size() <= 1) {
                return kept.isEmpty() ? null : kept.get(0);
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            kept.forEach(part -> any.add(part, Occur.SHOULD));
            return any.build();
        }
        if (query instanceof DisjunctionMaxQuery alternatives) {
            List<Query> kept = inField(alternatives.getDisjuncts(), field);
            if (kept.size() <= 1) {
                return kept.isEmpty() ? null : kept.get(0);
            }
            return new DisjunctionMaxQuery(kept, alternatives.getTieBreakerMultiplier());
        }
        if (query instanceof BoostQuery boosted) {
            return inField(boosted.getQuery(), field); // a boost changes no mark
        }
        if (query instanceof ConstantScoreQuery constant) {
            return inField(constant.getQuery(), field);
        }
        // a word, a phrase, a prefix...: kept whole when it names the field at all
        return QueryLanguage.mentions(query, field) ? query : null;
    }

    /** The parts of some queries that can match in one field, leaving out those that cannot. */
    private static List<Query> inField(Collection<Query> queries, String field) {
        List<Query> kept = new ArrayList<>();
        for (Query query : queries) {
            Query part = inField(query, field);
            if (part != null) {
                kept.add(part);
            }
        }
        return kept;
    }

    /**
     * The snippet of a hit whose texts hold no match (say, a title match): the opening of its article
     * text, or of its entry text when it has no article text. Whole sentences up to the length of the
     * snippet's passages, or words when the first sentence is longer. Taken here rather than by the
     * highlighter, whose length-goal sentence iterator walks back and forth over the text to find
     * passages that hold nothing to mark: a tenth of a search's time when most hits are title matches.
     */
    private static @Nullable String opening(@Nullable Document document) {
        if (document == null) {
            return null;
        }
        String text = document.get(ArticleFields.ARTICLE_TEXT);
        if (text == null || text.isBlank()) {
            text = document.get(ArticleFields.ENTRY_TEXT);
        }
        if (text == null) {
            return null;
        }
        text = text.strip();
        int goal = SearchTuning.SNIPPET_LENGTH * SearchTuning.SNIPPET_PASSAGES;
        if (text.length() <= goal) {
            return escape(text);
        }
        for (int end = goal; end > goal / 2; end--) {
            char last = text.charAt(end - 1);
            if ((last == '.' || last == '!' || last == '?') && Character.isWhitespace(text.charAt(end))) {
                return escape(text.substring(0, end));
            }
        }
        int cut = text.lastIndexOf(' ', goal);
        if (cut <= 0) {
            cut = Character.isHighSurrogate(text.charAt(goal - 1)) ? goal - 1 : goal;
        }
        return escape(text.substring(0, cut).strip()) + "…";
    }

    /** HTML escaping for text shown without highlights. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Whole titles; body passages of about {@link SearchTuning#SNIPPET_LENGTH} characters. */
    private static final class Highlighter extends UnifiedHighlighter {
        private final Map<Integer, Document> loaded;

        Highlighter(Builder builder, Map<Integer, Document> loaded) {
            super(builder);
            this.loaded = loaded;
        }

        @Override
        protected List<CharSequence[]> loadFieldValues(
                String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
            List<CharSequence[]> values = new ArrayList<>();
            StoredFields stored = null;
            for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
                Document document = loaded.get(doc);
                if (document == null) {
                    stored = stored != null ? stored : searcher.storedFields();
                    document = stored.document(doc, Set.of(fields));
                }
                CharSequence[] perField = new CharSequence[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    String[] fieldValues = document.getValues(fields[i]);
                    perField[i] = fieldValues.length == 1
                            ? fieldValues[0]
                            : String.join(String.valueOf(MULTIVAL_SEP_CHAR), fieldValues);
                }
                values.add(perField);
            }
            return values;
        }

        /**
         * Offsets come from the postings of every prose field ({@link ArticleFields#PROSE} is indexed
         * with them). Said here rather than looked up: the default looks the field up in field infos
         * merged over every segment, rebuilt for each search (a twentieth of a search's time).
         */
        @Override
        protected OffsetSource getOffsetSource(String field) {
            return ArticleFields.PROSE.contains(field) ? OffsetSource.POSTINGS : super.getOffsetSource(field);
        }

        /** None: a hit whose text holds no match gets its {@link #opening} instead (the title, whole). */
        @Override
        protected int getMaxNoHighlightPassages(String field) {
            return ArticleFields.TITLE.equals(field) ? super.getMaxNoHighlightPassages(field) : 0;
        }

        @Override
        protected BreakIterator getBreakIterator(String field) {
            if (ArticleFields.TITLE.equals(field)) {
                return new WholeBreakIterator();
            }
            return LengthGoalBreakIterator.createClosestToLength(
                    BreakIterator.getSentenceInstance(Locale.ROOT), SearchTuning.SNIPPET_LENGTH, SNIPPET_ALIGNMENT);
        }
    }
}
