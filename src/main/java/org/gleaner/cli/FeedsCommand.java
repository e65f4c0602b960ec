package org.gleaner.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gleaner.app.Application;
import org.gleaner.model.FeedStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "feeds",
        description = "List feeds with their status; add, import and export feeds.",
        subcommands = {FeedsAddCommand.class, FeedsImportCommand.class, FeedsExportCommand.class})
final class FeedsCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.open()) {
            app.syncFeeds();
            for (FeedStatus feed : app.feeds().list()) {
                out.printf(
                        Locale.ROOT,
                        "%-28s %-13s entries %-5d last %-20s next %-20s %s%s%n",
                        feed.name(),
                        feed.lastOutcome() == null ? "never fetched" : feed.lastOutcome(),
                        feed.entryCount(),
                        feed.lastFetched() == null ? "-" : feed.lastFetched().toString(),
                        feed.nextCheck() == null ? "-" : feed.nextCheck().toString(),
                        feed.url(),
                        feed.lastError() == null
                                ? ""
                                : "  (" + feed.consecutiveFailures() + " failures: " + feed.lastError() + ")");
            }
            return 0;
        }
    }
}
