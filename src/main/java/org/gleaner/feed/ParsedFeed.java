package org.gleaner.feed;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A feed as the publisher gave it, mapped at once from RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1.
 *
 * @param title the title as text; "" when the feed has the element but leaves it empty (so is subtitle)
 * @param link the feed's home page, absolute (resolved against the feed URL and xml:base); "" when a JSON Feed
 *     gives a blank home_page_url
 * @param author display name of the feed's author (name preferred over e-mail address)
 * @param entries in document order
 * @param hints refresh hints the publisher put in the feed
 */
public record ParsedFeed(
        @Nullable String title,
        @Nullable String link,
        @Nullable String subtitle,
        @Nullable String language,
        @Nullable String author,
        List<ParsedEntry> entries,
        FeedHints hints)
        implements FeedParseResult {
    public ParsedFeed {
        entries = List.copyOf(entries);
    }
}
