package org.gleaner.cli;

import java.util.concurrent.Callable;
import org.gleaner.app.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "reindex", description = "Rebuild the search index from the database.")
final class ReindexCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Application app = options.open()) {
            int documents = app.reindex();
            spec.commandLine().getOut().println("Rebuilt the search index: " + documents + " documents.");
            return 0;
        }
    }
}
