package org.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.gleaner.store.RefreshBatch.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RefreshReportTest {
    private static final Instant NEXT = Instant.parse("2024-12-07T13:00:00Z");

    private static RefreshReport report(Outcome outcome) {
        String error = outcome == Outcome.FAILED || outcome == Outcome.GONE ? "HTTP 500" : null;
        return new RefreshReport("blog", outcome.label(), 0, 0, 0, 0, error, NEXT, Duration.ofMillis(3));
    }

    @ParameterizedTest
    @EnumSource(Outcome.class)
    void onlyANotModifiedAnswerIsRoutine(Outcome outcome) {
        assertThat(report(outcome).routine()).isEqualTo(outcome == Outcome.NOT_MODIFIED);
    }
}
