package org.gleaner.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Per-feed overrides of how a feed and its articles are fetched and read.
 *
 * @param contentSelector CSS selector of the article body; when set it wins over the automatic extractor
 * @param removeSelectors CSS selectors of page parts to drop before extraction
 * @param maxBytes cap on the decoded feed body; null for the fetcher's default
 * @param allowNetworks networks this feed may reach in addition to the global allow-list
 * @param robots whether robots.txt is honoured for this feed's article pages
 */
public record FeedRules(
        Follow follow,
        @Nullable String contentSelector,
        List<String> removeSelectors,
        @Nullable Long maxBytes,
        List<String> allowNetworks,
        boolean robots) {
    public static final FeedRules DEFAULT = new FeedRules(Follow.CONTINUE_LINK, null, List.of(), null, List.of(), true);

    public FeedRules {
        removeSelectors = List.copyOf(removeSelectors);
        allowNetworks = List.copyOf(allowNetworks);
    }
}
