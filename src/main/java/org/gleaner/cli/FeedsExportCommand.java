package org.gleaner.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.gleaner.feed.Opml;
import org.gleaner.feed.OpmlFeed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "export", description = "Print every configured feed as OPML 2.0.")
final class FeedsExportCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<OpmlFeed> feeds = options.loadConfig().feeds().stream()
                .map(feed -> new OpmlFeed(feed.name(), feed.url().toString(), null, feed.tags()))
                .toList();
        spec.commandLine().getOut().print(Opml.write(feeds, "Gleaner feeds"));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
