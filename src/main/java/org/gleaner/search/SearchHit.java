package org.gleaner.search;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One result: the best-ranked document of a story.
 *
 * @param key the search document key ({@code a:…} or {@code e:…})
 * @param titleHtml the title, HTML-escaped, with matches wrapped in {@code <mark>}
 * @param snippetHtml a passage of the article text (else the entry text), HTML-escaped, with matches
 *     wrapped in {@code <mark>}; nothing from a feed reaches a page unescaped
 * @param feeds names of the feeds that carried the document
 * @param otherSources URLs of the other documents of the same story that also matched ("+3 more
 *     sources"), best first
 */
public record SearchHit(
        String key,
        String title,
        String titleHtml,
        String url,
        @Nullable String site,
        List<String> feeds,
        @Nullable Instant published,
        String snippetHtml,
        float score,
        List<String> otherSources) {
    public SearchHit {
        feeds = List.copyOf(feeds);
        otherSources = List.copyOf(otherSources);
    }
}
