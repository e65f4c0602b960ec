package org.gleaner.model;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One item of a feed, as stored.
 *
 * @param key stable key within the feed: the GUID, else the link, else a content hash
 * @param html the entry's own HTML (content, else summary), sanitized for display
 * @param text the entry's own text (excerpt plus the blogger's commentary) for search
 * @param articleKey the key of the source article this entry points at, when one was extracted
 * @param articleNote why no article is attached (fulltext never, fetch failed, page had no article)
 */
public record Entry(
        String key,
        @Nullable String title,
        @Nullable URI link,
        @Nullable String author,
        @Nullable Instant published,
        @Nullable Instant updated,
        List<String> categories,
        String html,
        String text,
        @Nullable String articleKey,
        @Nullable String articleNote) {
    public Entry {
        categories = List.copyOf(categories);
    }
}
