package org.gleaner.model;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A feed as the configuration describes it. The {@code name} is the feed's stable identity (a slug
 * derived from the URL when the configuration gives none).
 */
public record FeedSpec(String name, URI url, List<String> tags, Duration every, FullText fullText) {
    public FeedSpec {
        tags = List.copyOf(tags);
    }
}
