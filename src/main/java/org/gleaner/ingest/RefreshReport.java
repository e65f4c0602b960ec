package org.gleaner.ingest;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What one feed refresh did, in the words {@code gleaner fetch} prints.
 *
 * @param outcome ok, not-modified, rate-limited, failed or gone
 * @param error the reason in words when the feed could not be read, else null
 * @param articleProblems entries whose source article could not be fetched or had no article text
 * @param nextCheck when the feed is due again; null when polling stopped (410 Gone)
 */
public record RefreshReport(
        String feed,
        String outcome,
        int newEntries,
        int updatedEntries,
        int articlesFetched,
        int articleProblems,
        @Nullable String error,
        @Nullable Instant nextCheck,
        Duration took) {

    /**
     * True for a refresh with nothing to tell a person: the feed answered 304 Not Modified. A scheduler
     * logs these below INFO (with ten thousand feeds they are hundreds of lines a second, and formatting and
     * writing each line cost about as much CPU as the refresh itself); new entries, failures, rate limits
     * and gone feeds stay at INFO or above.
     */
    public boolean routine() {
        return outcome.equals(NOT_MODIFIED);
    }

    /** The outcome word of a 304 (as {@code RefreshBatch.Outcome.NOT_MODIFIED} labels it). */
    static final String NOT_MODIFIED = "not-modified";

    public String summaryLine() {
        StringBuilder line = new StringBuilder(feed).append(": ").append(outcome);
        if (error != null) {
            line.append(" — ").append(error);
        } else if (outcome.equals("ok")) {
            line.append(", ").append(newEntries).append(" new");
            if (updatedEntries > 0) {
                line.append(", ").append(updatedEntries).append(" updated");
            }
            line.append(", ").append(articlesFetched).append(" articles fetched");
            if (articleProblems > 0) {
                line.append(", ").append(articleProblems).append(" without article");
            }
        }
        return line.append(" (").append(took.toMillis()).append(" ms)").toString();
    }
}
