package org.gleaner.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gleaner.app.Application;
import org.gleaner.config.FeedsFileEditor;
import org.gleaner.config.GleanerConfig;
import org.gleaner.config.Slugs;
import org.gleaner.feed.FeedParser;
import org.gleaner.fetch.HttpFetcher;
import org.gleaner.ingest.FeedDiscovery;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "add",
        description = "Add a feed by its URL or a web page that announces it; appends it to the config file.")
final class FeedsAddCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @Parameters(paramLabel = "URL", description = "the feed, or a page or site that has one")
    URI address;

    @Option(names = "--name", description = "the feed's name (default: a slug of its URL)")
    @Nullable
    String name;

    @Option(names = "--tag", paramLabel = "TAG", description = "a tag for the feed (repeatable)")
    List<String> tags = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GleanerConfig config = options.loadConfig();
        PrintWriter out = spec.commandLine().getOut();
        FeedDiscovery.Result result;
        try (HttpFetcher fetcher = Application.Tools.fetcher(config)) {
            result = new FeedDiscovery(fetcher, new FeedParser()).discover(address);
        }
        if (result.feed().isEmpty()) {
            spec.commandLine().getErr().println("gleaner: no feed found for " + address + ". Tried:");
            result.tried().forEach(line -> spec.commandLine().getErr().println("  " + line));
            return 1;
        }
        FeedDiscovery.Found found = result.feed().get();
        boolean known = config.feeds().stream().anyMatch(f -> f.url().equals(found.url()));
        if (known) {
            out.println(found.url() + " is already in " + options.config);
            return 0;
        }
        String feedName = name != null ? name : Slugs.fromUrl(found.url());
        FeedsFileEditor.appendFeed(options.config, feedName, found.url(), tags);
        out.printf(
                Locale.ROOT,
                "Added %s (%s, %d entries) to %s as '%s'.%n",
                found.url(),
                found.title() == null ? "untitled" : found.title(),
                found.entries(),
                options.config,
                feedName);
        return 0;
    }
}
