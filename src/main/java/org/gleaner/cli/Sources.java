package org.gleaner.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.gleaner.app.Application;
import org.gleaner.config.ConfigException;
import org.gleaner.fetch.FetchOutcome;
import org.gleaner.fetch.FetchRequest;
import org.gleaner.fetch.HttpFetcher;
import org.jspecify.annotations.Nullable;

/** Reads what {@code inspect} and {@code extract} are pointed at: a local file, or a URL through the guarded fetcher. */
final class Sources {
    private Sources() {}

    /**
     * A body read from a URL or a file.
     *
     * @param uri where the body came from (after redirects)
     * @param feedBase the base for relative references when the body is a feed: the fetch's {@code Content-Location}
     *     base (see {@link FetchOutcome.Fetched#baseUri()}), else {@code uri}
     */
    @SuppressWarnings("ArrayRecordComponent") // read once and handed on, never compared
    record Loaded(byte[] body, @Nullable String contentType, URI uri, URI feedBase) {}

    static Loaded load(String source, DataOptions options, Function<URI, FetchRequest> request)
            throws IOException, ConfigException {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            URI uri = URI.create(source);
            try (HttpFetcher fetcher = Application.Tools.fetcher(options.loadConfig())) {
                FetchOutcome outcome = fetcher.fetch(request.apply(uri));
                if (outcome instanceof FetchOutcome.Fetched fetched) {
                    return new Loaded(fetched.body(), fetched.contentType(), fetched.finalUri(), fetched.baseUri());
                }
                if (outcome instanceof FetchOutcome.Failed failed) {
                    throw new IOException(source + ": " + failed.message());
                }
                throw new IOException(
                        source + ": no content (" + outcome.getClass().getSimpleName() + ")");
            }
        }
        Path path = Path.of(source);
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file: " + source);
        }
        URI file = path.toAbsolutePath().toUri();
        return new Loaded(Files.readAllBytes(path), null, file, file);
    }
}
