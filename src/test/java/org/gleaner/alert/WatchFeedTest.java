package org.gleaner.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.index.FakeChangeLog.doc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.gleaner.feed.FeedParser;
import org.gleaner.feed.ParsedEntry;
import org.gleaner.feed.ParsedFeed;
import org.gleaner.store.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class WatchFeedTest {
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

    @Test
    void atomFeedListsEachAlertWithItsHighlightedPassageAndLinks() throws Exception {
        Watch watch = f.watch("homs", "homs");
        f.add(doc("a:1")
                .title("Homs & Hama")
                .text("Fighting <b>near</b> Homs today.")
                .url("https://news.example/1"));
        f.add(doc("a:1")
                .title("Homs & Hama")
                .text("Fighting <b>near</b> Homs today.")
                .url("https://news.example/1"));
        f.matcher.catchUp();

        String xml = f.watches.atom(watch.id(), null).orElseThrow();
        Document dom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(dom.getDocumentElement().getTagName()).isEqualTo("feed");
        assertThat(xml)
                .contains(
                        "xmlns=\"http://www.w3.org/2005/Atom\"",
                        "rel=\"self\"",
                        "/watches/" + watch.id() + "/feed.atom");

        ParsedFeed feed = (ParsedFeed) new FeedParser()
                .parse(
                        xml.getBytes(StandardCharsets.UTF_8),
                        "application/atom+xml",
                        URI.create("http://gleaner.test/"));
        assertThat(feed.title()).isEqualTo("Gleaner watch: homs");
        List<ParsedEntry> entries = feed.entries();
        assertThat(entries).hasSize(1);
        ParsedEntry entry = entries.get(0);
        assertThat(entry.title()).isEqualTo("Homs & Hama");
        assertThat(entry.link()).isEqualTo("https://news.example/1");
        assertThat(entry.id()).isEqualTo("urn:gleaner:" + DeliveryIds.forStory(watch.id(), "a:1"));
        assertThat(entry.summary()).contains("<mark>Homs</mark>").contains("&lt;b&gt;near");
        assertThat(xml).contains("rel=\"related\"", "http://gleaner.test/api/articles/a%3A1");
    }

    @Test
    void privateFeedNeedsItsToken() throws Exception {
        Watch watch = f.watches
                .create(new Watches.Request("secret", "homs", Watch.Pace.IMMEDIATE, List.of(), true, 0))
                .watch();
        assertThat(watch.feedToken()).isNotBlank();
        assertThat(f.watches.atom(watch.id(), null)).isEmpty();
        assertThat(f.watches.atom(watch.id(), "wrong")).isEmpty();
        assertThat(f.watches.atom(watch.id(), watch.feedToken())).isPresent();
        assertThat(f.watches.feedUri(watch).toString()).endsWith("?token=" + watch.feedToken());
        assertThat(f.watches.atom(watch.id() + 1, null)).isEmpty();
    }

    @Test
    void dryRunShowsRecentMatchesAndBackfillTurnsThemIntoAlerts() throws Exception {
        f.add(doc("a:recent").title("Homs recent").published(AlertFixture.START.minus(java.time.Duration.ofDays(2))));
        f.add(doc("a:old").title("Homs old").published(AlertFixture.START.minus(java.time.Duration.ofDays(30))));
        assertThat(f.watches.test("homs", 7))
                .extracting(Watches.TestHit::documentKey)
                .containsExactly("a:recent");
        Watches.Created created =
                f.watches.create(new Watches.Request("homs", "homs", Watch.Pace.IMMEDIATE, List.of(), false, 7));
        assertThat(created.backfilled()).isEqualTo(1);
        assertThat(f.watches.alerts(created.watch().id(), 10))
                .extracting(a -> a.documentKey())
                .containsExactly("a:recent");
        assertThat(f.matcher.catchUp()).isEmpty();
    }
}
