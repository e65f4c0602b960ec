package org.gleaner.alert;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gleaner.model.Change;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.SearchDocument;
import org.gleaner.store.Alert;
import org.gleaner.store.AlertStore;
import org.gleaner.store.WatchStore;

/**
 * Tails the change log with its own cursor and turns matches into alerts. Each batch of changes is
 * matched, then its alerts, their outbox rows and the advanced cursor commit together: killed before
 * the commit, the batch is matched again and the (watch, story) key absorbs the repeat. The documents
 * of a batch are matched concurrently on the query monitor's workers.
 */
public final class AlertMatcher {
    /** The matcher's cursor name in the store. */
    public static final String CONSUMER = "alerts";

    private final ChangeLog log;
    private final AlertStore alerts;
    private final WatchStore watches;
    private final QueryMonitor monitor;
    private final InstantSource clock;

    public AlertMatcher(
            ChangeLog log, AlertStore alerts, WatchStore watches, QueryMonitor monitor, InstantSource clock) {
        this.log = log;
        this.alerts = alerts;
        this.watches = watches;
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * Matches every change after the cursor against the watches (after applying watch edits).
     *
     * @return the alerts created
     */
    public synchronized List<Alert> catchUp() {
        monitor.sync(watches);
        List<Alert> created = new ArrayList<>();
        while (true) {
            long cursor = alerts.cursor(CONSUMER);
            List<Change> changes = log.readAfter(cursor, MonitorTuning.CHANGES_PER_BATCH);
            if (changes.isEmpty()) {
                return created;
            }
            Set<String> keys = new LinkedHashSet<>();
            for (Change change : changes) {
                keys.add(change.documentKey());
            }
            List<SearchDocument> documents = new ArrayList<>();
            log.documents(keys, (key, document) -> document.ifPresent(documents::add));
            // Documents are matched (and their passages cut) concurrently; alerts keep the log's order.
            List<Alert.Match> matches = new ArrayList<>();
            for (List<Alert.Match> ofDocument : monitor.concurrently(documents, this::matches)) {
                matches.addAll(ofDocument);
            }
            long last = changes.get(changes.size() - 1).sequence();
            created.addAll(alerts.commitMatches(CONSUMER, last, matches, clock.instant()));
        }
    }

    /** The matches of one document, with their passages (also the dry run's path). */
    List<Alert.Match> matches(SearchDocument document) {
        List<Alert.Match> matches = new ArrayList<>();
        for (QueryMonitor.Hit hit : monitor.match(document)) {
            matches.add(new Alert.Match(
                    hit.watchId(),
                    document.storyId(),
                    document.key(),
                    document.title(),
                    document.url(),
                    document.published(),
                    Passages.of(document, hit.query())));
        }
        return matches;
    }
}
