package org.gleaner.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gleaner.model.Article;
import org.gleaner.model.Entry;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;
import org.gleaner.model.FullText;
import org.gleaner.model.SearchDocument;
import org.gleaner.store.RefreshBatch.ArticleWrite;
import org.gleaner.store.RefreshBatch.EntryWrite;
import org.gleaner.store.RefreshBatch.FetchState;
import org.gleaner.store.RefreshBatch.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshStoreTest {
    private static final Instant T0 = Instant.parse("2024-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private Database database;
    private FeedStore feeds;
    private RefreshStore refreshes;
    private SqliteChangeLog log;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("gleaner.db"));
        feeds = new FeedStore(database);
        refreshes = new RefreshStore(database);
        log = new SqliteChangeLog(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private long feed(String name) {
        return feeds.sync(List.of(spec(name))).get(name);
    }

    private static FeedSpec spec(String name) {
        return new FeedSpec(
                name,
                URI.create("https://" + name + ".example/feed"),
                List.of("news"),
                Duration.ofMinutes(30),
                FullText.AUTO);
    }

    private static FetchState ok(String etag) {
        return new FetchState(T0, Outcome.OK, 200, null, etag, "Sat, 07 Dec 2024 12:00:00 GMT", null, "Blog", null);
    }

    private static Entry entry(String key, String text, String articleKey) {
        return new Entry(
                key,
                "Title " + key,
                URI.create("https://blog.example/" + key),
                "Ann",
                T0,
                null,
                List.of(),
                "<p>" + text + "</p>",
                text,
                articleKey,
                null);
    }

    private static Article article(String key, String text) {
        return new Article(
                key,
                URI.create(key),
                "Story",
                "Reporter",
                T0,
                null,
                "News",
                "en",
                null,
                null,
                "<p>" + text + "</p>",
                text,
                T0);
    }

    @Test
    void sameArticleFromTwoFeedsIsOneDocumentListingBothFeeds() {
        long a = feeds.sync(List.of(spec("alpha"), spec("beta"))).get("alpha");
        long b = feeds.byName("beta").orElseThrow().id();
        String key = "https://news.example/story";
        refreshes.commit(new RefreshBatch(
                a,
                ok("e1"),
                List.of(new EntryWrite(entry("1", "alpha says", key), "h1", "blog.example")),
                List.of(new ArticleWrite(article(key, "the story body"), "news.example"))));
        refreshes.commit(new RefreshBatch(
                b,
                ok("e2"),
                List.of(new EntryWrite(entry("9", "beta says", key), "h9", "blog.example")),
                List.of(new ArticleWrite(article(key, "the story body"), "news.example"))));

        SearchDocument document = log.document(DocumentKeys.article(key)).orElseThrow();
        assertThat(document.feeds()).containsExactly("alpha", "beta");
        assertThat(document.articleText()).isEqualTo("the story body");
        assertThat(document.entryText()).contains("alpha says").contains("beta says");
        assertThat(document.site()).isEqualTo("news.example");
        assertThat(log.head())
                .isEqualTo(log.readAfter(0, 100)
                        .get(log.readAfter(0, 100).size() - 1)
                        .sequence());
    }

    @Test
    void entryWithoutArticleIsItsOwnDocumentUntilAnArticleArrives() {
        long id = feed("alpha");
        refreshes.commit(new RefreshBatch(
                id,
                ok("e1"),
                List.of(new EntryWrite(entry("1", "only excerpt", null), "h1", "blog.example")),
                List.of()));
        String entryKey = DocumentKeys.entry(id, "1");
        assertThat(log.document(entryKey)).isPresent();

        String key = "https://news.example/story";
        refreshes.commit(new RefreshBatch(
                id,
                ok("e2"),
                List.of(new EntryWrite(entry("1", "only excerpt", key), "h2", "blog.example")),
                List.of(new ArticleWrite(article(key, "full"), "news.example"))));
        assertThat(log.document(entryKey)).isEmpty();
        assertThat(log.readAfter(1, 100))
                .extracting(c -> c.documentKey())
                .contains(entryKey, DocumentKeys.article(key));
    }

    @Test
    void aBatchOfDocumentsReadsAsEachDocumentAloneInTheKeysOrder() {
        long id = feed("alpha");
        String key = "https://news.example/story";
        refreshes.commit(new RefreshBatch(
                id,
                ok("e1"),
                List.of(
                        new EntryWrite(entry("1", "only excerpt", null), "h1", "blog.example"),
                        new EntryWrite(entry("2", "with article", key), "h2", "blog.example")),
                List.of(new ArticleWrite(article(key, "the story body"), "news.example"))));
        List<String> keys = List.of(
                DocumentKeys.article(key),
                DocumentKeys.entry(id, "2"), // has an article: no document of its own
                DocumentKeys.entry(id, "1"),
                DocumentKeys.article("https://news.example/never-stored"));

        List<String> order = new ArrayList<>();
        List<Optional<SearchDocument>> batch = new ArrayList<>();
        log.documents(keys, (documentKey, document) -> {
            order.add(documentKey);
            batch.add(document);
        });

        assertThat(order).isEqualTo(keys);
        assertThat(batch).isEqualTo(keys.stream().map(log::document).toList());
        assertThat(batch).extracting(Optional::isPresent).containsExactly(true, false, true, false);
    }

    @Test
    void syndicatedCopiesOnOtherUrlsShareOneStoryIdAndOthersKeepTheirOwn() {
        long id = feed("alpha");
        long fingerprint = 0x5A5A_1234_F0F0_0FF0L;
        String first = "https://wire.example/story";
        String copy = "https://paper.example/reprint";
        String other = "https://other.example/unrelated";
        refreshes.commit(new RefreshBatch(
                id,
                ok("e1"),
                List.of(),
                List.of(new ArticleWrite(article(first, "agency text"), "wire.example", fingerprint))));
        refreshes.commit(new RefreshBatch(
                id,
                ok("e2"),
                List.of(),
                List.of(
                        new ArticleWrite(
                                article(copy, "agency text, lightly edited"), "paper.example", fingerprint ^ 0b101),
                        new ArticleWrite(article(other, "another story"), "other.example", ~fingerprint))));

        String story = log.document(DocumentKeys.article(first)).orElseThrow().storyId();
        assertThat(log.document(DocumentKeys.article(copy)).orElseThrow().storyId())
                .isEqualTo(story);
        assertThat(log.document(DocumentKeys.article(other)).orElseThrow().storyId())
                .isNotEqualTo(story);
    }

    @Test
    void failureKeepsValidatorsAndCountsConsecutiveFailures() {
        long id = feed("alpha");
        refreshes.commit(new RefreshBatch(id, ok("etag-1"), List.of(), List.of()));
        FetchState failed =
                new FetchState(T0.plusSeconds(60), Outcome.FAILED, 500, "HTTP 500", null, null, null, null, null);
        refreshes.commit(new RefreshBatch(id, failed, List.of(), List.of()));
        refreshes.commit(new RefreshBatch(id, failed, List.of(), List.of()));

        FeedStatus status = feeds.byName("alpha").orElseThrow();
        assertThat(status.etag()).isEqualTo("etag-1");
        assertThat(status.lastModified()).isEqualTo("Sat, 07 Dec 2024 12:00:00 GMT");
        assertThat(status.consecutiveFailures()).isEqualTo(2);
        assertThat(status.lastError()).isEqualTo("HTTP 500");
        assertThat(status.lastOutcome()).isEqualTo("failed");

        refreshes.commit(new RefreshBatch(id, ok("etag-2"), List.of(), List.of()));
        assertThat(feeds.byName("alpha").orElseThrow().consecutiveFailures()).isZero();
    }

    @Test
    void reopeningKeepsDataAndDoesNotRerunMigrations() {
        long id = feed("alpha");
        refreshes.commit(
                new RefreshBatch(id, ok("e"), List.of(new EntryWrite(entry("1", "kept", null), "h", null)), List.of()));
        database.close();
        database = Database.open(dir.resolve("gleaner.db"));
        assertThat(new FeedStore(database).entryHashes(id)).containsEntry("1", "h");
    }

    @Test
    void feedsRemovedFromConfigStayButConfigUrlChangeResetsValidators() {
        long id = feed("alpha");
        refreshes.commit(new RefreshBatch(id, ok("etag-1"), List.of(), List.of()));
        FeedSpec moved = new FeedSpec(
                "alpha", URI.create("https://elsewhere.example/rss"), List.of(), Duration.ofMinutes(5), FullText.NEVER);
        feeds.sync(List.of(moved));
        FeedStatus status = feeds.byName("alpha").orElseThrow();
        assertThat(status.url()).isEqualTo(moved.url());
        assertThat(status.etag()).isNull();

        feeds.sync(List.of());
        assertThat(feeds.list()).extracting(FeedStatus::name).containsExactly("alpha");
    }

    @Test
    void stateOnlyCommitIsNotSyncedButTheNextCommitWithEntriesIs() {
        long id = feed("alpha");
        FetchState notModified =
                new FetchState(T0, Outcome.NOT_MODIFIED, 304, null, "etag-1", null, null, null, T0.plusSeconds(600));
        refreshes.commit(new RefreshBatch(id, notModified, List.of(), List.of()));
        assertThat(database.writerSynchronousMode()).isEqualTo(SYNCHRONOUS_NORMAL);
        assertThat(feeds.byName("alpha").orElseThrow().nextCheck()).isEqualTo(T0.plusSeconds(600));

        refreshes.commit(
                new RefreshBatch(id, ok("e"), List.of(new EntryWrite(entry("1", "new", null), "h", null)), List.of()));
        assertThat(database.writerSynchronousMode()).isEqualTo(SYNCHRONOUS_FULL);
        // Other stores' writes keep the durable default.
        refreshes.commit(new RefreshBatch(id, notModified, List.of(), List.of()));
        database.inTransaction(connection -> 0);
        assertThat(database.writerSynchronousMode()).isEqualTo(SYNCHRONOUS_FULL);
    }

    private static final int SYNCHRONOUS_NORMAL = 1;
    private static final int SYNCHRONOUS_FULL = 2;

    @Test
    void concurrentRefreshesAllCommitAndAFailingOneIsRolledBackAlone() throws Exception {
        int feedCount = 16;
        List<FeedSpec> specs = new ArrayList<>();
        for (int i = 0; i < feedCount; i++) {
            specs.add(spec("feed" + i));
        }
        Map<String, Long> ids = feeds.sync(specs);
        long unknownFeed = 999_999;
        String orphanArticle = "https://orphan.example/story";
        CyclicBarrier start = new CyclicBarrier(feedCount + 1);
        ExecutorService pool = Executors.newFixedThreadPool(feedCount + 1);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i <= feedCount; i++) {
                long id = i < feedCount ? ids.get("feed" + i) : unknownFeed;
                // The failing batch writes an article before its entry fails: that write must go too.
                List<ArticleWrite> articles = i < feedCount
                        ? List.of()
                        : List.of(new ArticleWrite(article(orphanArticle, "orphan"), "orphan.example"));
                RefreshBatch batch = new RefreshBatch(
                        id,
                        ok("e" + i),
                        List.of(new EntryWrite(entry("k" + i, "text " + i, null), "h" + i, null)),
                        articles);
                results.add(pool.submit(() -> {
                    start.await();
                    return refreshes.commit(batch);
                }));
            }
            Set<Long> sequences = new HashSet<>();
            for (int i = 0; i < feedCount; i++) {
                sequences.add(results.get(i).get());
                assertThat(feeds.entryHashes(ids.get("feed" + i))).containsEntry("k" + i, "h" + i);
                assertThat(feeds.byName("feed" + i).orElseThrow().etag()).isEqualTo("e" + i);
            }
            assertThat(sequences).hasSize(feedCount).doesNotContain(0L);
            assertThatThrownBy(() -> results.get(feedCount).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(StoreException.class);
            assertThat(feeds.entryHashes(unknownFeed)).isEmpty();
            assertThat(log.document(DocumentKeys.article(orphanArticle))).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentNotModifiedRefreshesAllCommitAndOneForAnUnknownFeedFailsAlone() throws Exception {
        int feedCount = 16;
        List<FeedSpec> specs = new ArrayList<>();
        for (int i = 0; i < feedCount; i++) {
            specs.add(spec("quiet" + i));
        }
        Map<String, Long> ids = feeds.sync(specs);
        CyclicBarrier start = new CyclicBarrier(feedCount + 1);
        ExecutorService pool = Executors.newFixedThreadPool(feedCount + 1);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i <= feedCount; i++) {
                long id = i < feedCount ? ids.get("quiet" + i) : 999_999;
                FetchState notModified = new FetchState(
                        T0, Outcome.NOT_MODIFIED, 304, null, "etag-" + i, null, null, null, T0.plusSeconds(60 + i));
                RefreshBatch batch = new RefreshBatch(id, notModified, List.of(), List.of());
                results.add(pool.submit(() -> {
                    start.await();
                    return refreshes.commit(batch);
                }));
            }
            for (int i = 0; i < feedCount; i++) {
                assertThat(results.get(i).get()).isZero();
                FeedStatus status = feeds.byName("quiet" + i).orElseThrow();
                assertThat(status.etag()).isEqualTo("etag-" + i);
                assertThat(status.nextCheck()).isEqualTo(T0.plusSeconds(60 + i));
            }
            assertThatThrownBy(() -> results.get(feedCount).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(StoreException.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
