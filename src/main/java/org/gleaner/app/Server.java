package org.gleaner.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;
import org.gleaner.schedule.RefreshScheduler;
import org.gleaner.schedule.RefreshScheduler.ScheduledFeed;
import org.gleaner.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gleaner run}: the scheduler and the web server over one {@link Application}. Stopping closes
 * them in reverse order: no new requests, running refreshes finish, then the index and database close.
 */
public final class Server implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Server.class);

    private final Application app;
    private final RefreshScheduler scheduler;
    private final WebServer web;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Server(Application app, RefreshScheduler scheduler, WebServer web) {
        this.app = app;
        this.scheduler = scheduler;
        this.web = web;
    }

    /** Starts serving; the returned server runs until {@link #close()}. */
    public static Server start(Application app, String bind, int port) {
        app.syncFeeds();
        app.startIndexTailing();
        RefreshScheduler scheduler = new RefreshScheduler(name -> refreshQuietly(app, name), app.clock());
        WebServer web = new WebServer(bind, port, app::searcher, app.feeds(), app::health);
        web.start();
        List<ScheduledFeed> feeds = app.config().feedSpecs().stream()
                .map(spec -> new ScheduledFeed(spec.name(), spec.every(), nextCheck(app, spec)))
                .toList();
        scheduler.start(feeds);
        return new Server(app, scheduler, web);
    }

    private static java.time.@org.jspecify.annotations.Nullable Instant nextCheck(Application app, FeedSpec spec) {
        return app.feeds().byName(spec.name()).map(FeedStatus::nextCheck).orElse(null);
    }

    private static void refreshQuietly(Application app, String name) {
        app.config().feedSpecs().stream()
                .filter(spec -> spec.name().equals(name))
                .findFirst()
                .ifPresent(spec -> {
                    try {
                        log.info("{}", app.refresh(spec).summaryLine());
                    } catch (RuntimeException e) {
                        // Broken machinery for one feed must not kill the scheduler thread.
                        log.error("refreshing {} failed", name, e);
                    }
                });
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
            web.close();
            scheduler.close();
            app.close();
        } finally {
            stopped.countDown();
        }
    }
}
