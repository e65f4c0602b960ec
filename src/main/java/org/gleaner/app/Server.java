package org.gleaner.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.gleaner.config.ConfigWatcher;
import org.gleaner.ingest.RefreshReport;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;
import org.gleaner.schedule.RefreshScheduler;
import org.gleaner.schedule.RefreshScheduler.ScheduledFeed;
import org.gleaner.web.WebServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gleaner run}: the scheduler and the web server over one {@link Application}. Stopping closes
 * them in reverse order: no new requests, running refreshes finish, then the index and database close.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);
    /** When a refresh failed with an unexpected exception, the feed is tried again after this. */
    private static final Duration RETRY_AFTER_CRASH = Duration.ofMinutes(10);
    /** New articles meet the watches, and due alerts go out, this often. */
    private static final Duration ALERT_INTERVAL = Duration.ofSeconds(1);

    private final Application app;
    private final RefreshScheduler scheduler;
    private final WebServer web;
    private final @Nullable ConfigWatcher watcher;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Server(Application app, RefreshScheduler scheduler, WebServer web, @Nullable ConfigWatcher watcher) {
        this.app = app;
        this.scheduler = scheduler;
        this.web = web;
        this.watcher = watcher;
    }

    /**
     * Starts serving; the returned server runs until {@link #close()}.
     *
     * @param configFile the file to watch for edits, or null when running on embedded defaults
     */
    public static Server start(Application app, String bind, int port, @Nullable Path configFile) {
        app.syncFeeds();
        app.startIndexTailing();
        app.startAlerting(ALERT_INTERVAL);
        RefreshScheduler scheduler = new RefreshScheduler(name -> refreshQuietly(app, name), app.clock());
        WebServer web = new WebServer(bind, port, app::searcher, app.feeds(), app::health);
        web.start();
        scheduler.start(scheduled(app));
        ConfigWatcher watcher = null;
        if (configFile != null) {
            watcher = new ConfigWatcher(
                    configFile,
                    changed -> {
                        app.applyConfig(changed);
                        scheduler.sync(scheduled(app));
                        log.info(
                                "configuration reloaded: {} feeds",
                                changed.feeds().size());
                    },
                    error -> {
                        app.rejectConfig(String.valueOf(error.getMessage()));
                        log.error(
                                "configuration edit rejected, still running the previous one: {}", error.getMessage());
                    });
            watcher.start();
        }
        return new Server(app, scheduler, web, watcher);
    }

    private static List<ScheduledFeed> scheduled(Application app) {
        return app.config().feedSpecs().stream()
                .map(spec -> new ScheduledFeed(spec.name(), nextCheck(app, spec)))
                .toList();
    }

    private static @Nullable Instant nextCheck(Application app, FeedSpec spec) {
        return app.feeds().byName(spec.name()).map(FeedStatus::nextCheck).orElse(null);
    }

    /** Refreshes one feed for the scheduler and says when it is due next. */
    private static Optional<Instant> refreshQuietly(Application app, String name) {
        Optional<FeedSpec> spec = app.config().feedSpecs().stream()
                .filter(s -> s.name().equals(name))
                .findFirst();
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        try {
            RefreshReport report = app.refresh(spec.get());
            log.info("{}", report.summaryLine());
            return Optional.ofNullable(report.nextCheck());
        } catch (RuntimeException e) {
            // Broken machinery for one feed must not stop its schedule: try again later.
            log.error("refreshing {} failed", name, e);
            return Optional.of(app.clock().instant().plus(RETRY_AFTER_CRASH));
        }
    }

    public int port() {
        return web.port();
    }

    /** Blocks until {@link #close()} has run (for example from a shutdown hook on Ctrl-C). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        try {
            if (watcher != null) {
                watcher.close();
            }
            web.close();
            scheduler.close();
            app.close();
        } finally {
            stopped.countDown();
        }
    }
}
