package org.gleaner.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.gleaner.alert.AlertMatcher;
import org.gleaner.alert.DeliveryWorker;
import org.gleaner.alert.MailSender;
import org.gleaner.alert.QueryMonitor;
import org.gleaner.alert.Sender;
import org.gleaner.alert.Watches;
import org.gleaner.alert.WebhookSender;
import org.gleaner.config.GleanerConfig;
import org.gleaner.config.MailConfig;
import org.gleaner.config.WatchConfig;
import org.gleaner.extract.ArticleExtractor;
import org.gleaner.feed.FeedParser;
import org.gleaner.fetch.AddressPolicy;
import org.gleaner.fetch.FetchSettings;
import org.gleaner.fetch.HttpFetcher;
import org.gleaner.index.ArticleIndex;
import org.gleaner.ingest.FeedDiscovery;
import org.gleaner.ingest.FeedRefresher;
import org.gleaner.ingest.RefreshReport;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;
import org.gleaner.schedule.RefreshPolicy;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.store.AlertStore;
import org.gleaner.store.ArticleReader;
import org.gleaner.store.ArticleStore;
import org.gleaner.store.Database;
import org.gleaner.store.DeliveryStore;
import org.gleaner.store.FeedStore;
import org.gleaner.store.RefreshStore;
import org.gleaner.store.SqliteChangeLog;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.gleaner.store.WatchStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Gleaner's objects over one data directory and closes them in reverse order. The only place
 * that picks real implementations and the system clock (DESIGN invariant 7).
 */
