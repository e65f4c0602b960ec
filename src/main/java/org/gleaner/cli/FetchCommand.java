package org.gleaner.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.gleaner.app.Application;
import org.gleaner.ingest.RefreshReport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch", description = "Refresh every feed once now, print one line per feed, and exit.")
final class FetchCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @Option(names = "--feed", paramLabel = "NAME", description = "refresh only this feed")
    @Nullable
    String feed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.open()) {
            if (feed != null
                    && app.config().feedSpecs().stream().noneMatch(s -> s.name().equals(feed))) {
                spec.commandLine().getErr().println("gleaner: no feed named '" + feed + "' in " + options.config);
                return 1;
            }
            List<RefreshReport> reports = app.refreshAll(feed);
            for (RefreshReport report : reports) {
                out.println(report.summaryLine());
            }
            if (reports.isEmpty()) {
                out.println("No feeds configured: add some to " + options.config + " (see README).");
            }
            // Search right after a fetch sees what it stored.
            app.index();
            out.flush();
            return 0;
        }
    }
}
