package org.gleaner.config;

import java.util.List;

/**
 * One entry of {@code watches:} as written, after validation of its shape. The query itself is checked
 * by the search query parser when the watch is applied (the configuration does not know the query
 * language); a query it refuses is reported with {@link #where()}.
 *
 * @param pace {@code immediate}, {@code hourly} or {@code daily}
 * @param webhooks URLs that receive signed JSON posts
 * @param slack Slack/Mattermost-compatible incoming-webhook URLs
 * @param emails addresses that receive alerts through the {@code mail:} server
 * @param privateFeed whether the watch's Atom feed URL carries a secret token
 * @param backfillDays when the watch is first created, alert on the matches of this many past days
 * @param where file, line and key of the entry, for messages about it
 */
public record WatchConfig(
        String name,
        String query,
        String pace,
        List<String> webhooks,
        List<String> slack,
        List<String> emails,
        boolean privateFeed,
        int backfillDays,
        String where) {
    public static final String PACE = "immediate";

    public WatchConfig {
        webhooks = List.copyOf(webhooks);
        slack = List.copyOf(slack);
        emails = List.copyOf(emails);
    }
}
