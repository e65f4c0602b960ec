package org.gleaner.cli;

import org.gleaner.app.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gleaner}: the top-level command; every subcommand is one stage a user can drive. */
@Command(
        name = "gleaner",
        mixinStandardHelpOptions = true,
        versionProvider = GleanerCommand.VersionProvider.class,
        description = "News aggregator with full-text search.",
        subcommands = {
            RunCommand.class,
            FetchCommand.class,
            SearchCommand.class,
            FeedsCommand.class,
            InspectCommand.class,
            ExtractCommand.class,
            ReindexCommand.class,
            WatchCommand.class
        })
final class GleanerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new GleanerCommand());
        commandLine.setExecutionExceptionHandler(new Failures());
        return commandLine;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gleaner " + Version.current()};
        }
    }
}
