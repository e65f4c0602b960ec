package org.gleaner.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.gleaner.extract.ArticleExtractor;
import org.gleaner.feed.FeedParser;
import org.gleaner.fetch.AddressPolicy;
import org.gleaner.fetch.FetchSettings;
import org.gleaner.fetch.HttpFetcher;
import org.gleaner.model.Entry;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;
import org.gleaner.model.FullText;
import org.gleaner.store.ArticleStore;
import org.gleaner.store.Database;
import org.gleaner.store.FeedStore;
import org.gleaner.store.RefreshBatch;
import org.gleaner.store.RefreshBatch.EntryWrite;
import org.gleaner.store.RefreshBatch.FetchState;
import org.gleaner.store.RefreshBatch.Outcome;
import org.gleaner.store.RefreshStore;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real fetcher against a loopback server, a real database, and a policy that records what it is told. */
class FeedRefresherTest {
    private static final Instant MONDAY = Instant.parse("2024-12-02T08:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2024-12-03T08:00:00Z");
    private static final Instant WEDNESDAY = Instant.parse("2024-12-04T08:00:00Z");
    private static final AddressPolicy LOOPBACK = AddressPolicy.allowing(List.of("127.0.0.0/8"));

    @TempDir
    Path dir;

    private final List<RefreshFacts> told = new ArrayList<>();
    private FixtureServer server;
    private Database database;
    private FeedStore feeds;
    private RefreshStore refreshes;
    private HttpFetcher fetcher;
    private FeedRefresher refresher;
    private FeedSpec spec;

    @BeforeEach
    void open() {
        server = FixtureServer.start();
        database = Database.open(dir.resolve("gleaner.db"));
        feeds = new FeedStore(database);
        refreshes = new RefreshStore(database);
        fetcher = new HttpFetcher(
                new FetchSettings(FetchSettings.defaultUserAgent(), LOOPBACK, Duration.ZERO, 1, false),
                InstantSource.system());
        refresher = new FeedRefresher(
                fetcher,
                new FeedParser(),
                new ArticleExtractor(),
                feeds,
                new ArticleStore(database),
                refreshes,
                facts -> {
                    told.add(facts);
                    return facts.now().plus(Duration.ofHours(1));
                },
                LOOPBACK,
                InstantSource.system());
        spec = new FeedSpec("blog", server.uri("/feed.xml"), List.of(), null, FullText.NEVER);
        feeds.sync(List.of(spec));
    }

    @AfterEach
    void close() {
        fetcher.close();
        database.close();
        server.close();
    }

