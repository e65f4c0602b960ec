package org.gleaner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gleaner.alert.WatchException;
import org.gleaner.alert.Watches;
import org.gleaner.app.Application;
import org.gleaner.store.Delivery;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner watch}: saved queries that alert when new articles match. Without a subcommand, lists them. */
@Command(
        name = "watch",
        description = "Saved queries that alert on new matching articles: add, list, show, edit, pause, resume,"
                + " rm, test, deliveries, replay.",
        subcommands = {
            WatchCommand.Add.class,
            WatchCommand.ListWatches.class,
            WatchCommand.Show.class,
            WatchCommand.Edit.class,
            WatchCommand.Pause.class,
            WatchCommand.Resume.class,
            WatchCommand.Remove.class,
            WatchCommand.Test.class,
            WatchCommand.Deliveries.class,
            WatchCommand.Replay.class
        })
final class WatchCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Application app = options.open()) {
            printList(spec.commandLine().getOut(), app.watches());
            return 0;
        }
    }

    static void printList(PrintWriter out, Watches watches) {
        List<Watch> all = watches.list();
        if (all.isEmpty()) {
            out.println("No watches yet: gleaner watch add NAME QUERY");
        }
        for (Watch w : all) {
            out.printf(
                    Locale.ROOT,
                    "%-24s %-9s %-7s %s%s%n",
                    w.name(),
                    w.pace().label(),
                    w.paused() ? "paused" : "active",
                    w.query(),
                    w.error() == null ? "" : "  (error: " + w.error() + ")");
        }
    }

    /** Exit code and message for a refused request: 2 for an invalid query (usage), 1 otherwise. */
    static int refuse(CommandLine.Model.CommandSpec spec, WatchException e, @Nullable String query) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("gleaner: " + e.getMessage());
        Integer position = e.position();
        if (query != null && position != null) {
            err.println("  " + query);
            err.println("  " + " ".repeat(Math.max(0, Math.min(position, query.length()))) + "^");
        }
        return e.reason() == WatchException.Reason.INVALID ? 2 : 1;
    }

    static List<WatchChannel.Spec> channels(List<String> webhooks, List<String> slack, List<String> emails) {
        List<WatchChannel.Spec> channels = new ArrayList<>();
        webhooks.forEach(url -> channels.add(new WatchChannel.Spec(WatchChannel.Kind.WEBHOOK, url, null)));
        slack.forEach(url -> channels.add(new WatchChannel.Spec(WatchChannel.Kind.SLACK, url, null)));
        emails.forEach(addr -> channels.add(new WatchChannel.Spec(WatchChannel.Kind.EMAIL, addr, null)));
        return channels;
    }

    static Watch.Pace pace(CommandLine.Model.CommandSpec spec, String value) {
        return Watch.Pace.parse(value)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "--pace takes immediate, hourly or daily, not '" + value + "'"));
    }

    static void printWatch(PrintWriter out, Watches watches, Watch w) {
        out.printf(Locale.ROOT, "name:    %s (id %d)%n", w.name(), w.id());
        out.printf(Locale.ROOT, "query:   %s%n", w.query());
        out.printf(Locale.ROOT, "pace:    %s%s%n", w.pace().label(), w.paused() ? ", paused" : "");
        out.printf(Locale.ROOT, "feed:    %s%n", watches.feedUri(w));
        if (w.error() != null) {
            out.printf(Locale.ROOT, "error:   %s%n", w.error());
        }
        for (WatchChannel ch : w.channels()) {
            out.printf(
                    Locale.ROOT,
                    "%-8s %s%s%s%n",
                    ch.kind().label() + ":",
                    ch.target(),
                    ch.secret() == null ? "" : "  secret " + ch.secret(),
                    ch.disabledReason() == null ? "" : "  DISABLED: " + ch.disabledReason());
        }
    }

    @Command(name = "add", description = "Create a watch; the query is the search language (filters included).")
    static final class Add implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @Parameters(index = "0", paramLabel = "NAME")
        String name = "";

        @Parameters(index = "1", paramLabel = "QUERY")
        String query = "";

        @Option(names = "--webhook", paramLabel = "URL", description = "POST signed JSON here (repeatable)")
        List<String> webhooks = List.of();

        @Option(names = "--slack", paramLabel = "URL", description = "Slack/Mattermost incoming webhook (repeatable)")
        List<String> slack = List.of();

        @Option(names = "--email", paramLabel = "ADDR", description = "send e-mail here (repeatable)")
        List<String> emails = List.of();

        @Option(names = "--pace", paramLabel = "PACE", description = "immediate (default), hourly or daily digest")
        String pace = "immediate";

        @Option(names = "--private", description = "the Atom feed URL needs a secret token")
        boolean privateFeed;

        @Option(names = "--backfill", paramLabel = "DAYS", description = "start with the matches of the last DAYS days")
        int backfill;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Watch.Pace chosen = pace(spec, pace);
            try (Application app = options.open()) {
                Watches watches = app.watches();
                Watches.Created created = watches.create(new Watches.Request(
                        name, query, chosen, channels(webhooks, slack, emails), privateFeed, backfill));
                PrintWriter out = spec.commandLine().getOut();
                out.println("Created watch '" + created.watch().name() + "'.");
                printWatch(out, watches, created.watch());
                if (backfill > 0) {
                    out.printf(
                            Locale.ROOT,
                            "Backfill: %d alerts from the last %d days.%n",
                            created.backfilled(),
                            backfill);
                    app.deliverDue();
                }
                return 0;
            } catch (WatchException e) {
                return refuse(spec, e, query);
            }
        }
    }

    @Command(name = "list", description = "List watches.")
    static final class ListWatches implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Application app = options.open()) {
                printList(spec.commandLine().getOut(), app.watches());
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Show a watch, its channels, feed URL and latest alerts.")
    static final class Show implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @Parameters(paramLabel = "NAME")
        String name = "";

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Application app = options.open()) {
                Watches watches = app.watches();
                Watch w = watches.byName(name)
                        .orElseThrow(() -> new WatchException(
                                WatchException.Reason.NOT_FOUND, "no watch named '" + name + "'", null));
                PrintWriter out = spec.commandLine().getOut();
                printWatch(out, watches, w);
                var alerts = watches.alerts(w.id(), 10);
                out.println(alerts.isEmpty() ? "No alerts yet." : "Latest alerts:");
                alerts.forEach(a -> out.printf(Locale.ROOT, "  %s  %s  %s%n", a.matchedAt(), a.title(), a.url()));
                return 0;
            } catch (WatchException e) {
                return refuse(spec, e, null);
            }
        }
    }

    @Command(name = "edit", description = "Change a watch's query, pace or channels (given channels replace all).")
    static final class Edit implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @Parameters(paramLabel = "NAME")
        String name = "";

        @Option(names = "--query", paramLabel = "QUERY")
        @Nullable
        String query;

        @Option(names = "--pace", paramLabel = "PACE")
        @Nullable
        String pace;

        @Option(names = "--webhook", paramLabel = "URL")
        List<String> webhooks = new ArrayList<>();

        @Option(names = "--slack", paramLabel = "URL")
        List<String> slack = new ArrayList<>();

        @Option(names = "--email", paramLabel = "ADDR")
        List<String> emails = new ArrayList<>();

        @Option(names = "--no-channels", description = "remove every webhook and e-mail channel")
        boolean noChannels;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Watch.Pace chosen = pace == null ? null : pace(spec, pace);
            List<WatchChannel.Spec> channels = channels(webhooks, slack, emails);
            try (Application app = options.open()) {
                Watches watches = app.watches();
                Watch w = watches.update(name, query, chosen, channels.isEmpty() && !noChannels ? null : channels);
                printWatch(spec.commandLine().getOut(), watches, w);
                return 0;
            } catch (WatchException e) {
                return refuse(spec, e, query);
            }
        }
    }

    /** A command that does one thing to the watch it names and says what it did. */
    abstract static class NamedWatchAction implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @Parameters(paramLabel = "NAME")
        String name = "";

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** Does the action and returns the past-tense verb for the confirmation. */
        abstract String act(Watches watches, String watch) throws WatchException;

        @Override
        public Integer call() throws Exception {
            try (Application app = options.open()) {
                String done = act(app.watches(), name);
                spec.commandLine().getOut().println(done + " '" + name + "'.");
                return 0;
            } catch (WatchException e) {
                return refuse(spec, e, null);
            }
        }
    }

    @Command(name = "pause", description = "Stop alerting for a watch until resumed.")
    static final class Pause extends NamedWatchAction {
        @Override
        String act(Watches watches, String watch) throws WatchException {
            watches.pause(watch);
            return "Paused";
        }
    }

    @Command(name = "resume", description = "Alert again for a paused watch (from new articles on).")
    static final class Resume extends NamedWatchAction {
        @Override
        String act(Watches watches, String watch) throws WatchException {
            watches.resume(watch);
            return "Resumed";
        }
    }

    @Command(name = "rm", description = "Remove a watch with its alerts and pending deliveries.")
    static final class Remove extends NamedWatchAction {
        @Override
        String act(Watches watches, String watch) throws WatchException {
            watches.delete(watch);
            return "Removed";
        }
    }

    @Command(name = "test", description = "Dry run: what a query would have sent over the last days.")
    static final class Test implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @Parameters(paramLabel = "QUERY")
        String query = "";

        @Option(names = "--days", paramLabel = "N", defaultValue = "7", description = "look back N days (default 7)")
        int days = 7;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Application app = options.open()) {
                List<Watches.TestHit> hits = app.watches().test(query, days);
                PrintWriter out = spec.commandLine().getOut();
                out.printf(
                        Locale.ROOT,
                        "%d matching articles in the last %d days%s%n",
                        hits.size(),
                        days,
                        hits.isEmpty() ? "." : ":");
                for (Watches.TestHit hit : hits) {
                    out.printf(
                            Locale.ROOT,
                            "%s  %s%n  %s%n  %s%n",
                            hit.published() == null ? "-" : hit.published(),
                            hit.title(),
                            hit.url(),
                            hit.passageHtml().replace("<mark>", "[").replace("</mark>", "]"));
                }
                return 0;
            } catch (WatchException e) {
                return refuse(spec, e, query);
            }
        }
    }

    @Command(name = "deliveries", description = "List deliveries that gave up (--dead).")
    static final class Deliveries implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @Option(names = "--dead", description = "deliveries that gave up (the only list for now)")
        boolean dead = true;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Application app = options.open()) {
                PrintWriter out = spec.commandLine().getOut();
                List<Delivery.Dead> all = app.watches().deadDeliveries();
                if (all.isEmpty()) {
                    out.println("No dead deliveries.");
                }
                for (Delivery.Dead d : all) {
                    out.printf(
                            Locale.ROOT,
                            "%-6d %-20s %-7s %s  %s  (%d attempts, last: %s)%n",
                            d.id(),
                            d.watchName(),
                            d.kind().label(),
                            d.target(),
                            d.title(),
                            d.attempts(),
                            d.lastError());
                }
                return 0;
            }
        }
    }

    @Command(name = "replay", description = "Send a dead delivery again (re-enables its endpoint).")
    static final class Replay implements Callable<Integer> {
        @Mixin
        DataOptions options = new DataOptions();

        @Parameters(paramLabel = "ID")
        long id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Application app = options.open()) {
                if (!app.watches().replay(id)) {
                    spec.commandLine().getErr().println("gleaner: no dead delivery with id " + id);
                    return 1;
                }
                int delivered = app.deliverDue();
                spec.commandLine()
                        .getOut()
                        .println("Replayed delivery " + id + (delivered > 0 ? ": delivered." : ": queued."));
                return 0;
            }
        }
    }
}
