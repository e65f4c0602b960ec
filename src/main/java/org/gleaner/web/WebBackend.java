package org.gleaner.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gleaner.alert.DeliveryWorker;
import org.gleaner.alert.Watches;
import org.gleaner.config.ConfigException;
import org.gleaner.config.GleanerConfig;
import org.gleaner.ingest.FeedDiscovery;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.store.ArticleReader;
import org.gleaner.store.FeedStore;
import org.gleaner.store.Watch;

/**
 * What the web server needs from the running application. {@code app.Server} implements it over the
 * real objects; the web package never builds them itself.
 */
public interface WebBackend {
    /** A searcher over the current index (cheap: the index keeps its searcher manager). */
    ArticleSearcher searcher();

    ArticleReader articles();

    FeedStore feeds();

    /** The configuration currently running. */
    GleanerConfig config();

    /** Finds the feed behind a URL: the feed itself, or one a web page announces. Fetches through the address policy. */
    FeedDiscovery.Result discover(URI address);

    /**
     * Appends feeds to the configuration file and applies it at once (the scheduler picks them up).
     *
     * @param feeds name, URL and tags of each feed to add
     */
    void addFeeds(List<NewFeed> feeds) throws IOException, ConfigException;

    /** A feed to append to the configuration. */
    record NewFeed(String name, URI url, List<String> tags) {
        public NewFeed {
            tags = List.copyOf(tags);
        }
    }

    /** Starts a refresh of the named feed now, in the background. False when no such feed is configured. */
    boolean refreshNow(String feedName);

    /** Pauses or resumes scheduled refreshes of a feed (in memory: a restart resumes every feed). */
    boolean setPaused(String feedName, boolean paused);

    Set<String> pausedFeeds();

    /** Index and process counters for the status page: sequence applied, documents, sizes. */
    Map<String, Object> indexStatus();

    /** Saved queries and their feeds. */
    Watches watches();

    /** Sends a made-up alert to each channel of the watch now and says how each went. */
    List<DeliveryWorker.TestResult> sendTestAlert(Watch watch);

    /** Liveness for monitoring: status ok or degraded (a rejected config edit), sequences, config error. */
    Map<String, Object> health();

    /** The last change-log sequence the index has applied; new results can only appear when it grows. */
    long indexedSequence();
}
