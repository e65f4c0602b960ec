package org.gleaner.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gleaner.ingest.RefreshReport;
import org.gleaner.store.RefreshBatch.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefreshLogTest {
    private static final Instant START = Instant.parse("2024-12-07T12:00:00Z");

    private final Logger logger = (Logger) LoggerFactory.getLogger(Server.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private Instant now = START;
    private final RefreshLog refreshLog = new RefreshLog(() -> now);

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    private static RefreshReport report(String feed, Outcome outcome) {
        String error = outcome == Outcome.FAILED ? "HTTP 500" : null;
        return new RefreshReport(feed, outcome.label(), 2, 0, 0, 0, error, START, Duration.ofMillis(3));
    }

    private List<String> infoLines() {
        return lines.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void logsNewEntriesAndFailuresAsTheyHappen() {
        refreshLog.record(report("blog", Outcome.OK));
        refreshLog.record(report("news", Outcome.FAILED));

        assertThat(infoLines()).hasSize(2);
        assertThat(infoLines().get(0)).startsWith("blog: ok, 2 new");
        assertThat(infoLines().get(1)).startsWith("news: failed").contains("HTTP 500");
    }

    @Test
    void countsUnchangedFeedsAndLogsTheTallyAtMostOncePerInterval() {
        for (int i = 0; i < 500; i++) {
            refreshLog.record(report("feed-" + i, Outcome.NOT_MODIFIED));
        }
        assertThat(infoLines()).isEmpty();

        now = START.plus(RefreshLog.TALLY_EVERY);
        refreshLog.record(report("feed-500", Outcome.NOT_MODIFIED));
        refreshLog.record(report("feed-501", Outcome.NOT_MODIFIED));

        assertThat(infoLines()).containsExactly("501 feed checks found nothing new since " + START);

        now = now.plus(RefreshLog.TALLY_EVERY);
        refreshLog.record(report("feed-502", Outcome.NOT_MODIFIED));
        assertThat(infoLines())
                .hasSize(2)
                .last()
                .isEqualTo("2 feed checks found nothing new since " + START.plus(RefreshLog.TALLY_EVERY));
    }
}
