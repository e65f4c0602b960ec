package org.gleaner.feed;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One subscription of an OPML file.
 *
 * @param tags names of the enclosing folders (outermost first), then the outline's {@code category} terms
 */
public record OpmlFeed(String title, String xmlUrl, @Nullable String htmlUrl, List<String> tags) {
    public OpmlFeed {
        tags = List.copyOf(tags);
    }
}
