package org.gleaner.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.gleaner.extract.ArticleExtractor;
import org.gleaner.extract.ContinueReadingLink;
import org.gleaner.extract.ExtractedArticle;
import org.gleaner.extract.ExtractionResult;
import org.gleaner.extract.HtmlSanitizer;
import org.gleaner.extract.HtmlText;
import org.gleaner.extract.NearDuplicate;
import org.gleaner.extract.NoArticle;
import org.gleaner.extract.PageMetadata;
import org.gleaner.extract.SiteRules;
import org.gleaner.extract.Sites;
import org.gleaner.extract.UrlNormalizer;
import org.gleaner.feed.FeedHints;
import org.gleaner.feed.FeedParseFailure;
import org.gleaner.feed.FeedParseResult;
import org.gleaner.feed.FeedParser;
import org.gleaner.feed.ParsedEntry;
import org.gleaner.feed.ParsedFeed;
import org.gleaner.fetch.AddressPolicy;
import org.gleaner.fetch.CacheHints;
import org.gleaner.fetch.Failure;
import org.gleaner.fetch.FetchOutcome;
import org.gleaner.fetch.FetchRequest;
import org.gleaner.fetch.HttpFetcher;
import org.gleaner.model.Article;
import org.gleaner.model.Entry;
import org.gleaner.model.FeedRules;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;
import org.gleaner.model.Follow;
import org.gleaner.model.FullText;
import org.gleaner.store.ArticleStore;
import org.gleaner.store.FeedStore;
import org.gleaner.store.RefreshBatch;
import org.gleaner.store.RefreshBatch.ArticleWrite;
import org.gleaner.store.RefreshBatch.EntryWrite;
import org.gleaner.store.RefreshBatch.FetchState;
import org.gleaner.store.RefreshBatch.Outcome;
import org.gleaner.store.RefreshStore;
import org.jspecify.annotations.Nullable;

/**
 * Refreshes one feed end to end: conditional fetch, parse, follow each new entry to its source
 * article, extract it, and write everything in one transaction. Every problem with the feed or a page
 * becomes part of the report and the stored state; only a broken database throws.
 */
public final class FeedRefresher {
    /** How many stored entry dates inform the posting rate of a feed that answered 304. */
    private static final int RECENT_ENTRIES = 200;

    private final HttpFetcher fetcher;
    private final FeedParser parser;
    private final ArticleExtractor extractor;
    private final FeedStore feeds;
    private final ArticleStore articles;
    private final RefreshStore refreshes;
    private final NextCheckPolicy policy;
    private final AddressPolicy addresses;
    private final InstantSource clock;
    /**
     * Stored entry dates by feed id, for 304s: most refreshes answer 304 and would read the same dates
     * again (a database read per refresh). At most {@link #RECENT_ENTRIES} dates per feed, 1.6 KB.
     */
    private final ConcurrentHashMap<Long, StoredDates> storedDates = new ConcurrentHashMap<>();

