package org.gleaner.alert;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.gleaner.feed.AtomWriter;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.SearchDocument;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.search.QueryException;
import org.gleaner.search.QueryLanguage;
import org.gleaner.search.SearchHit;
import org.gleaner.search.SearchRequest;
import org.gleaner.search.SearchResults;
import org.gleaner.store.Alert;
import org.gleaner.store.AlertStore;
import org.gleaner.store.Delivery;
import org.gleaner.store.DeliveryStore;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.gleaner.store.WatchStore;
import org.jspecify.annotations.Nullable;

/**
 * What the CLI and the JSON API do with watches: create, list, show, edit, pause, remove, dry-run,
 * the Atom feed, and the dead-delivery queue. Requests are validated here (the query is parsed with
 * the search language) and refused with a {@link WatchException}.
 */
public final class Watches {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WatchStore watches;
    private final AlertStore alerts;
    private final DeliveryStore deliveries;
    private final ChangeLog changeLog;
    private final Supplier<ArticleSearcher> searcher;
    private final InstantSource clock;
    private final URI publicBase;

    /**
     * @param searcher the article search, opened on first use (dry runs and backfills)
     * @param publicBase where Gleaner's web server is reached, for links in feeds and messages
     */
    public Watches(
            WatchStore watches,
            AlertStore alerts,
            DeliveryStore deliveries,
            ChangeLog changeLog,
            Supplier<ArticleSearcher> searcher,
            InstantSource clock,
            URI publicBase) {
        this.watches = watches;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.changeLog = changeLog;
        this.searcher = searcher;
        this.clock = clock;
        this.publicBase = publicBase;
    }

    /**
     * A watch to create.
     *
     * @param channels where to push alerts; webhook secrets are generated
     * @param privateFeed whether the Atom feed URL needs a secret token
     * @param backfillDays start with the matches of the last N days (delivered like new ones); 0 for none
     */
    public record Request(
            String name,
            String query,
            Watch.Pace pace,
            List<WatchChannel.Spec> channels,
            boolean privateFeed,
            int backfillDays) {
        public Request {
            channels = List.copyOf(channels);
        }
    }

    /** A created watch and how many alerts its backfill produced. */
    public record Created(Watch watch, int backfilled) {}

    /** One hit of a dry run: what the watch would have sent. */
    public record TestHit(
            String documentKey, String title, String url, @Nullable Instant published, String passageHtml) {}

