package org.gleaner.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches {@code feeds.yaml} for the running process (issue 3): adding, removing or changing a feed takes
 * effect without a restart, and an invalid edit is reported while the previous configuration stays.
 *
 * <p>The parent directory is watched, not the file, because many editors save by writing a new file and
 * renaming it over the old one, which a watch on the file itself would lose. Events are debounced: the
 * file is read once the directory has been quiet for {@link #DEBOUNCE}, so a save in several steps
 * (truncate, write, rename) is read once, complete. {@code onChange} is called when the loaded
 * configuration differs from the last good one (comment-only edits are not changes), and after an error
 * has been fixed; {@code onError} for every save that does not load. Both run on the watcher thread.
 */
public final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);

    /** Quiet time after the last event before the file is read: longer than an editor's save sequence. */
    static final Duration DEBOUNCE = Duration.ofMillis(300);

    /** A file that keeps changing is still read after this many debounce periods. */
    private static final int MAX_DEBOUNCE_ROUNDS = 20;

    /** How often the thread checks that its directory is still watched (and re-watches it if not). */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    static final String THREAD_NAME = "gleaner-config-watcher";

    private final Path file;
    private final Path dir;
    private final Path fileName;
    private final Consumer<GleanerConfig> onChange;
    private final Consumer<ConfigException> onError;
    private final Object lock = new Object();

    private @Nullable Thread thread;
    private @Nullable WatchService watchService;
    private volatile boolean closed;

    /** The last configuration that loaded; null before the first good load. */
    private volatile @Nullable GleanerConfig current;

    /** How many times the file was read after a change (for tests). */
    private final AtomicInteger reloads = new AtomicInteger();

    /** The last read failed, so the next good read is news even if equal to {@link #current}. */
    private boolean failing;

    public ConfigWatcher(Path file, Consumer<GleanerConfig> onChange, Consumer<ConfigException> onError) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        Path name = absolute.getFileName();
        if (parent == null || name == null) {
            throw new IllegalArgumentException("not a file path: " + file);
        }
        this.file = file;
        this.dir = parent;
        this.fileName = name;
        this.onChange = onChange;
        this.onError = onError;
    }

    /**
     * Takes the file's current content as the baseline and starts the daemon thread {@value
     * #THREAD_NAME}. Start it right after loading the configuration the process runs with.
     */
    public void start() {
        synchronized (lock) {
            if (closed || thread != null) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            WatchService ws;
            try {
                ws = dir.getFileSystem().newWatchService();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot watch " + dir, e);
            }
            watchService = ws;
            // Watch before reading the baseline, so no save between the two goes unseen.
            WatchKey key = register(ws);
            try {
                current = ConfigLoader.load(file);
            } catch (ConfigException e) {
                // The process started with embedded defaults or failed already; the next good save is news.
                failing = true;
            }
            Thread t = new Thread(() -> run(ws, key), THREAD_NAME);
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** The last configuration that loaded (the baseline, or the latest good save); null if none has. */
    public @Nullable GleanerConfig current() {
        return current;
    }

    /** Whether the watcher thread is alive (for tests and health checks). */
    boolean isRunning() {
        Thread t;
        synchronized (lock) {
            t = thread;
        }
        return t != null && t.isAlive();
    }

    /** How many times the watcher has read the file after an event. */
    int reloads() {
        return reloads.get();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = thread;
            WatchService ws = watchService;
            if (ws != null) {
                try {
                    ws.close();
                } catch (IOException e) {
                    LOG.warn("closing the watch on {} failed", dir, e);
                }
            }
        }
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(RECHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(WatchService ws, @Nullable WatchKey firstKey) {
        WatchKey key = firstKey;
        try {
            while (!closed) {
                if (key == null || !key.isValid()) {
                    key = register(ws);
                    if (key == null) {
                        TimeUnit.MILLISECONDS.sleep(RECHECK.toMillis());
                        continue;
                    }
                    // The directory was not watched for a while; whatever happened to the file meanwhile counts.
                    settleAndReload(ws);
                }
                WatchKey signalled = ws.poll(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (signalled != null && concernsFile(signalled)) {
                    settleAndReload(ws);
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // close() was called: the thread ends.
        }
    }

    /** Waits until the directory has been quiet for {@link #DEBOUNCE}, then reads the file. */
    private void settleAndReload(WatchService ws) throws InterruptedException {
        for (int round = 0; round < MAX_DEBOUNCE_ROUNDS; round++) {
            WatchKey more = ws.poll(DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
            if (more == null) {
                break;
            }
            concernsFile(more);
        }
        reload();
    }

    private @Nullable WatchKey register(WatchService ws) {
        try {
            return dir.register(
                    ws,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("cannot watch {}: {}", dir, e.toString());
            return null;
        }
    }

    /** Drains {@code key}; true when one of its events may have changed the file. */
    private boolean concernsFile(WatchKey key) {
        boolean concerns = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || fileName.equals(event.context())) {
                concerns = true;
            }
        }
        key.reset();
        // A symbolic link may point anywhere in the directory (e.g. a swapped "..data" link).
        return concerns || Files.isSymbolicLink(file);
    }

    private void reload() throws InterruptedException {
        reloads.incrementAndGet();
        GleanerConfig config;
        try {
            config = ConfigLoader.load(file);
            GleanerConfig previous = current;
            if (config.feeds().isEmpty()
                    && previous != null
                    && !previous.feeds().isEmpty()) {
                // Losing every feed at once is more likely a save caught half-way; read once more to be sure.
                TimeUnit.MILLISECONDS.sleep(DEBOUNCE.toMillis());
                config = ConfigLoader.load(file);
            }
        } catch (ConfigException e) {
            failing = true;
            LOG.warn("{} not applied, keeping the running configuration: {}", file, e.getMessage());
            deliver(onError, e);
            return;
        }
        if (failing || !config.equals(current)) {
            failing = false;
            current = config;
            LOG.info("{} changed: {} feeds", file, config.feeds().size());
            deliver(onChange, config);
        }
    }

    private static <T> void deliver(Consumer<T> consumer, T value) {
        try {
            consumer.accept(value);
        } catch (RuntimeException e) {
            // A failing listener must not stop the watching.
            LOG.error("configuration listener failed", e);
        }
    }
}
