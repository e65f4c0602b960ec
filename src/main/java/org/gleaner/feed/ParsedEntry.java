package org.gleaner.feed;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a feed.
 *
 * @param id the GUID / Atom id / JSON Feed id exactly as given (not resolved); a JSON Feed id that is no string
 *     (true, null, NaN...) is shown the way JSON Feed readers coerce it to a string
 * @param title the title as text; "" when the feed has the element but leaves it empty
 * @param link the entry's own page, absolute; "" when a JSON Feed gives a blank url
 * @param summary the short text the feed gives (RSS description, Atom summary, Media RSS or iTunes fallback);
 *     HTML stays markup in the string
 * @param content the full text the feed gives (content:encoded, Atom content, xhtml:body, content_html)
 * @param author display name (name preferred over e-mail address; several joined with ", ")
 * @param categories terms in document order without duplicates, never null
 * @param enclosures in document order without duplicate URLs, never null
 * @param idIsKey whether {@code id} can identify the entry across refreshes: false for a coerced id, which every
 *     item of a broken generator shares ("null") and which therefore must never key stored entries
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
        List<Enclosure> enclosures,
        boolean idIsKey) {
    public ParsedEntry {
        categories = List.copyOf(categories);
        enclosures = List.copyOf(enclosures);
    }

    /** An entry whose id, if any, was given as a string (RSS, Atom, and well-formed JSON Feed). */
    public ParsedEntry(
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
        this(id, title, link, summary, content, author, published, updated, categories, enclosures, id != null);
    }
}
