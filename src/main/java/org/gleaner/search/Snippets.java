package org.gleaner.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
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
        Map<String, String[]> fields = highlighter.highlightFields(
                new String[] {ArticleFields.TITLE, ArticleFields.ARTICLE_TEXT}, query, docIds, new int[] {1, passages});
        String[] titles = Objects.requireNonNull(fields.get(ArticleFields.TITLE));
        String[] articles = Objects.requireNonNull(fields.get(ArticleFields.ARTICLE_TEXT));
        // the entry text is highlighted where the article has no text, or where the article text has
        // no match and the query searches the entry text at all (title:… does not)
        boolean entrySearched = QueryLanguage.mentions(query, ArticleFields.ENTRY_TEXT);
        int[] needEntry = java.util.stream.IntStream.range(0, docIds.length)
                .filter(i -> articles[i] == null || (entrySearched && !articles[i].contains(MARK_OPEN)))
                .toArray();
        String[] entries = new String[docIds.length];
        if (needEntry.length > 0) {
            int[] entryDocs =
                    java.util.Arrays.stream(needEntry).map(i -> docIds[i]).toArray();
            String[] highlighted = Objects.requireNonNull(highlighter
                    .highlightFields(new String[] {ArticleFields.ENTRY_TEXT}, query, entryDocs, new int[] {passages})
                    .get(ArticleFields.ENTRY_TEXT));
            for (int k = 0; k < needEntry.length; k++) {
                entries[needEntry[k]] = highlighted[k];
            }
        }
        for (int i = 0; i < docIds.length; i++) {
            out[i] = new Highlight(titles[i], chooseSnippet(articles[i], entries[i]));
        }
        return out;
    }

    /** The article text's passage, unless only the entry text matched; then whichever exists. */
    private static @Nullable String chooseSnippet(@Nullable String article, @Nullable String entry) {
        if (article != null && article.contains(MARK_OPEN)) {
            return article;
        }
        if (entry != null && entry.contains(MARK_OPEN)) {
            return entry;
        }
        return article != null ? article : entry;
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
