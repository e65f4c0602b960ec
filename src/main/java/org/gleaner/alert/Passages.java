package org.gleaner.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.model.SearchDocument;
import org.jspecify.annotations.Nullable;

/**
 * Why a document matched a watch: a passage of the article text (else the entry text, else the title)
 * with the matched words in {@code <mark>}. The text is re-analysed with the document language's
 * analyzer, as it was indexed; everything is HTML-escaped.
 */
final class Passages {
    static final String MARK_OPEN = "<mark>";
    static final String MARK_CLOSE = "</mark>";

    private static final Map<String, UnifiedHighlighter> BY_LANGUAGE = new ConcurrentHashMap<>();

    private Passages() {}

    static String of(SearchDocument document, Query query) {
        String language = Analyzers.normalizeLanguage(document.language());
        UnifiedHighlighter highlighter = BY_LANGUAGE.computeIfAbsent(
                language == null ? "" : language,
                key -> UnifiedHighlighter.builderWithoutSearcher(Analyzers.forLanguage(document.language()))
                        .withFormatter(new DefaultPassageFormatter(MARK_OPEN, MARK_CLOSE, "… ", true))
                        .build());
        String[][] fields = {
            {ArticleFields.ARTICLE_TEXT, document.articleText()},
            {ArticleFields.ENTRY_TEXT, document.entryText()},
            {ArticleFields.TITLE, document.title()}
        };
        for (String[] field : fields) {
            String passage = highlight(highlighter, field[0], query, field[1]);
            if (passage != null && passage.contains(MARK_OPEN)) {
                return passage.strip();
            }
        }
        String text = !document.articleText().isBlank() ? document.articleText() : document.entryText();
        if (text.isBlank()) {
            text = document.title();
        }
        int end = Math.min(text.length(), MonitorTuning.PLAIN_PASSAGE_CHARS);
        return escape(text.substring(0, end).strip()) + (end < text.length() ? "…" : "");
    }

    private static @Nullable String highlight(UnifiedHighlighter highlighter, String field, Query query, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            Object result = highlighter.highlightWithoutSearcher(field, query, text, 1);
            return result == null ? null : result.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("highlighting a string cannot fail", e);
        }
    }

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
}