    private static String rss(Instant... dates) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < dates.length; i++) {
            items.append("<item><guid>e")
                    .append(i)
                    .append("</guid><title>Entry ")
                    .append(i)
                    .append("</title><pubDate>")
                    .append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            dates[i].atOffset(java.time.ZoneOffset.UTC)))
                    .append("</pubDate></item>");
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Blog</title>"
                + "<link>http://example.org/</link><description>d</description>" + items + "</channel></rss>";
    }

    private RefreshReport refresh() {
        FeedStatus status = feeds.byName("blog").orElseThrow();
        return refresher.refresh(status, spec);
    }

    private List<Instant> lastDates() {
        return told.get(told.size() - 1).entryDates();
    }

    @Test
    void aNotModifiedFeedIsScheduledFromItsStoredEntryDates() {
        server.route(
                "/feed.xml",
                FixtureResponse.ok("application/rss+xml", rss(MONDAY, TUESDAY)).etag("\"v1\""));
        assertThat(refresh().outcome()).isEqualTo("ok");

        assertThat(refresh().routine()).isTrue();
        assertThat(lastDates()).containsExactly(TUESDAY, MONDAY);
        assertThat(refresh().routine()).isTrue();
        assertThat(lastDates()).containsExactly(TUESDAY, MONDAY);
    }

    @Test
    void entriesStoredByAnotherWriterReachTheScheduleOfTheNextNotModified() {
        server.route(
                "/feed.xml",
                FixtureResponse.ok("application/rss+xml", rss(MONDAY)).etag("\"v1\""));
        refresh();
        assertThat(refresh().routine()).isTrue();
        assertThat(lastDates()).containsExactly(MONDAY);

        // Another process (gleaner fetch beside gleaner run) stores a newer entry of the same feed.
        long id = feeds.byName("blog").orElseThrow().id();
        Entry entry = new Entry(
                "elsewhere",
                "Elsewhere",
                URI.create("https://blog.example/elsewhere"),
                null,
                WEDNESDAY,
                null,
                List.of(),
                "<p>x</p>",
                "x",
                null,
                null);
        FetchState state = new FetchState(WEDNESDAY, Outcome.OK, 200, null, "\"v1\"", null, null, null, null);
        refreshes.commit(new RefreshBatch(id, state, List.of(new EntryWrite(entry, "h", null)), List.of()));

        assertThat(refresh().routine()).isTrue();
        assertThat(lastDates()).containsExactly(WEDNESDAY, MONDAY);
    }

    @Test
    void anEntryWhoseDateChangedIsScheduledWithItsNewDate() {
        server.route(
                "/feed.xml",
                FixtureResponse.ok("application/rss+xml", rss(MONDAY)).etag("\"v1\""));
        refresh();
        refresh();
        assertThat(lastDates()).containsExactly(MONDAY);

        // The same entry (same GUID, so the same count of entries) now carries another date.
        server.route(
                "/feed.xml",
                FixtureResponse.ok("application/rss+xml", rss(WEDNESDAY)).etag("\"v2\""));
        assertThat(refresh().updatedEntries()).isEqualTo(1);
        assertThat(refresh().routine()).isTrue();
        assertThat(lastDates()).containsExactly(WEDNESDAY);
    }

    @Test
    void itemsThatShareOneGuidAreEachKeptUnderTheirOwnLink() {
        String items =
                "<item><guid>http://example.org/</guid><title>One</title><link>http://example.org/1</link></item>"
                        + "<item><guid>http://example.org/</guid><title>Two</title><link>http://example.org/2</link></item>"
                        + "<item><guid>http://example.org/</guid><title>Three</title></item>"
                        + "<item><guid>unique-4</guid><title>Four</title><link>http://example.org/4</link></item>";
        server.route(
                "/feed.xml",
                FixtureResponse.ok(
                        "application/rss+xml",
                        "<rss version=\"2.0\"><channel><title>Blog</title>" + items + "</channel></rss>"));

        assertThat(refresh().newEntries()).isEqualTo(4);
        assertThat(feeds.byName("blog").orElseThrow().entryCount()).isEqualTo(4);
        // The same document again is nothing new: the fallback keys are stable.
        assertThat(refresh().newEntries()).isZero();
    }

    @Test
    void jsonItemsWhoseIdIsNullInDifferentRefreshesStaySeparateStories() {
        // Each document has one item, so no id is shared within a document: only the rule that a coerced id
        // ("null") never keys an entry keeps the second story from overwriting the first.
        server.route(
                "/feed.xml",
                FixtureResponse.ok(
                        "application/feed+json",
                        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": null, "
                                + "\"url\": \"http://example.org/1\", \"content_text\": \"One\"}]}"));
        assertThat(refresh().newEntries()).isEqualTo(1);

        server.route(
                "/feed.xml",
                FixtureResponse.ok(
                        "application/feed+json",
                        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": null, "
                                + "\"url\": \"http://example.org/2\", \"content_text\": \"Two\"}]}"));
        assertThat(refresh().newEntries()).isEqualTo(1);

        assertThat(feeds.byName("blog").orElseThrow().entryCount()).isEqualTo(2);
    }

    @Test
    void keysARelativeAtomIdByTheContentLocationTheServerGave() {
        server.route(
                "/feed.xml",
                FixtureResponse.ok(
                                "application/atom+xml",
                                "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title>"
                                        + "<entry><id>/posts/1</id><title>One</title></entry></feed>")
                        .header("Content-Location", "http://example.com/feeds/all.xml"));

        assertThat(refresh().newEntries()).isEqualTo(1);

        assertThat(feeds.entryHashes(feeds.byName("blog").orElseThrow().id()))
                .containsOnlyKeys("http://example.com/posts/1");
    }

    @Test
    void storesAnEmptyTitleOrUrlAsNoneAtAll() {
        org.gleaner.feed.ParsedEntry item = new org.gleaner.feed.ParsedEntry(
                "1", "", " ", "", "<p>text</p>", null, null, null, List.of(), List.of());

        org.gleaner.feed.ParsedEntry stored = FeedRefresher.withoutBlanks(item);

        assertThat(stored.title()).isNull();
        assertThat(stored.link()).isNull();
        assertThat(stored.summary()).isNull();
        assertThat(stored.content()).isEqualTo("<p>text</p>");
        assertThat(stored.idIsKey()).isTrue();
    }
}
