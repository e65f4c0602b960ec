package org.gleaner.app;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.gleaner.ingest.RefreshReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log lines of scheduled refreshes. What a person needs to see (new entries, failures, rate limits,
 * gone feeds) is logged at INFO as it happens; a 304 goes to DEBUG and is otherwise only counted, with the
 * count logged at INFO at most once per {@link #TALLY_EVERY}, so a quiet log still shows the scheduler at
 * work without thousands of identical lines (and their CPU) per minute.
 */
final class RefreshLog {
    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** How often the count of unchanged feeds is logged, at the most. */
    static final Duration TALLY_EVERY = Duration.ofMinutes(10);

    private final InstantSource clock;
    private long unchanged;
    private Instant tallySince;

    RefreshLog(InstantSource clock) {
        this.clock = clock;
        this.tallySince = clock.instant();
    }

    void record(RefreshReport report) {
        if (!report.routine()) {
            log.info("{}", report.summaryLine());
            return;
        }
        if (log.isDebugEnabled()) {
            log.debug("{}", report.summaryLine());
        }
        Instant now = clock.instant();
        long count;
        Instant since;
        synchronized (this) {
            unchanged++;
            if (now.isBefore(tallySince.plus(TALLY_EVERY))) {
                return;
            }
            count = unchanged;
            since = tallySince;
            unchanged = 0;
            tallySince = now;
        }
        log.info("{} feed checks found nothing new since {}", count, since);
    }
}
