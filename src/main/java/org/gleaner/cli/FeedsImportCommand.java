package org.gleaner.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gleaner.config.FeedConfig;
import org.gleaner.config.FeedsFileEditor;
import org.gleaner.config.GleanerConfig;
import org.gleaner.config.Slugs;
import org.gleaner.feed.Opml;
import org.gleaner.feed.OpmlDocument;
import org.gleaner.feed.OpmlFeed;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "import",
        description = "Add every feed of an OPML file (folders become tags; known feeds are skipped).")
final class FeedsImportCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @Parameters(paramLabel = "FILE.opml")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GleanerConfig config = options.loadConfig();
        OpmlDocument document = Opml.parse(Files.readAllBytes(file));
        Set<String> knownUrls = new HashSet<>();
        Set<String> knownNames = new HashSet<>();
        for (FeedConfig feed : config.feeds()) {
            knownUrls.add(feed.url().toString());
            knownNames.add(feed.name());
        }
        PrintWriter out = spec.commandLine().getOut();
        int added = 0;
        int skipped = 0;
        for (OpmlFeed feed : document.feeds()) {
            URI url;
            try {
                url = URI.create(feed.xmlUrl().strip());
            } catch (IllegalArgumentException e) {
                out.println("skipped (bad URL): " + feed.xmlUrl());
                skipped++;
                continue;
            }
            if (!knownUrls.add(url.toString())) {
                skipped++;
                continue;
            }
            String name = Slugs.fromUrl(url);
            for (int n = 2; knownNames.contains(name); n++) {
                name = Slugs.fromUrl(url) + "-" + n;
            }
            knownNames.add(name);
            FeedsFileEditor.appendFeed(options.config, name, url, feed.tags());
            added++;
        }
        out.printf(
                Locale.ROOT,
                "Imported %d feeds from %s into %s (%d already there or skipped).%n",
                added,
                file,
                options.config,
                skipped);
        return 0;
    }
}
