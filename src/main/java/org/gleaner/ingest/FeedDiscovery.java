package org.gleaner.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gleaner.extract.FeedLinks;
import org.gleaner.feed.FeedParser;
import org.gleaner.feed.ParsedFeed;
import org.gleaner.fetch.FetchOutcome;
import org.gleaner.fetch.FetchRequest;
import org.gleaner.fetch.HttpFetcher;
import org.jspecify.annotations.Nullable;

/**
 * Finds the feed behind what a user pasted: the feed itself, a page announcing feeds with
 * {@code <link rel="alternate">}, or a site with a feed at one of the usual paths.
 */
public final class FeedDiscovery {
    /** Where sites commonly publish their feed, tried in order when a page announces none. */
    static final List<String> COMMON_PATHS = List.of(
            "/feed", "/feed/", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml", "/feeds/posts/default");

    private final HttpFetcher fetcher;
    private final FeedParser parser;

    public FeedDiscovery(HttpFetcher fetcher, FeedParser parser) {
        this.fetcher = fetcher;
        this.parser = parser;
    }

    /** A feed found for the address, with its title. */
    public record Found(URI url, @Nullable String title, int entries) {}

    /** The outcome: the feed, or why none was found (the addresses tried, and what each gave). */
    public record Result(Optional<Found> feed, List<String> tried) {}

    public Result discover(URI address) {
        List<String> tried = new ArrayList<>();
        FetchOutcome first = fetch(address);
        if (!(first instanceof FetchOutcome.Fetched page)) {
            tried.add(address + ": " + describe(first));
            return new Result(Optional.empty(), tried);
        }
        Optional<Found> direct = asFeed(page);
        if (direct.isPresent()) {
            return new Result(direct, tried);
        }
        tried.add(address + ": not a feed");
        Set<URI> candidates = new LinkedHashSet<>(
                FeedLinks.discover(new String(page.body(), StandardCharsets.UTF_8), page.finalUri()));
        for (String path : COMMON_PATHS) {
            candidates.add(page.finalUri().resolve(path));
        }
        for (URI candidate : candidates) {
            FetchOutcome outcome = fetch(candidate);
            if (outcome instanceof FetchOutcome.Fetched fetched) {
                Optional<Found> found = asFeed(fetched);
                if (found.isPresent()) {
                    return new Result(found, tried);
                }
                tried.add(candidate + ": not a feed");
            } else {
                tried.add(candidate + ": " + describe(outcome));
            }
        }
        return new Result(Optional.empty(), tried);
    }

    private FetchOutcome fetch(URI uri) {
        return fetcher.fetch(FetchRequest.discovery(uri));
    }

    private Optional<Found> asFeed(FetchOutcome.Fetched fetched) {
        if (parser.parse(fetched.body(), fetched.contentType(), fetched.baseUri()) instanceof ParsedFeed feed) {
            // The parser also reads JSON Feeds that leave out `version` (publishers do); for discovery a
            // JSON answer must carry entries, or any API's {"title": …} would be announced as a feed.
            if (feed.entries().isEmpty() && startsLikeJson(fetched.body())) {
                return Optional.empty();
            }
            String title = feed.title();
            return Optional.of(new Found(
                    fetched.finalUri(),
                    title == null || title.isBlank() ? null : title,
                    feed.entries().size()));
        }
        return Optional.empty();
    }

    private static boolean startsLikeJson(byte[] body) {
        for (byte b : body) {
            if (b != ' '
                    && b != '\n'
                    && b != '\r'
                    && b != '\t'
                    && b != (byte) 0xEF
                    && b != (byte) 0xBB
                    && b != (byte) 0xBF) {
                return b == '{';
            }
        }
        return false;
    }

    private static String describe(FetchOutcome outcome) {
        if (outcome instanceof FetchOutcome.Failed failed) {
            return failed.message();
        }
        return outcome.getClass().getSimpleName();
    }
}
