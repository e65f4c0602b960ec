package org.gleaner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gleaner.app.Application;
import org.gleaner.config.ConfigException;
import org.gleaner.config.ConfigLoader;
import org.gleaner.config.GleanerConfig;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --data}, shared by every command. */
final class DataOptions {
    static final Path DEFAULT_CONFIG = Path.of("config", "feeds.yaml");

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "feeds and settings (default: ${DEFAULT-VALUE}; embedded defaults when it is missing)",
            defaultValue = "config/feeds.yaml")
    Path config = DEFAULT_CONFIG;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "data home: database and indexes (default: ${DEFAULT-VALUE})",
            defaultValue = "index")
    Path data = Path.of("index");

    /** The configuration; a missing default file means the embedded defaults (no feeds yet). */
    GleanerConfig loadConfig() throws ConfigException {
        if (config.equals(DEFAULT_CONFIG) && !Files.exists(config)) {
            return GleanerConfig.empty();
        }
        return ConfigLoader.load(config);
    }

    Application open() throws ConfigException {
        return Application.open(loadConfig(), data);
    }
}
