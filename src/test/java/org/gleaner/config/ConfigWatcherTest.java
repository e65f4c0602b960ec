package org.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
    /** Generous bound for a busy machine; the queues return as soon as the watcher delivers. */
    private static final long WAIT_SECONDS = 30;

    private static final String ONE_FEED = "feeds:\n  - name: a\n    url: https://a.example/feed\n";
    private static final String TWO_FEEDS = ONE_FEED + "  - name: b\n    url: https://b.example/feed\n";

    @TempDir
    Path dir;

    private final BlockingQueue<GleanerConfig> changes = new LinkedBlockingQueue<>();
    private final BlockingQueue<ConfigException> errors = new LinkedBlockingQueue<>();

    private Path file() {
        return dir.resolve("feeds.yaml");
    }

    private void writeInPlace(String text) throws IOException {
        Files.writeString(file(), text, StandardCharsets.UTF_8);
    }

    /** The way many editors save: write a new file, rename it over the old one. */
    private void replaceByRename(String text) throws IOException {
        Path temp = dir.resolve("feeds.yaml.swp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private GleanerConfig nextChange() throws InterruptedException {
        GleanerConfig config = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(config).as("a change within %ss", WAIT_SECONDS).isNotNull();
        return config;
    }

    private ConfigException nextError() throws InterruptedException {
        ConfigException error = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(error).as("an error within %ss", WAIT_SECONDS).isNotNull();
        return error;
    }

    @Test
    void deliversTheNewConfigWhenAFeedIsAdded() throws Exception {
        writeInPlace(ONE_FEED);
        try (ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add)) {
            watcher.start();

            writeInPlace(TWO_FEEDS);

            assertThat(nextChange().feeds()).extracting(FeedConfig::name).containsExactly("a", "b");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void followsAnEditorThatReplacesTheFile() throws Exception {
        writeInPlace(ONE_FEED);
        try (ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add)) {
            watcher.start();

            replaceByRename(TWO_FEEDS);

            assertThat(nextChange().feeds()).hasSize(2);
            assertThat(Objects.requireNonNull(watcher.current()).feeds()).hasSize(2);
        }
    }

    @Test
    void reportsAnInvalidEditAndKeepsThePreviousConfig() throws Exception {
        writeInPlace(ONE_FEED);
        try (ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add)) {
            watcher.start();
            GleanerConfig before = watcher.current();

            writeInPlace(ONE_FEED + "  - name: b\n    url: https://b.example/feed\n    evry: 1h\n");

            ConfigException error = nextError();
            assertThat(error.line()).isEqualTo(6);
            assertThat(error.key()).isEqualTo("feeds[1].evry");
            assertThat(changes).isEmpty();
            assertThat(watcher.current()).isEqualTo(before);

            replaceByRename(TWO_FEEDS);

            assertThat(nextChange().feeds()).extracting(FeedConfig::name).containsExactly("a", "b");
            assertThat(watcher.isRunning()).isTrue();
        }
    }

    @Test
    void reportsRecoveryToTheSameConfigAfterAnError() throws Exception {
        writeInPlace(ONE_FEED);
        try (ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add)) {
            watcher.start();

            writeInPlace("feeds:\n\t- url: https://a.example/feed\n");
            assertThat(nextError().problem()).startsWith("invalid YAML");

            writeInPlace(ONE_FEED);
            assertThat(nextChange()).isEqualTo(ConfigLoader.parse(ONE_FEED, file().toString()));
        }
    }

    @Test
    void aCommentOnlyEditIsNotAChange() throws Exception {
        writeInPlace(ONE_FEED);
        try (ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add)) {
            watcher.start();

            writeInPlace("# a comment\n" + ONE_FEED);
            awaitReload(watcher, 1);

            assertThat(changes).isEmpty();
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void otherFilesInTheDirectoryAreNotRead() throws Exception {
        writeInPlace(ONE_FEED);
        try (ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add)) {
            watcher.start();

            Files.writeString(dir.resolve("notes.txt"), "not a config", StandardCharsets.UTF_8);
            // Let a watcher that wrongly reacts to notes.txt finish that read on its own before the real edit.
            TimeUnit.MILLISECONDS.sleep(ConfigWatcher.DEBOUNCE.toMillis() * 3);
            writeInPlace(TWO_FEEDS);
            nextChange();

            assertThat(watcher.reloads()).isEqualTo(1);
        }
    }

    private static void awaitReload(ConfigWatcher watcher, int count) throws InterruptedException {
        for (int i = 0; i < WAIT_SECONDS * 20 && watcher.reloads() < count; i++) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        assertThat(watcher.reloads()).as("reloads").isGreaterThanOrEqualTo(count);
    }

    @Test
    void reportsADeletedFileAsAnErrorAndPicksUpItsReturn() throws Exception {
        writeInPlace(ONE_FEED);
        try (ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add)) {
            watcher.start();

            Files.delete(file());
            assertThat(nextError().problem()).isEqualTo("no such file");

            writeInPlace(TWO_FEEDS);
            assertThat(nextChange().feeds()).hasSize(2);
        }
    }

    @Test
    void waitsForADirectoryThatDoesNotExistYet() throws Exception {
        Path later = dir.resolve("later").resolve("feeds.yaml");
        try (ConfigWatcher watcher = new ConfigWatcher(later, changes::add, errors::add)) {
            watcher.start();
            assertThat(watcher.current()).isNull();

            Files.createDirectories(later.getParent());
            Files.writeString(later, ONE_FEED, StandardCharsets.UTF_8);

            assertThat(nextChange().feeds()).extracting(FeedConfig::name).containsExactly("a");
        }
    }

    @Test
    void closeStopsTheNamedDaemonThread() throws Exception {
        writeInPlace(ONE_FEED);
        ConfigWatcher watcher = new ConfigWatcher(file(), changes::add, errors::add);
        watcher.start();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ConfigWatcher.THREAD_NAME))
                .findFirst()
                .orElseThrow();
        assertThat(thread.isDaemon()).isTrue();

        watcher.close();

        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(thread.isAlive()).isFalse();
        assertThat(watcher.isRunning()).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopTheWatching() throws Exception {
        writeInPlace(ONE_FEED);
        BlockingQueue<GleanerConfig> seen = new LinkedBlockingQueue<>();
        try (ConfigWatcher watcher = new ConfigWatcher(
                file(),
                config -> {
                    seen.add(config);
                    throw new IllegalStateException("listener bug");
                },
                errors::add)) {
            watcher.start();

            writeInPlace(TWO_FEEDS);
            assertThat(seen.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
            writeInPlace(ONE_FEED);
            GleanerConfig again = seen.poll(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(again).isNotNull();
            assertThat(again.feeds()).hasSize(1);
        }
    }
}
