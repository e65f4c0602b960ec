package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gleaner watch …} end to end on a fresh data directory. */
class WatchCommandIT {
    @TempDir
    Path dir;

    private Cli.Result watch(String... args) {
        List<String> all = new ArrayList<>(List.of("watch"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data", dir.resolve("data").toString()));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void watchLifecycleFromTheCommandLine() {
        Cli.Result added = watch(
                "add",
                "syria",
                "homs OR aleppo",
                "--webhook",
                "https://hooks.example/x",
                "--pace",
                "hourly",
                "--private");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("Created watch 'syria'", "whsec_", "feed.atom?token=");

        assertThat(watch("list").out()).contains("syria", "hourly", "active", "homs OR aleppo");
        assertThat(watch("pause", "syria").exitCode()).isZero();
        assertThat(watch("list").out()).contains("paused");
        assertThat(watch("resume", "syria").exitCode()).isZero();
        Cli.Result edited = watch("edit", "syria", "--query", "homs", "--pace", "daily");
        assertThat(edited.exitCode()).as(edited.err()).isZero();
        assertThat(watch("show", "syria").out()).contains("query:   homs", "daily", "No alerts yet.");
        assertThat(watch("deliveries", "--dead").out()).contains("No dead deliveries.");
        assertThat(watch("rm", "syria").exitCode()).isZero();
        assertThat(watch("list").out()).contains("No watches yet");
    }

    @Test
    void invalidQueryIsAUsageErrorPointingAtTheColumn() {
        Cli.Result bad = watch("add", "bad", "homs \"unclosed");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("gleaner: ").contains("^");
        assertThat(watch("add", "x", "homs", "--webhook", "ftp://nope").exitCode())
                .isEqualTo(2);
        assertThat(watch("show", "missing").exitCode()).isEqualTo(1);
    }

    @Test
    void dryRunOnAnEmptyCollectionFindsNothing() {
        Cli.Result test = watch("test", "homs", "--days", "3");
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).contains("0 matching articles in the last 3 days.");
    }
}
