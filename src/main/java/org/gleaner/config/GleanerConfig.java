package org.gleaner.config;

import java.util.List;
import org.gleaner.model.FeedSpec;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@code config/feeds.yaml} says. A value from {@link ConfigLoader} has passed validation:
 * unique feed names and URLs, http(s) URLs with a host, positive refresh intervals, well-formed networks,
 * unique watch names with a query. {@code mail} is null when no SMTP server is configured.
 * Records compare by value, so two loads of an equivalent file are {@code equals}.
 */
public record GleanerConfig(
        FeedDefaults defaults,
        List<FeedConfig> feeds,
        ServerConfig server,
        HttpConfig http,
        List<String> allowNetworks,
        @Nullable MailConfig mail,
        List<WatchConfig> watches) {

    public GleanerConfig {
        feeds = List.copyOf(feeds);
        allowNetworks = List.copyOf(allowNetworks);
        watches = List.copyOf(watches);
    }

    /** The feeds as the shared {@link FeedSpec} records, in file order. */
    public List<FeedSpec> feedSpecs() {
        return feeds.stream().map(feed -> feed.spec(defaults)).toList();
    }

    /** The embedded defaults and no feeds: what an empty file means. */
    public static GleanerConfig empty() {
        return new GleanerConfig(
                FeedDefaults.standard(),
                List.of(),
                ServerConfig.standard(),
                HttpConfig.standard(),
                List.of(),
                null,
                List.of());
    }
}