    public Created create(Request request) throws WatchException {
        String name = request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new WatchException(
                    WatchException.Reason.INVALID, "a watch needs a name of 1 to 100 characters", null);
        }
        if (watches.byName(name).isPresent()) {
            throw new WatchException(
                    WatchException.Reason.NAME_TAKEN, "a watch named '" + name + "' already exists", null);
        }
        validateQuery(request.query());
        List<WatchChannel.Spec> channels = new ArrayList<>();
        for (WatchChannel.Spec spec : request.channels()) {
            channels.add(validated(spec));
        }
        // Alerts start with what arrives next; history comes only through the backfill.
        alerts.startCursor(AlertMatcher.CONSUMER, changeLog.head());
        Watch watch = watches.create(
                name,
                request.query().strip(),
                request.pace(),
                request.privateFeed() ? token() : null,
                channels,
                clock.instant());
        int backfilled = 0;
        if (request.backfillDays() > 0) {
            List<Alert.Match> matches = new ArrayList<>();
            for (TestHit hit : test(watch.query(), request.backfillDays())) {
                Optional<SearchDocument> document = changeLog.document(hit.documentKey());
                String story = document.map(SearchDocument::storyId).orElse(hit.documentKey());
                matches.add(new Alert.Match(
                        watch.id(),
                        story,
                        hit.documentKey(),
                        hit.title(),
                        hit.url(),
                        hit.published(),
                        hit.passageHtml()));
            }
            backfilled = alerts.addMatches(matches, clock.instant()).size();
        }
        return new Created(watch, backfilled);
    }

    /** A watch written in the configuration file; {@code where} names its file, line and key. */
    public record Declared(Request request, String where) {}

    /** What applying the configuration file's watches changed, and the entries it had to refuse. */
    public record Applied(List<String> created, List<String> updated, List<String> removed, List<String> problems) {
        public Applied {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
            removed = List.copyOf(removed);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Makes the stored watches agree with the configuration file: a declared watch is created (with
     * its backfill) or brought up to date, a watch the file declared before and no longer does is
     * removed. A declared watch that is refused (a bad query or channel) is reported and the stored
     * one, if any, keeps running unchanged. Watches made with the CLI or the API are left alone,
     * except one whose name the file now declares: the file takes it over. Unchanged watches are not
     * touched, so applying the same file again changes nothing.
     */
    public Applied applyDeclared(List<Declared> declared) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Declared entry : declared) {
            Request wanted = entry.request();
            String name = wanted.name().strip();
            names.add(name);
            try {
                Optional<Watch> current = watches.byName(name);
                if (current.isEmpty()) {
                    watches.setDeclared(create(wanted).watch().id(), true);
                    created.add(name);
                } else if (applyChanges(current.get(), wanted)) {
                    updated.add(name);
                }
            } catch (WatchException e) {
                problems.add(entry.where() + ": " + e.getMessage());
            }
        }
        for (String name : watches.declaredNames()) {
            if (!names.contains(name)) {
                watches.byName(name).ifPresent(w -> watches.delete(w.id()));
                removed.add(name);
            }
        }
        return new Applied(created, updated, removed, problems);
    }

    /** Brings a stored watch to what the file says; true when something changed. */
    private boolean applyChanges(Watch current, Request wanted) throws WatchException {
        String query = wanted.query().strip();
        boolean queryChanged = !current.query().equals(query);
        if (queryChanged) {
            validateQuery(query);
        }
        List<WatchChannel.Spec> channels = new ArrayList<>();
        for (WatchChannel.Spec spec : wanted.channels()) {
            channels.add(validated(spec));
        }
        boolean channelsChanged = !channelTargets(
                        current.channels().stream().map(WatchChannel::spec).toList())
                .equals(channelTargets(channels));
        boolean changed = queryChanged || channelsChanged || current.pace() != wanted.pace();
        if (changed) {
            watches.update(
                    current.id(),
                    queryChanged ? query : null,
                    wanted.pace(),
                    channelsChanged ? channels : null,
                    clock.instant());
        }
        if (wanted.privateFeed() != (current.feedToken() != null)) {
            watches.setFeedToken(current.id(), wanted.privateFeed() ? token() : null);
            changed = true;
        }
        if (!watches.isDeclared(current.id())) {
            watches.setDeclared(current.id(), true);
        }
        return changed;
    }

    private static Set<String> channelTargets(List<WatchChannel.Spec> channels) {
        Set<String> targets = new HashSet<>();
        for (WatchChannel.Spec spec : channels) {
            targets.add(spec.kind().label() + " " + spec.target().strip());
        }
        return targets;
    }

    public List<Watch> list() {
        return watches.all();
    }

    /**
     * A watch with what the watch page shows next to it.
     *
     * @param lastMatch when its newest alert matched, null before the first
     * @param declared whether the configuration file owns it (then only pause and resume apply)
     */
    public record Summary(Watch watch, long alerts, @Nullable Instant lastMatch, boolean declared) {}

    public Summary summary(Watch watch) {
        List<Alert> newest = alerts.forWatch(watch.id(), 1);
        return new Summary(
                watch,
                alerts.count(watch.id()),
                newest.isEmpty() ? null : newest.get(0).matchedAt(),
                watches.isDeclared(watch.id()));
    }

    public Optional<Watch> get(long id) {
        return watches.byId(id);
    }

    public Optional<Watch> byName(String name) {
        return watches.byName(name);
    }

    /** Changes a watch; null keeps the current query, pace or channels (given channels replace all). */
    public Watch update(
            String name, @Nullable String query, Watch.@Nullable Pace pace, @Nullable List<WatchChannel.Spec> channels)
            throws WatchException {
        Watch current = requireUndeclared(name);
        if (query != null) {
            validateQuery(query);
        }
        List<WatchChannel.Spec> validated = null;
        if (channels != null) {
            validated = new ArrayList<>();
            for (WatchChannel.Spec spec : channels) {
                validated.add(validated(spec));
            }
        }
        return watches.update(current.id(), query == null ? null : query.strip(), pace, validated, clock.instant())
                .orElseThrow(() -> notFound(name));
    }

    public Watch pause(String name) throws WatchException {
        return setPaused(name, true);
    }

    public Watch resume(String name) throws WatchException {
        return setPaused(name, false);
    }

    private Watch setPaused(String name, boolean paused) throws WatchException {
        Watch current = require(name);
        watches.setPaused(current.id(), paused, clock.instant());
        return watches.byId(current.id()).orElseThrow(() -> notFound(name));
    }

    public void delete(String name) throws WatchException {
        watches.delete(requireUndeclared(name).id());
    }

    /**
     * Dry run: the articles of the last {@code days} days the query matches, newest first, with the
     * passage that would be sent.
     */
    public List<TestHit> test(String query, int days) throws WatchException {
        validateQuery(query);
        if (days < 1 || days > 3650) {
            throw new WatchException(WatchException.Reason.INVALID, "days must be between 1 and 3650", null);
        }
        Instant since = clock.instant().minus(Duration.ofDays(days));
        String bounded = "(" + query.strip() + ") after:" + since.toString().substring(0, 10);
        List<TestHit> hits = new ArrayList<>();
        try {
            SearchResults results = searcher.get()
                    .search(SearchRequest.of(bounded, MonitorTuning.TEST_HITS).withSort(SearchRequest.Sort.NEWEST));
            for (SearchHit hit : results.hits()) {
                if (hit.published() != null && hit.published().isBefore(since)) {
                    continue;
                }
                hits.add(new TestHit(hit.key(), hit.title(), hit.url(), hit.published(), hit.snippetHtml()));
            }
        } catch (QueryException e) {
            throw new WatchException(WatchException.Reason.INVALID, String.valueOf(e.getMessage()), null);
        }
        return hits;
    }

    /**
     * The watch's Atom feed, or empty when there is no such watch or the feed is private and the token
     * does not match (answer 404 either way, so a wrong token reveals nothing).
     */
    public Optional<String> atom(long watchId, @Nullable String token) {
        Optional<Watch> found = watches.byId(watchId);
        if (found.isEmpty() || !tokenMatches(found.get().feedToken(), token)) {
            return Optional.empty();
        }
        Watch watch = found.get();
        List<AtomWriter.AtomEntry> entries = new ArrayList<>();
        for (Alert alert : alerts.forWatch(watch.id(), MonitorTuning.FEED_ENTRIES)) {
            entries.add(new AtomWriter.AtomEntry(
                    "urn:gleaner:" + DeliveryIds.forStory(watch.id(), alert.storyId()),
                    alert.title(),
                    safeUri(alert.url()),
                    articlePage(alert.documentKey()),
                    alert.matchedAt(),
                    alert.published(),
                    alert.passage()));
        }
        Instant updated = entries.isEmpty() ? watch.updated() : entries.get(0).updated();
        return Optional.of(AtomWriter.atom(new AtomWriter.AtomFeed(
                "urn:gleaner:watch:" + watch.id(),
                "Gleaner watch: " + watch.name(),
                watch.query(),
                feedUri(watch),
                publicBase.resolve("/?q=" + encode(watch.query())),
                updated,
                "Gleaner",
                entries)));
    }

    /** Where the watch's Atom feed is served, with its token when the feed is private. */
    public URI feedUri(Watch watch) {
        String path = "/watches/" + watch.id() + "/feed.atom";
        return publicBase.resolve(watch.feedToken() == null ? path : path + "?token=" + watch.feedToken());
    }

    public List<Delivery.Dead> deadDeliveries() {
        return deliveries.dead();
    }

    /** Queues a dead delivery again; false when no dead delivery has that id. */
    public boolean replay(long deliveryId) {
        return deliveries.replay(deliveryId, clock.instant());
    }

    public List<Alert> alerts(long watchId, int limit) {
        return alerts.forWatch(watchId, limit);
    }

    URI articlePage(String documentKey) {
        return publicBase.resolve("/api/articles/" + encode(documentKey));
    }

    private Watch require(String name) throws WatchException {
        return watches.byName(name).orElseThrow(() -> notFound(name));
    }

    /** A watch the user may edit: the configuration file owns the query and channels of its own. */
    private Watch requireUndeclared(String name) throws WatchException {
        Watch watch = require(name);
        if (watches.isDeclared(watch.id())) {
            throw new WatchException(
                    WatchException.Reason.DECLARED,
                    "watch '" + name + "' is written in the configuration file (watches:); change or remove it there",
                    null);
        }
        return watch;
    }

    private static WatchException notFound(String name) {
        return new WatchException(WatchException.Reason.NOT_FOUND, "no watch named '" + name + "'", null);
    }

    private void validateQuery(String query) throws WatchException {
        try {
            QueryLanguage.parse(query, clock);
        } catch (QueryException e) {
            throw new WatchException(WatchException.Reason.INVALID, String.valueOf(e.getMessage()), e.position());
        }
    }

    private static WatchChannel.Spec validated(WatchChannel.Spec spec) throws WatchException {
        String target = spec.target().strip();
        if (spec.kind() == WatchChannel.Kind.EMAIL) {
            if (!target.matches("[^@\\s]+@[^@\\s]+")) {
                throw new WatchException(
                        WatchException.Reason.INVALID, "'" + target + "' is not an e-mail address", null);
            }
            return new WatchChannel.Spec(spec.kind(), target, null);
        }
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw new WatchException(WatchException.Reason.INVALID, "'" + target + "' is not a URL", null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new WatchException(
                    WatchException.Reason.INVALID, "a webhook needs an http or https URL, not '" + target + "'", null);
        }
        return new WatchChannel.Spec(spec.kind(), target, spec.secret() != null ? spec.secret() : webhookSecret());
    }

    /** A Standard Webhooks secret: {@code whsec_} and 24 random bytes in base64. */
    static String webhookSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static String token() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean tokenMatches(@Nullable String expected, @Nullable String given) {
        if (expected == null) {
            return true;
        }
        return given != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    static URI safeUri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return URI.create("about:invalid");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
