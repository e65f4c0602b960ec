package org.gleaner.cli;

import org.gleaner.config.ConfigException;
import picocli.CommandLine;

/**
 * Turns an exception that escaped a command into one readable line and exit code 1. A user never
 * sees a stack trace; {@code GLEANER_DEBUG=1} prints it for a developer.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
            Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = exception instanceof ConfigException
                ? exception.getMessage()
                : "gleaner: " + (exception.getMessage() != null ? exception.getMessage() : exception.toString());
        commandLine.getErr().println(message);
        if (System.getenv("GLEANER_DEBUG") != null) {
            exception.printStackTrace(commandLine.getErr());
        }
        return 1;
    }
}
