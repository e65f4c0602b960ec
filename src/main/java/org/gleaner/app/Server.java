package org.gleaner.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.gleaner.alert.DeliveryWorker;
import org.gleaner.alert.Watches;
import org.gleaner.config.ConfigException;
import org.gleaner.config.ConfigLoader;
import org.gleaner.config.ConfigWatcher;
import org.gleaner.config.FeedsFileEditor;
import org.gleaner.config.GleanerConfig;
import org.gleaner.ingest.FeedDiscovery;
import org.gleaner.ingest.RefreshReport;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;
import org.gleaner.schedule.RefreshScheduler;
import org.gleaner.schedule.RefreshScheduler.ScheduledFeed;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.store.ArticleReader;
import org.gleaner.store.FeedStore;
import org.gleaner.store.Watch;
import org.gleaner.web.WebBackend;
import org.gleaner.web.WebServer;
import org.gleaner.web.WebSettings;
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
    /** A paused feed's job wakes this often to see whether it was resumed. */
    private static final Duration PAUSED_RECHECK = Duration.ofMinutes(1);
    /** Where {@code gleaner run} without a config file writes feeds added in the browser. */
    private static final Path DEFAULT_CONFIG = Path.of("config", "feeds.yaml");
    /** Optional file in the data directory holding the admin password hash (one line). */
    static final String ADMIN_PASSWORD_FILE = "admin-password-hash";
    /** Optional file in the data directory holding the SHA-256 (hex) of the API token for scripts. */
    static final String API_TOKEN_FILE = "api-token-sha256";

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
        Set<String> paused = ConcurrentHashMap.newKeySet();
        RefreshLog refreshLog = new RefreshLog(app.clock());
        RefreshScheduler scheduler = new RefreshScheduler(
                name -> paused.contains(name)
                        ? Optional.of(app.clock().instant().plus(PAUSED_RECHECK))
                        : refreshQuietly(app, name, refreshLog),
                app.clock());
        // Feeds added in the browser go to the file being watched, else to the default file, which
        // is then read back at once (there is no watcher on a file that did not exist at start).
        Path editable = configFile != null ? configFile : DEFAULT_CONFIG;
        WebBackend backend = new Backend(app, scheduler, editable, paused, refreshLog);
        WebServer web = new WebServer(
                WebSettings.forBind(
                        bind,
                        port,
                        secret(app, "GLEANER_ADMIN_PASSWORD_HASH", ADMIN_PASSWORD_FILE),
                        secret(app, "GLEANER_API_TOKEN_SHA256", API_TOKEN_FILE)),
                backend,
                app.clock());
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

    /** A secret from the environment, else from a one-line file in the data directory, else none. */
    private static @Nullable String secret(Application app, String variable, String file) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return value.strip();
        }
        Path path = app.dataDir().resolve(file);
        try {
            return Files.exists(path)
                    ? Files.readString(path, StandardCharsets.UTF_8).strip()
                    : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The web server's view of the running application. */
    private static final class Backend implements WebBackend {
        private final Application app;
        private final RefreshScheduler scheduler;
        private final Path configFile;
        private final Set<String> paused;
        private final RefreshLog refreshLog;
        private final ExecutorService refreshNow = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "refresh-now");
            thread.setDaemon(true);
            return thread;
        });

        Backend(
                Application app,
                RefreshScheduler scheduler,
                Path configFile,
                Set<String> paused,
                RefreshLog refreshLog) {
            this.app = app;
            this.scheduler = scheduler;
            this.configFile = configFile;
            this.paused = paused;
            this.refreshLog = refreshLog;
        }

        @Override
        public ArticleSearcher searcher() {
            return app.searcher();
        }

        @Override
        public ArticleReader articles() {
            return app.articles();
        }

        @Override
        public FeedStore feeds() {
            return app.feeds();
        }

        @Override
        public GleanerConfig config() {
            return app.config();
        }

        @Override
        public FeedDiscovery.Result discover(URI address) {
            return app.discover(address);
        }

        @Override
        public synchronized void addFeeds(List<NewFeed> feeds) throws IOException, ConfigException {
            for (NewFeed feed : feeds) {
                FeedsFileEditor.appendFeed(configFile, feed.name(), feed.url(), feed.tags());
            }
            app.applyConfig(ConfigLoader.load(configFile));
            scheduler.sync(scheduled(app));
        }

        @Override
        public boolean refreshNow(String feedName) {
            boolean known = app.feedSpec(feedName).isPresent();
            if (known) {
                refreshNow.execute(() -> refreshQuietly(app, feedName, refreshLog));
            }
            return known;
        }

        @Override
        public boolean setPaused(String feedName, boolean pause) {
            boolean known = app.feedSpec(feedName).isPresent();
            if (known) {
                if (pause) {
                    paused.add(feedName);
                } else {
                    paused.remove(feedName);
                }
            }
            return known;
        }

        @Override
        public Set<String> pausedFeeds() {
            return Set.copyOf(paused);
        }

        @Override
        public Map<String, Object> indexStatus() {
            return app.indexStatus();
        }

        @Override
        public Watches watches() {
            return app.watches();
        }

        @Override
        public List<DeliveryWorker.TestResult> sendTestAlert(Watch watch) {
            return app.sendTestAlert(watch);
        }

        @Override
        public Map<String, Object> health() {
            return app.health();
        }

        @Override
        public long indexedSequence() {
            return app.indexedSequence();
        }
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
    private static Optional<Instant> refreshQuietly(Application app, String name, RefreshLog refreshLog) {
        Optional<FeedSpec> spec = app.feedSpec(name);
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        try {
            RefreshReport report = app.refresh(spec.get());
            refreshLog.record(report);
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
