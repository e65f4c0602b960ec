package org.gleaner.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.gleaner.index.ArticleIndex;
import org.gleaner.index.FakeChangeLog;
import org.gleaner.model.SearchDocument;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.store.AlertStore;
import org.gleaner.store.Database;
import org.gleaner.store.DeliveryStore;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.gleaner.store.WatchStore;

/** A database, a fake change log, the article index and the watch machinery on a movable clock. */
final class AlertFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2024-12-10T12:00:00Z");

    final AtomicReference<Instant> now = new AtomicReference<>(START);
    final InstantSource clock = now::get;
    final Path dir;
    final Database database;
    final FakeChangeLog log = new FakeChangeLog();
    final WatchStore watchStore;
    final AlertStore alertStore;
    final DeliveryStore deliveryStore;
    final ArticleIndex index;
    final QueryMonitor monitor;
    final AlertMatcher matcher;
    final Watches watches;

    AlertFixture(Path dir) {
        this.dir = dir;
        database = Database.open(dir.resolve("gleaner.db"));
        watchStore = new WatchStore(database);
        alertStore = new AlertStore(database);
        deliveryStore = new DeliveryStore(database);
        try {
            index = ArticleIndex.open(dir.resolve("articles"), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        monitor = QueryMonitor.open(dir.resolve("queries"), clock);
        matcher = new AlertMatcher(log, alertStore, watchStore, monitor, clock);
        watches = new Watches(
                watchStore,
                alertStore,
                deliveryStore,
                log,
                () -> new ArticleSearcher(index, clock),
                clock,
                URI.create("http://gleaner.test/"));
    }

    void advance(Duration by) {
        now.set(now.get().plus(by));
    }

    AlertFixture add(FakeChangeLog.Doc... docs) {
        for (FakeChangeLog.Doc doc : docs) {
            SearchDocument built = doc.build();
            log.put(built);
        }
        try {
            index.catchUp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Watch watch(String name, String query, WatchChannel.Spec... channels) throws WatchException {
        return watch(name, query, Watch.Pace.IMMEDIATE, channels);
    }

    Watch watch(String name, String query, Watch.Pace pace, WatchChannel.Spec... channels) throws WatchException {
        return watches.create(new Watches.Request(name, query, pace, List.of(channels), false, 0))
                .watch();
    }

    @Override
    public void close() throws IOException {
        monitor.close();
        index.close();
        database.close();
    }
}