public final class Application implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Application.class);
    /** Feeds refreshed at once by {@code gleaner fetch}; per-host politeness is enforced by the fetcher. */
    private static final int PARALLEL_REFRESHES = 4;

    private volatile GleanerConfig config;
    /** The configured feeds by name: every scheduled refresh looks its feed up here. */
    private volatile Map<String, FeedSpec> specsByName;

    private volatile @Nullable String configError;
    private volatile List<String> watchProblems = List.of();
    private final Path dataDir;
    private final InstantSource clock;
    private final Database database;
    private final FeedStore feedStore;
    private final SqliteChangeLog changeLog;
    private final HttpFetcher fetcher;
    private final FeedRefresher refresher;
    private final ArticleReader articleReader;
    private @Nullable ArticleIndex index;
    private final WatchStore watchStore;
    private final AlertStore alertStore;
    private final DeliveryStore deliveryStore;
    private @Nullable QueryMonitor queryMonitor;
    private @Nullable ScheduledExecutorService alerting;
    private volatile boolean closing;

    private Application(GleanerConfig config, Path dataDir, InstantSource clock) {
        this.config = config;
        this.specsByName = byName(config);
        this.dataDir = dataDir;
        this.clock = clock;
        this.database = Database.open(dataDir.resolve("gleaner.db"));
        this.feedStore = new FeedStore(database);
        this.changeLog = new SqliteChangeLog(database);
        this.fetcher = Tools.fetcher(config, clock);
        this.articleReader = new ArticleReader(database);
        this.refresher = new FeedRefresher(
                fetcher,
                new FeedParser(),
                new ArticleExtractor(),
                feedStore,
                new ArticleStore(database),
                new RefreshStore(database),
                new RefreshPolicy(
                        config.defaults().every(),
                        config.defaults().minEvery(),
                        config.defaults().maxEvery(),
                        () -> ThreadLocalRandom.current().nextDouble()),
                Tools.addressPolicy(config),
                clock);
        this.watchStore = new WatchStore(database);
        this.alertStore = new AlertStore(database);
        this.deliveryStore = new DeliveryStore(database);
    }

    /** Opens the data directory and applies the configuration file's watches. */
    public static Application open(GleanerConfig config, Path dataDir) {
        Application app = new Application(config, dataDir, InstantSource.system());
        app.syncWatches();
        return app;
    }

    public GleanerConfig config() {
        return config;
    }

    public InstantSource clock() {
        return clock;
    }

    public FeedStore feeds() {
        return feedStore;
    }

    /** Read-only views of stored documents and store counters, for the web pages. */
    public ArticleReader articles() {
        return articleReader;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Finds the feed behind an address (the feed itself or a page announcing one), through the fetcher. */
    public FeedDiscovery.Result discover(URI address) {
        return new FeedDiscovery(fetcher, new FeedParser()).discover(address);
    }

    /** The last change-log sequence whose documents searches see (0 before the index is opened). */
    public long indexedSequence() {
        ArticleIndex current = index;
        return current == null ? 0 : current.searchableSequence();
    }

    /** Index figures for the status page: applied sequence, documents, size on disk. */
    public Map<String, Object> indexStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        ArticleIndex current = index;
        status.put("appliedSequence", current == null ? null : current.appliedSequence());
        try {
            status.put("documents", current == null ? null : current.documentCount());
        } catch (IOException e) {
            status.put("documents", null);
        }
        long bytes = 0;
        Path directory = dataDir.resolve("articles");
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                bytes = files.filter(Files::isRegularFile)
                        .mapToLong(file -> file.toFile().length())
                        .sum();
            } catch (IOException | UncheckedIOException e) {
                // A segment merged away while walking: the size is approximate anyway.
            }
        }
        status.put("bytes", bytes);
        return status;
    }

    /** The configured feed of that name, if any. */
    public Optional<FeedSpec> feedSpec(String name) {
        return Optional.ofNullable(specsByName.get(name));
    }

    private static Map<String, FeedSpec> byName(GleanerConfig config) {
        Map<String, FeedSpec> specs = new HashMap<>();
        config.feedSpecs().forEach(spec -> specs.put(spec.name(), spec));
        return Map.copyOf(specs);
    }

    /** Makes the stored feeds match the configuration. */
    public void syncFeeds() {
        feedStore.sync(config.feedSpecs());
    }

    /**
     * Takes a changed configuration while running: feeds added, removed or changed take effect at
     * once. HTTP settings and {@code allow_networks} take effect at the next start.
     */
    public void applyConfig(GleanerConfig changed) {
        this.config = changed;
        this.specsByName = byName(changed);
        this.configError = null;
        syncFeeds();
        syncWatches();
    }

    /**
     * Makes the stored watches match the configuration's {@code watches:}. A declared watch that is
     * refused (its query does not parse, a channel is malformed) is logged and shown by the health
     * check; the other watches apply.
     */
    public void syncWatches() {
        List<Watches.Declared> declared = new ArrayList<>();
        for (WatchConfig watch : config.watches()) {
            List<WatchChannel.Spec> channels = new ArrayList<>();
            watch.webhooks().forEach(url -> channels.add(new WatchChannel.Spec(WatchChannel.Kind.WEBHOOK, url, null)));
            watch.slack().forEach(url -> channels.add(new WatchChannel.Spec(WatchChannel.Kind.SLACK, url, null)));
            watch.emails().forEach(to -> channels.add(new WatchChannel.Spec(WatchChannel.Kind.EMAIL, to, null)));
            Watch.Pace pace = Watch.Pace.parse(watch.pace()).orElse(Watch.Pace.IMMEDIATE);
            declared.add(new Watches.Declared(
                    new Watches.Request(
                            watch.name(), watch.query(), pace, channels, watch.privateFeed(), watch.backfillDays()),
                    watch.where()));
        }
        Watches.Applied applied = watches().applyDeclared(declared);
        if (!applied.created().isEmpty()
                || !applied.updated().isEmpty()
                || !applied.removed().isEmpty()) {
            log.info(
                    "watches from the configuration: created {}, updated {}, removed {}",
                    applied.created(),
                    applied.updated(),
                    applied.removed());
        }
        applied.problems().forEach(problem -> log.error("watch not applied: {}", problem));
        this.watchProblems = applied.problems();
    }

    /** An invalid edit of the configuration file: the running configuration stays, the error is shown. */
    public void rejectConfig(String error) {
        this.configError = error;
    }

    /** Refreshes every configured feed (or the one named) once, a few at a time, in configuration order. */
    public List<RefreshReport> refreshAll(@Nullable String onlyFeed) {
        syncFeeds();
        List<FeedSpec> specs = config.feedSpecs().stream()
                .filter(spec -> onlyFeed == null || spec.name().equals(onlyFeed))
                .toList();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_REFRESHES, task -> {
            Thread thread = new Thread(task, "refresh-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RefreshReport>> running = new ArrayList<>();
            for (FeedSpec spec : specs) {
                running.add(pool.submit(() -> refresh(spec)));
            }
            List<RefreshReport> reports = new ArrayList<>();
            for (Future<RefreshReport> future : running) {
                reports.add(future.get());
            }
            matchAndDeliver();
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while refreshing feeds", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("refresh failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Where Gleaner's pages are reached, for links in alerts ({@code GLEANER_PUBLIC_URL} overrides). */
    public URI publicBase() {
        String configured = System.getenv("GLEANER_PUBLIC_URL");
        if (configured != null && !configured.isBlank()) {
            return URI.create(configured.endsWith("/") ? configured : configured + "/");
        }
        return URI.create(
                "http://" + config.server().bind() + ":" + config.server().port() + "/");
    }

    /** Watches: what the CLI and the API do with saved queries. */
    public Watches watches() {
        return new Watches(watchStore, alertStore, deliveryStore, changeLog, this::searcher, clock, publicBase());
    }

    /** The saved-query index ({@code index/queries/}), opened on first use and rebuilt when missing. */
    private synchronized QueryMonitor queryMonitor() {
        if (closing) {
            throw new IllegalStateException("Gleaner is shutting down");
        }
        if (queryMonitor == null) {
            queryMonitor = QueryMonitor.open(dataDir.resolve("queries"), clock);
        }
        return queryMonitor;
    }

    /**
     * Matches new articles against the watches, then sends what is due. Returns the alerts created;
     * a failure is logged (broken alerting must not stop fetching).
     */
    public int matchAndDeliver() {
        if (closing) {
            return 0;
        }
        try {
            int created = new AlertMatcher(changeLog, alertStore, watchStore, queryMonitor(), clock)
                    .catchUp()
                    .size();
            int delivered = deliveryWorker().deliverDue();
            if (created > 0 || delivered > 0) {
                log.info("alerts: {} new, {} delivered", created, delivered);
            }
            return created;
        } catch (RuntimeException e) {
            log.error("matching or delivering alerts failed", e);
            return 0;
        }
    }

    /**
     * Sends what is due without matching (the CLI after a replay or a backfill: the query index may
     * be held by a running server). Returns the alerts delivered.
     */
    public int deliverDue() {
        try {
            return deliveryWorker().deliverDue();
        } catch (RuntimeException e) {
            log.error("delivering alerts failed", e);
            return 0;
        }
    }

    /** Sends a made-up alert to each channel of the watch now (the web page's "send test"). */
    public List<DeliveryWorker.TestResult> sendTestAlert(Watch watch) {
        return deliveryWorker().sendTest(watch);
    }

    private DeliveryWorker deliveryWorker() {
        Map<WatchChannel.Kind, Sender> senders = new java.util.EnumMap<>(WatchChannel.Kind.class);
        WebhookSender webhooks = new WebhookSender(fetcher, clock, publicBase());
        senders.put(WatchChannel.Kind.WEBHOOK, webhooks);
        senders.put(WatchChannel.Kind.SLACK, webhooks);
        MailSender.Settings mail = mailSettings();
        if (mail != null) {
            senders.put(WatchChannel.Kind.EMAIL, new MailSender(mail, publicBase()));
        }
        return new DeliveryWorker(
                deliveryStore, senders, clock, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The SMTP server: {@code GLEANER_SMTP_*} variables when set, else the configuration's {@code mail:}. */
    private MailSender.@Nullable Settings mailSettings() {
        MailSender.Settings fromEnvironment = MailSender.Settings.fromEnvironment(System.getenv());
        MailConfig mail = config.mail();
        if (fromEnvironment != null || mail == null) {
            return fromEnvironment;
        }
        return new MailSender.Settings(
                mail.host(), mail.port(), mail.from(), mail.user(), System.getenv(mail.passwordEnv()), mail.startTls());
    }

    /** Keeps alerts flowing while the process runs: match and deliver every {@code interval}. */
    public synchronized void startAlerting(Duration interval) {
        if (alerting != null) {
            return;
        }
        alerting = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "alerts");
            thread.setDaemon(true);
            return thread;
        });
        var unused =
                alerting.scheduleWithFixedDelay(this::matchAndDeliver, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Refreshes one configured feed now. */
    public RefreshReport refresh(FeedSpec spec) {
        FeedStatus status = feedStore
                .byName(spec.name())
                .orElseThrow(() -> new IllegalStateException("feed " + spec.name() + " is not stored"));
        return refresher.refresh(status, spec);
    }

    /** The article index, opened on first use and brought up to date with the store. */
    public synchronized ArticleIndex index() {
        if (index == null) {
            try {
                ArticleIndex opened = ArticleIndex.open(dataDir.resolve("articles"), changeLog);
                int applied = opened.catchUp();
                if (applied > 0) {
                    log.info("index caught up with {} changes from the store", applied);
                }
                index = opened;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the article index in " + dataDir.resolve("articles"), e);
            }
        }
        return index;
    }

    public ArticleSearcher searcher() {
        return new ArticleSearcher(index(), clock);
    }

    /** Deletes the derived article index and rebuilds it from the store's change log. */
    public synchronized int reindex() {
        closeIndex();
        deleteRecursively(dataDir.resolve("articles"));
        if (queryMonitor != null) {
            queryMonitor.close();
            queryMonitor = null;
        }
        deleteRecursively(dataDir.resolve("queries"));
        queryMonitor().sync(watchStore);
        try {
            return (int) Math.min(Integer.MAX_VALUE, index().documentCount());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the index fresh while the process runs: new store commits are searchable within a second. */
    public void startIndexTailing() {
        index().startTailing(Duration.ofMillis(200));
    }

    public Map<String, Object> health() {
        ArticleIndex current = index;
        Map<String, Object> health = new LinkedHashMap<>();
        List<String> problems = watchProblems;
        health.put("status", configError == null && problems.isEmpty() ? "ok" : "degraded");
        health.put("feeds", config.feeds().size());
        health.put("storeSequence", changeLog.head());
        health.put("indexedSequence", current == null ? null : current.searchableSequence());
        health.put("configError", configError);
        health.put("watchErrors", problems);
        return health;
    }

    private void closeIndex() {
        if (index != null) {
            try {
                index.close();
            } catch (IOException e) {
                log.warn("closing the article index failed: {}", e.getMessage());
            }
            index = null;
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            closing = true;
            stopping = alerting;
        }
        if (stopping != null) {
            // No interrupt: an interrupted thread in the middle of Lucene file I/O closes the file's
            // channel and can invalidate the query index's write lock. The pass in progress finishes
            // (it sees `closing` and stops early) before the monitor closes under it.
            stopping.shutdown();
            try {
                if (!stopping.awaitTermination(30, TimeUnit.SECONDS)) {
                    log.warn("alerting did not stop within 30 s; closing anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (queryMonitor != null) {
                queryMonitor.close();
                queryMonitor = null;
            }
            closeIndex();
            fetcher.close();
            database.close();
        }
    }

    /** Objects that commands without a data directory ({@code inspect}, {@code extract}) also need. */
    public static final class Tools {
        private Tools() {}

        public static HttpFetcher fetcher(GleanerConfig config, InstantSource clock) {
            FetchSettings settings = new FetchSettings(
                    userAgent(config),
                    addressPolicy(config),
                    config.http().perHostDelay(),
                    config.http().perHostConcurrency(),
                    true);
            return new HttpFetcher(settings, clock);
        }

        /** Public addresses only, plus the networks {@code allow_networks} opens. */
        public static AddressPolicy addressPolicy(GleanerConfig config) {
            return AddressPolicy.allowing(config.allowNetworks());
        }

        public static HttpFetcher fetcher(GleanerConfig config) {
            return fetcher(config, InstantSource.system());
        }

        private static String userAgent(GleanerConfig config) {
            String configured = config.http().userAgent();
            return configured != null ? configured : FetchSettings.defaultUserAgent();
        }
    }
}
