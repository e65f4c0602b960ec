package org.gleaner.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.gleaner.model.FeedRules;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.Follow;
import org.gleaner.model.FullText;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code feeds:} as written, after validation. {@code name} is the one given or the slug
 * of the URL; {@code fullText} is already resolved against the defaults; {@code every} stays null when
 * the feed does not set it, so the scheduler can tell "adaptive" from "fixed by the user".
 *
 * @param contentSelector CSS selector of the article body ({@code content:}); wins over the extractor
 * @param removeSelectors CSS selectors removed from the page before extraction ({@code remove:})
 * @param maxBytes cap on the decoded feed body ({@code max_bytes:}); null for the fetcher's default
 * @param allowNetworks networks this feed may reach in addition to the global {@code allow_networks}
 * @param robots whether robots.txt is honoured for this feed's article pages (default true)
 */
public record FeedConfig(
        String name,
        URI url,
        List<String> tags,
        @Nullable Duration every,
        FullText fullText,
        Follow follow,
        @Nullable String contentSelector,
        List<String> removeSelectors,
        @Nullable Long maxBytes,
        List<String> allowNetworks,
        boolean robots) {

    public FeedConfig {
        tags = List.copyOf(tags);
        removeSelectors = List.copyOf(removeSelectors);
        allowNetworks = List.copyOf(allowNetworks);
    }

    /** A feed with only a name, URL and tags; everything else as the defaults say. */
    public static FeedConfig of(String name, URI url, List<String> tags, FullText fullText) {
        return new FeedConfig(
                name, url, tags, null, fullText, Follow.CONTINUE_LINK, null, List.of(), null, List.of(), true);
    }

    /** The shared record the rest of the pipeline uses; {@code every} stays null unless the feed sets it. */
    public FeedSpec spec(FeedDefaults defaults) {
        return new FeedSpec(
                name,
                url,
                tags,
                every,
                fullText,
                new FeedRules(follow, contentSelector, removeSelectors, maxBytes, allowNetworks, robots));
    }
}