    public FeedRefresher(
            HttpFetcher fetcher,
            FeedParser parser,
            ArticleExtractor extractor,
            FeedStore feeds,
            ArticleStore articles,
            RefreshStore refreshes,
            NextCheckPolicy policy,
            AddressPolicy addresses,
            InstantSource clock) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.extractor = extractor;
        this.feeds = feeds;
        this.articles = articles;
        this.refreshes = refreshes;
        this.policy = policy;
        this.addresses = addresses;
        this.clock = clock;
    }

    public RefreshReport refresh(FeedStatus feed, FeedSpec spec) {
        Instant started = clock.instant();
        FetchRequest request = FetchRequest.feed(feed.url(), feed.etag(), feed.lastModified());
        Long maxBytes = spec.rules().maxBytes();
        if (maxBytes != null) {
            request = request.withLimits(request.limits().withMaxBytes(maxBytes));
        }
        FetchOutcome outcome = fetcher.fetch(request, addressesFor(spec));
        if (outcome instanceof FetchOutcome.Fetched fetched) {
            return store(feed, spec, fetched, started);
        }
        FetchState state = stateWithoutBody(feed, spec, outcome, started);
        refreshes.commit(new RefreshBatch(feed.id(), state, List.of(), List.of()));
        return new RefreshReport(
                feed.name(), state.outcome().label(), 0, 0, 0, 0, state.error(), state.nextCheck(), since(started));
    }

    private FetchState stateWithoutBody(FeedStatus feed, FeedSpec spec, FetchOutcome outcome, Instant now) {
        if (outcome instanceof FetchOutcome.NotModified notModified) {
            // A 304 may carry a fresh validator; one it leaves out keeps its old value.
            // Nothing new arrived, so the posting rate comes from what is stored.
            List<Instant> stored = storedEntryDates(feed);
            Instant next = policy.nextCheck(
                    facts(now, RefreshFacts.Kind.ANSWERED, spec, 0, notModified.hints(), null, stored));
            return new FetchState(
                    now,
                    Outcome.NOT_MODIFIED,
                    304,
                    null,
                    notModified.etag() != null ? notModified.etag() : feed.etag(),
                    notModified.lastModified() != null ? notModified.lastModified() : feed.lastModified(),
                    notModified.permanentUri(),
                    null,
                    next);
        }
        int failures = feed.consecutiveFailures() + 1;
        if (outcome instanceof FetchOutcome.RateLimited limited) {
            Instant retryAt = limited.retryAt();
            String error = "rate limited (HTTP " + limited.status() + ")"
                    + (retryAt != null ? ", asked to retry after " + retryAt : "");
            RefreshFacts facts = new RefreshFacts(
                    now, RefreshFacts.Kind.RATE_LIMITED, spec.every(), failures, retryAt, null, null, null, List.of());
            return new FetchState(
                    now,
                    Outcome.RATE_LIMITED,
                    limited.status(),
                    error,
                    null,
                    null,
                    null,
                    null,
                    policy.nextCheck(facts));
        }
        FetchOutcome.Failed failed = (FetchOutcome.Failed) outcome;
        boolean gone = failed.failure() == Failure.GONE;
        RefreshFacts facts = new RefreshFacts(
                now,
                gone ? RefreshFacts.Kind.GONE : RefreshFacts.Kind.FAILED,
                spec.every(),
                failures,
                null,
                null,
                null,
                null,
                List.of());
        String error =
                gone ? failed.message() + " — the publisher removed this feed; polling stopped" : failed.message();
        return new FetchState(
                now,
                gone ? Outcome.GONE : Outcome.FAILED,
                failed.status(),
                error,
                null,
                null,
                null,
                null,
                policy.nextCheck(facts));
    }

    /**
     * The feed's newest stored entry dates, read from the store only when they may have changed: the feed's
     * entry count differs from when they were read, or this refresher wrote entries of the feed since.
     */
    private List<Instant> storedEntryDates(FeedStatus feed) {
        StoredDates known = storedDates.get(feed.id());
        if (known != null && known.entryCount() == feed.entryCount()) {
            List<Instant> dates = new ArrayList<>(known.epochMillis().length);
            for (long millis : known.epochMillis()) {
                dates.add(Instant.ofEpochMilli(millis));
            }
            return dates;
        }
        List<Instant> dates = feeds.recentEntryDates(feed.id(), RECENT_ENTRIES);
        long[] epochMillis = new long[dates.size()];
        for (int i = 0; i < epochMillis.length; i++) {
            epochMillis[i] = dates.get(i).toEpochMilli();
        }
        storedDates.put(feed.id(), new StoredDates(feed.entryCount(), epochMillis));
        return dates;
    }

    /** A feed's newest stored entry dates (as the store keeps them, in milliseconds) and its entry count then. */
    @SuppressWarnings("ArrayRecordComponent") // private, never compared, never handed out
    private record StoredDates(long entryCount, long[] epochMillis) {}

    private RefreshFacts facts(
            Instant now,
            RefreshFacts.Kind kind,
            FeedSpec spec,
            int failures,
            CacheHints hints,
            @Nullable FeedHints feedHints,
            List<Instant> entryDates) {
        Duration maxAge = hints.maxAge();
        if (maxAge == null && hints.expires() != null && hints.expires().isAfter(now)) {
            maxAge = Duration.between(now, hints.expires());
        }
        return new RefreshFacts(
                now,
                kind,
                spec.every(),
                failures,
                hints.retryAfter(),
                maxAge,
                feedHints == null ? null : feedHints.ttl(),
                feedHints == null ? null : feedHints.updateInterval(),
                entryDates);
    }

    private RefreshReport store(FeedStatus feed, FeedSpec spec, FetchOutcome.Fetched fetched, Instant started) {
        FeedParseResult parsed = parser.parse(fetched.body(), fetched.contentType(), fetched.baseUri());
        if (parsed instanceof FeedParseFailure failure) {
            String error = "not a readable feed: " + failure.message();
            Instant next = policy.nextCheck(facts(
                    started,
                    RefreshFacts.Kind.FAILED,
                    spec,
                    feed.consecutiveFailures() + 1,
                    CacheHints.none(),
                    null,
                    List.of()));
            FetchState state =
                    new FetchState(started, Outcome.FAILED, fetched.status(), error, null, null, null, null, next);
            refreshes.commit(new RefreshBatch(feed.id(), state, List.of(), List.of()));
            return new RefreshReport(feed.name(), "failed", 0, 0, 0, 0, error, next, since(started));
        }
        ParsedFeed parsedFeed = (ParsedFeed) parsed;
        Map<String, String> known = feeds.entryHashes(feed.id());
        Map<String, ArticleWrite> fetchedArticles = new HashMap<>();
        List<EntryWrite> entries = new ArrayList<>();
        int fresh = 0;
        int updated = 0;
        int articleProblems = 0;
        Set<String> sharedIds = sharedIds(parsedFeed.entries());
        for (ParsedEntry given : parsedFeed.entries()) {
            ParsedEntry item = withoutBlanks(given);
            String key = entryKey(item, sharedIds);
            String hash = contentHash(item);
            String previous = known.get(key);
            if (hash.equals(previous)) {
                continue;
            }
            if (previous == null) {
                fresh++;
            } else {
                updated++;
            }
            known.put(key, hash);
            URI base = item.link() != null ? resolve(fetched.baseUri(), item.link()) : fetched.baseUri();
            String rawHtml = firstNonNull(item.content(), item.summary(), "");
            Linked linked = followToArticle(spec, item, rawHtml, base, fetchedArticles);
            if (linked.note() != null) {
                articleProblems++;
            }
            URI link = item.link() == null ? null : resolve(fetched.baseUri(), item.link());
            Entry entry = new Entry(
                    key,
                    item.title(),
                    link,
                    item.author(),
                    item.published(),
                    item.updated(),
                    item.categories(),
                    HtmlSanitizer.sanitize(rawHtml, base),
                    HtmlText.toText(rawHtml),
                    linked.articleKey(),
                    linked.note());
            entries.add(new EntryWrite(entry, hash, link == null ? null : Sites.registeredDomain(link)));
        }
        List<Instant> entryDates = parsedFeed.entries().stream()
                .map(e -> e.published() != null ? e.published() : e.updated())
                .filter(java.util.Objects::nonNull)
                .map(java.util.Objects::requireNonNull)
                .toList();
        Instant nextCheck = policy.nextCheck(
                facts(started, RefreshFacts.Kind.ANSWERED, spec, 0, fetched.hints(), parsedFeed.hints(), entryDates));
        FetchState state = new FetchState(
                started,
                Outcome.OK,
                fetched.status(),
                null,
                fetched.etag(),
                fetched.lastModified(),
                fetched.permanentUri(),
                blankToNull(parsedFeed.title()),
                nextCheck);
        refreshes.commit(new RefreshBatch(feed.id(), state, entries, List.copyOf(fetchedArticles.values())));
        if (!entries.isEmpty()) {
            // An updated entry may have moved its date without changing the count.
            storedDates.remove(feed.id());
        }
        return new RefreshReport(
                feed.name(),
                "ok",
                fresh,
                updated,
                fetchedArticles.size(),
                articleProblems,
                null,
                nextCheck,
                since(started));
    }

    /** The global allow-list plus the feed's own networks. */
    private AddressPolicy addressesFor(FeedSpec spec) {
        List<String> extra = spec.rules().allowNetworks();
        return extra.isEmpty() ? addresses : addresses.plus(extra);
    }

    /** The article an entry was linked to (its key), or why it has none. */
    private record Linked(@Nullable String articleKey, @Nullable String note) {}

    private Linked followToArticle(
            FeedSpec spec, ParsedEntry item, String rawHtml, URI base, Map<String, ArticleWrite> fetchedArticles) {
        FeedRules rules = spec.rules();
        if (spec.fullText() == FullText.NEVER || rules.follow() == Follow.NONE) {
            return new Linked(null, null);
        }
        URI target = rules.follow() == Follow.CONTINUE_LINK
                ? ContinueReadingLink.find(rawHtml, base).orElse(null)
                : null;
        boolean followEntryLink = rules.follow() == Follow.ENTRY_LINK
                || spec.fullText() == FullText.ALWAYS
                || ContinueReadingLink.looksLikeExcerpt(rawHtml);
        if (target == null && item.link() != null && followEntryLink) {
            target = base;
        }
        if (target == null) {
            return new Linked(null, null);
        }
        String requestedKey = UrlNormalizer.normalize(target);
        if (fetchedArticles.containsKey(requestedKey) || articles.exists(requestedKey)) {
            return new Linked(requestedKey, null);
        }
        FetchOutcome page =
                fetcher.fetch(FetchRequest.article(target).withIgnoreRobots(!rules.robots()), addressesFor(spec));
        if (!(page instanceof FetchOutcome.Fetched fetchedPage)) {
            return new Linked(null, "source article not fetched: " + describe(page));
        }
        ExtractionResult result = extractor.extract(
                fetchedPage.body(),
                fetchedPage.contentType(),
                fetchedPage.finalUri(),
                new SiteRules(rules.contentSelector(), rules.removeSelectors()));
        if (result instanceof NoArticle none) {
            return new Linked(null, "no article on " + fetchedPage.finalUri() + ": " + none.reason());
        }
        ExtractedArticle extracted = (ExtractedArticle) result;
        PageMetadata meta = extracted.metadata();
        String key = UrlNormalizer.articleKey(fetchedPage.finalUri(), meta.canonicalUrl());
        Article article = new Article(
                key,
                fetchedPage.finalUri(),
                meta.title() != null ? meta.title() : item.title(),
                meta.byline() != null ? meta.byline() : item.author(),
                meta.published() != null ? meta.published() : item.published(),
                meta.modified(),
                meta.siteName(),
                meta.language(),
                meta.description(),
                meta.leadImage(),
                extracted.html(),
                extracted.text(),
                clock.instant());
        ArticleWrite write =
                new ArticleWrite(article, Sites.registeredDomain(URI.create(key)), fingerprint(extracted.text()));
        fetchedArticles.put(key, write);
        fetchedArticles.putIfAbsent(requestedKey, write);
        return new Linked(key, null);
    }

    /** Texts shorter than this are too small for a fingerprint to tell copies from look-alikes. */
    private static final int MIN_FINGERPRINT_CHARS = 400;

    private static @Nullable Long fingerprint(String text) {
        return text.length() < MIN_FINGERPRINT_CHARS ? null : NearDuplicate.simhash(text);
    }

    private static String describe(FetchOutcome outcome) {
        if (outcome instanceof FetchOutcome.Failed failed) {
            return failed.message();
        }
        if (outcome instanceof FetchOutcome.RateLimited limited) {
            return "rate limited (HTTP " + limited.status() + ")";
        }
        return "no content (not modified)";
    }

    private static URI resolve(URI base, String link) {
        try {
            return base.resolve(link.strip());
        } catch (IllegalArgumentException e) {
            return base;
        }
    }

    /**
     * An entry's identity (DESIGN invariant 4): its GUID, unless that id is one of {@code sharedIds}, then its
     * link, then a hash of its text. Broken generators give every item the same guid (the site's address, a template's
     * placeholder); keyed by it, each item would overwrite the one before and all but one story would be lost.
     */
    static String entryKey(ParsedEntry item, Set<String> sharedIds) {
        String id = guid(item);
        if (id != null && !sharedIds.contains(id)) {
            return id;
        }
        if (item.link() != null && !item.link().isBlank()) {
            return item.link().strip();
        }
        return "sha256:"
                + sha256(firstNonNull(item.title(), "", "") + "\n" + firstNonNull(item.content(), item.summary(), ""));
    }

    /** The ids that more than one item of one feed document carries. */
    static Set<String> sharedIds(List<ParsedEntry> items) {
        Set<String> seen = new HashSet<>();
        Set<String> shared = new HashSet<>();
        for (ParsedEntry item : items) {
            String id = guid(item);
            if (id != null && !seen.add(id)) {
                shared.add(id);
            }
        }
        return shared;
    }

    /** The entry's id when it may key the entry: a JSON Feed id coerced from true, null, NaN... may not. */
    private static @Nullable String guid(ParsedEntry item) {
        if (!item.idIsKey()) {
            return null;
        }
        String id = item.id() == null ? null : item.id().strip();
        return id == null || id.isEmpty() ? null : id;
    }

    /**
     * The parser shows an element the feed leaves empty as "" (an empty title, a blank JSON Feed url); for
     * storing, following and hashing that is the same as no element at all.
     */
    static ParsedEntry withoutBlanks(ParsedEntry item) {
        return new ParsedEntry(
                item.id(),
                blankToNull(item.title()),
                blankToNull(item.link()),
                blankToNull(item.summary()),
                blankToNull(item.content()),
                item.author(),
                item.published(),
                item.updated(),
                item.categories(),
                item.enclosures(),
                item.idIsKey());
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** What the feed sent for an entry: when it changes, the entry is processed again. */
    static String contentHash(ParsedEntry item) {
        return sha256(String.join(
                "\u0000",
                String.valueOf(item.title()),
                String.valueOf(item.link()),
                String.valueOf(item.summary()),
                String.valueOf(item.content()),
                String.valueOf(item.author()),
                String.valueOf(item.published()),
                String.valueOf(item.updated()),
                String.join("\u0001", item.categories())));
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String firstNonNull(@Nullable String a, @Nullable String b, String fallback) {
        return a != null ? a : b != null ? b : fallback;
    }

    private Duration since(Instant started) {
        return Duration.between(started, clock.instant());
    }
}
