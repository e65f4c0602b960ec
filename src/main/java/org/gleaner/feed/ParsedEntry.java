package org.gleaner.feed;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a feed.
 *
 * @param id the GUID / Atom id / JSON Feed id exactly as given (not resolved)
 * @param link the entry's own page, absolute
 * @param summary the short text the feed gives (RSS description, Atom summary, Media RSS or iTunes fallback);
 *     HTML stays markup in the string
 * @param content the full text the feed gives (content:encoded, Atom content, xhtml:body, content_html)
 * @param author display name (name preferred over e-mail address; several joined with ", ")
 * @param categories terms in document order without duplicates, never null
 * @param enclosures in document order without duplicate URLs, never null
 */
public record ParsedEntry(
        @Nullable String id,
        @Nullable String title,
        @Nullable String link,
        @Nullable String summary,
        @Nullable String content,
        @Nullable String author,
        @Nullable Instant published,
        @Nullable Instant updated,
        List<String> categories,
        List<Enclosure> enclosures) {
    public ParsedEntry {
        categories = List.copyOf(categories);
        enclosures = List.copyOf(enclosures);
    }
}
