package org.gleaner.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.index.FakeChangeLog.doc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.search.SearchHit;
import org.gleaner.search.SearchRequest;
import org.gleaner.store.Alert;
import org.gleaner.store.Watch;
import org.gleaner.testing.TestWatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertMatcherTest {
    @TempDir
    Path dir;

    AlertFixture f;

    @BeforeEach
    void open() {
        f = new AlertFixture(dir);
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    private static final List<String> QUERIES = List.of(
            "homs",
            "homs aleppo",
            "homs OR aleppo",
            "\"prison break\"",
            "\"talks resumed\"~3",
            "elect*",
            "sieg* -rumour",
            "title:homs",
            "lang:fr damas",
            "feed:wire-news talks",
            "site:example.org",
            "published:[2024-12-01 TO 2024-12-05]",
            "damascus NOT prison",
            "author:jones",
            "tag:syria OR tag:energy",
            "electricity grid",
            "gouvernement");

    private void corpus() {
        f.add(
                doc("a:1").title("Homs prison break").text("Inmates escaped the prison in Homs after a siege."),
                doc("a:2").title("Aleppo market").text("Traders in Aleppo reopened as talks resumed quietly."),
                doc("a:3")
                        .title("Election day")
                        .text("Elections in Damascus were held; a rumour spread.")
                        .published(Instant.parse("2024-12-03T10:00:00Z")),
                doc("a:4")
                        .title("Le siège de Damas")
                        .text("Le gouvernement a annoncé la fin du siège de Damàs.")
                        .language("fr"),
                doc("a:5")
                        .title("Grid news")
                        .text("The electricity grid failed in Homs and Aleppo.")
                        .feeds("wire-news")
                        .tags("energy"),
                doc("a:6")
                        .title("Talks")
                        .text("Talks resumed in Geneva.")
                        .feeds("wire-news")
                        .site("example.org"),
                doc("a:7")
                        .title("Columns")
                        .text("Opinion by the desk")
                        .authors("Sam Jones")
                        .tags("syria"));
    }

    @Test
    void watchMatchesExactlyTheDocumentsTheSameSearchFinds() throws Exception {
        corpus();
        // Watches created after the corpus see only new articles; rewind the cursor to match it all.
        for (String query : QUERIES) {
            f.watch("w-" + QUERIES.indexOf(query), query);
        }
        f.alertStore.commitMatches(AlertMatcher.CONSUMER, 0, List.of(), f.clock.instant());
        forceCursor(0);
        List<Alert> alerts = f.matcher.catchUp();

        ArticleSearcher searcher = new ArticleSearcher(f.index, f.clock);
        for (int i = 0; i < QUERIES.size(); i++) {
            long watchId = f.watches.byName("w-" + i).orElseThrow().id();
            Set<String> alerted = new HashSet<>();
            for (Alert alert : alerts) {
                if (alert.watchId() == watchId) {
                    alerted.add(alert.documentKey());
                }
            }
            Set<String> searched = new HashSet<>();
            for (SearchHit hit :
                    searcher.search(SearchRequest.of(QUERIES.get(i), 100)).hits()) {
                searched.add(hit.key());
            }
            assertThat(alerted).as(QUERIES.get(i)).isEqualTo(searched);
        }
        assertThat(alerts).isNotEmpty();
    }

    private void forceCursor(long sequence) {
        f.alertStore.commitMatches(AlertMatcher.CONSUMER, sequence, List.of(), f.clock.instant());
    }

    @Test
    void sameStoryFromFiveFeedsOrCopiesGivesOneAlert() throws Exception {
        Watch watch = f.watch("homs", "homs");
        for (int i = 0; i < 5; i++) {
            f.add(doc("a:1").title("Homs news").feeds("feed-" + i));
        }
        f.add(doc("a:copy").title("Homs news (syndicated)").story("a:1"));
        List<Alert> alerts = f.matcher.catchUp();
        assertThat(alerts).hasSize(1);
        assertThat(f.alertStore.count(watch.id())).isEqualTo(1);
        assertThat(alerts.get(0).passage()).contains("<mark>Homs</mark>");
    }

    @Test
    void rematchingAfterACrashBeforeTheCursorMovedAddsNothing() throws Exception {
        f.watch("homs", "homs");
        f.add(doc("a:1").title("Homs"), doc("a:2").title("Homs again"));
        assertThat(f.matcher.catchUp()).hasSize(2);
        forceCursor(0);
        assertThat(f.matcher.catchUp()).isEmpty();
        assertThat(f.alertStore.cursor(AlertMatcher.CONSUMER)).isEqualTo(f.log.head());
    }

    @Test
    void newWatchAlertsOnlyOnWhatArrivesAfterIt() throws Exception {
        f.add(doc("a:old").title("Homs yesterday"));
        f.matcher.catchUp();
        f.watch("homs", "homs");
        f.add(doc("a:new").title("Homs today"));
        assertThat(f.matcher.catchUp()).extracting(Alert::documentKey).containsExactly("a:new");
    }

    @Test
    void pausedWatchIsSilentAndResumedWatchAlertsAgain() throws Exception {
        f.watch("homs", "homs");
        f.watches.pause("homs");
        f.add(doc("a:1").title("Homs one"));
        assertThat(f.matcher.catchUp()).isEmpty();
        f.watches.resume("homs");
        f.add(doc("a:2").title("Homs two"));
        assertThat(f.matcher.catchUp()).extracting(Alert::documentKey).containsExactly("a:2");
    }

    @Test
    void invalidQueryIsRefusedWithTheParsersPosition() {
        assertThatThrownBy(() -> f.watch("bad", "homs \"unclosed")).isInstanceOfSatisfying(WatchException.class, e -> {
            assertThat(e.reason()).isEqualTo(WatchException.Reason.INVALID);
            assertThat(e.position()).isNotNull();
        });
        assertThat(f.watches.list()).isEmpty();
    }

    @Test
    void brokenStoredWatchRecordsItsErrorAndOthersStillMatch() throws Exception {
        f.watch("good", "homs");
        long bad = f.watchStore
                .create("bad", "a*", Watch.Pace.IMMEDIATE, null, List.of(), f.clock.instant())
                .id();
        f.add(doc("a:1").title("Homs"));
        assertThat(f.matcher.catchUp()).hasSize(1);
        assertThat(f.watchStore.byId(bad).orElseThrow().error()).contains("a*");
    }

    @Test
    void editedQueryTakesEffectAtTheNextMatch() throws Exception {
        f.watch("w", "homs");
        f.watches.update("w", "aleppo", null, null);
        f.add(doc("a:1").title("Homs"), doc("a:2").title("Aleppo"));
        assertThat(f.matcher.catchUp()).extracting(Alert::documentKey).containsExactly("a:2");
    }

    @Test
    void deletedQueryIndexIsRebuiltFromTheDatabase() throws Exception {
        f.watch("homs", "homs");
        f.watch("aleppo", "aleppo");
        f.matcher.catchUp();
        f.monitor.close();
        deleteTree(dir.resolve("queries"));
        try (QueryMonitor reopened = QueryMonitor.open(dir.resolve("queries"), f.clock)) {
            assertThat(reopened.sync(f.watchStore)).isEqualTo(2);
            assertThat(reopened.size()).isEqualTo(2);
        }
    }

    @Test
    void reopenedQueryIndexAppliesOnlyTheEditsMadeWhileClosed() throws Exception {
        f.watch("homs", "homs");
        f.matcher.catchUp();
        f.monitor.close();
        f.watch("aleppo", "aleppo");
        try (QueryMonitor reopened = QueryMonitor.open(dir.resolve("queries"), f.clock)) {
            assertThat(reopened.sync(f.watchStore)).isEqualTo(1);
            assertThat(reopened.size()).isEqualTo(2);
        }
    }

    @Test
    void prefixWatchIsNoCandidateForArticlesWithoutThatPrefix() {
        QueryMonitor monitor = QueryMonitor.open(null, f.clock);
        List<Watch> watches = new ArrayList<>();
        watches.add(watchOf(1, "elect*"));
        watches.add(watchOf(2, "title:sieg*"));
        monitor.register(watches);
        assertThat(monitor.candidates(
                        doc("a:1").title("Harbour tides").text("Weather report").build()))
                .isZero();
        assertThat(monitor.matchCount(doc("a:2").text("The electricity grid").build()))
                .isEqualTo(1);
        assertThat(monitor.matchCount(doc("a:3").title("Siege lifted").build())).isEqualTo(1);
        monitor.close();
    }

    private static Watch watchOf(long id, String query) {
        return TestWatches.immediate(id, "w" + id, query);
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
