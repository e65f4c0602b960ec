package org.gleaner.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * robots.txt per origin (scheme, host, port), parsed with crawler-commons and cached. Only article pages consult
 * it; feeds are published to be polled. Fetching robots.txt itself goes through the guarded path (address policy,
 * politeness, caps).
 */
final class RobotsRules {

    /** The product token matched against {@code User-agent:} lines. */
    static final String ROBOT_NAME = "gleaner";

    /** How long a fetched robots.txt is trusted; RFC 9309 suggests not longer than 24 hours. */
    private static final Duration CACHE_FOR = Duration.ofHours(24);

    /** How long a 5xx/429 answer (treated as "disallow all" per RFC 9309) is remembered before asking again. */
    private static final Duration CACHE_FAILURE_FOR = Duration.ofMinutes(30);

    /** RFC 9309 asks crawlers to parse at least 500 KiB; more than that is not a robots file. */
    static final long MAX_ROBOTS_BYTES = 512 * 1024;

    /** A longer Crawl-delay is capped: we still want the article, just slowly. */
    private static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(60);

    private record Cached(BaseRobotRules rules, Instant expires) {}

    private final InstantSource clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    RobotsRules(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * The rules for the URL's origin, fetching robots.txt with {@code fetch} when not cached; null when robots.txt
     * could not be fetched for a reason that says nothing about the site's wishes (rate limited, network failure,
     * blocked address). A 4xx means "no rules"; a 5xx means "disallow all for now" (RFC 9309).
     */
    @Nullable
    BaseRobotRules rulesFor(URI normalized, Function<URI, FetchOutcome> fetch) {
        String origin = Urls.origin(normalized);
        Cached cached = cache.get(origin);
        if (cached != null && clock.instant().isBefore(cached.expires())) {
            return cached.rules();
        }
        synchronized (locks.computeIfAbsent(origin, o -> new Object())) {
            cached = cache.get(origin);
            if (cached != null && clock.instant().isBefore(cached.expires())) {
                return cached.rules();
            }
            URI robotsUri = URI.create(origin + "/robots.txt");
            FetchOutcome outcome = fetch.apply(robotsUri);
            SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
            BaseRobotRules rules;
            Duration keep = CACHE_FOR;
            if (outcome instanceof FetchOutcome.Fetched f) {
                rules = parser.parseContent(
                        robotsUri.toString(),
                        f.body(),
                        f.contentType() == null ? "text/plain" : f.contentType(),
                        List.of(ROBOT_NAME));
            } else if (outcome instanceof FetchOutcome.Failed f && f.status() != null) {
                rules = parser.failedFetch(f.status()); // 4xx: allow all; 5xx: disallow all for now
                keep = f.status() >= 500 ? CACHE_FAILURE_FOR : CACHE_FOR;
            } else {
                // Rate limited (the host's pause covers the article too), a network failure or a blocked address:
                // nothing is known about the site's wishes, and nothing is cached.
                return null;
            }
            cache.put(origin, new Cached(rules, clock.instant().plus(keep)));
            return rules;
        }
    }

    /** The site's Crawl-delay, capped, or null when it sets none. */
    static @Nullable Duration crawlDelay(BaseRobotRules rules) {
        long millis = rules.getCrawlDelay();
        if (millis <= 0) {
            return null;
        }
        Duration d = Duration.ofMillis(millis);
        return d.compareTo(MAX_CRAWL_DELAY) > 0 ? MAX_CRAWL_DELAY : d;
    }
}
