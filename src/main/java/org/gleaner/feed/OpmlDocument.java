package org.gleaner.feed;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An OPML subscription list: its head title and its feeds in document order, duplicates removed. */
public record OpmlDocument(@Nullable String title, List<OpmlFeed> feeds) {
    public OpmlDocument {
        feeds = List.copyOf(feeds);
    }
}
