package org.gleaner.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A feed as the configuration describes it. The {@code name} is the feed's stable identity (a slug
 * derived from the URL when the configuration gives none).
 *
 * @param every the feed's own refresh interval, which wins over the adaptive schedule; null when the
 *     configuration leaves it to the schedule
 */
public record FeedSpec(
        String name, URI url, List<String> tags, @Nullable Duration every, FullText fullText, FeedRules rules) {
    public FeedSpec {
        tags = List.copyOf(tags);
    }

    /** A feed with the default rules. */
    public FeedSpec(String name, URI url, List<String> tags, @Nullable Duration every, FullText fullText) {
        this(name, url, tags, every, fullText, FeedRules.DEFAULT);
    }
}
