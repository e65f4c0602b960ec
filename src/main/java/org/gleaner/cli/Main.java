package org.gleaner.cli;

/** Entry point of the {@code gleaner} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: 0 ok, 1 failure, 2 usage. */
    public static int run(String... args) {
        return GleanerCommand.commandLine().execute(args);
    }
}
