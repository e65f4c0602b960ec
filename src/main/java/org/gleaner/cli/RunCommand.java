package org.gleaner.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gleaner.app.Application;
import org.gleaner.app.Server;
import org.gleaner.config.GleanerConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Refresh feeds on schedule and serve search on http://127.0.0.1:8080.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    DataOptions options = new DataOptions();

    @Option(names = "--port", description = "port to listen on (default: from the config, 8080)")
    @Nullable
    Integer port;

    @Option(names = "--bind", description = "address to listen on (default: from the config, 127.0.0.1)")
    @Nullable
    String bind;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GleanerConfig config = options.loadConfig();
        Application app = Application.open(config, options.data);
        String host = bind != null ? bind : config.server().bind();
        int listen = port != null ? port : config.server().port();
        Server server = Server.start(app, host, listen, Files.exists(options.config) ? options.config : null);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "Gleaner serving on http://%s:%d/ with %d feeds (data in %s). Ctrl-C stops.%n",
                host.contains(":") ? "[" + host + "]" : host,
                server.port(),
                config.feeds().size(),
                options.data.toAbsolutePath());
        out.flush();
        server.awaitStop();
        return 0;
    }
}
