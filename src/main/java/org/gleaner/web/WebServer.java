package org.gleaner.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gleaner.config.ConfigException;
import org.gleaner.config.FeedConfig;
import org.gleaner.config.Slugs;
import org.gleaner.feed.Opml;
import org.gleaner.feed.OpmlDocument;
import org.gleaner.feed.OpmlException;
import org.gleaner.feed.OpmlFeed;
import org.gleaner.ingest.FeedDiscovery;
import org.gleaner.model.FeedStatus;
import org.gleaner.search.QueryException;
import org.gleaner.search.SearchHit;
import org.gleaner.search.SearchRequest;
import org.gleaner.search.SearchResults;
import org.gleaner.store.ArticleReader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API and the web app. Errors about a request are 4xx with a message in JSON; anything else
 * is a 500 with a generic message (the details go to the log, never to the client). API shapes are
 * documented in {@code /api/openapi.json} (src/main/resources/web/api/openapi.json).
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    /** Similar articles shown under an article unless the client asks for another number. */
    static final int DEFAULT_SIMILAR = 5;
    /** An OPML upload larger than this is refused: a subscription list is a few hundred KB at most. */
    static final int MAX_OPML_BYTES = 2 * 1024 * 1024;

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' https: data:; connect-src 'self'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    /** Client-side routes: each serves the same page, whose script renders the view. */
    private static final List<String> PAGES =
            List.of("/", "/search", "/article/{id}", "/feeds", "/watches", "/status", "/signin");

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> FILTER_DIMENSIONS = Set.of("feed", "site", "tag", "lang", "published");

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Javalin app;
    private final WebSettings settings;
    private final WebBackend backend;
    private final InstantSource clock;
    private final AccessControl access;
    private final LiveUpdates live;
    private final byte[] pageShell;

    public WebServer(WebSettings settings, WebBackend backend, InstantSource clock) {
        this.settings = settings;
        this.backend = backend;
        this.clock = clock;
        this.access = new AccessControl(settings, clock);
        this.live = new LiveUpdates(backend, json);
        String shell = new String(resource("/web/index.html"), StandardCharsets.UTF_8);
        String assets = "/assets/" + assetsVersion(shell);
        // The page loads its stylesheet and modules from a path named after their contents, cached
        // for good: a returning reader's browser asks the server for none of them (each would be a
        // round trip before the search box exists), and a new build's files get a new path.
        this.pageShell = shell.replace("\"/js/", "\"" + assets + "/js/")
                .replace("\"/app.css\"", "\"" + assets + "/app.css\"")
                .getBytes(StandardCharsets.UTF_8);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.add(files -> {
                files.hostedPath = assets;
                files.directory = "/web";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=31536000, immutable");
            });
            config.routes.before(this::guard);
            for (String page : PAGES) {
                config.routes.get(page, this::page);
            }
            config.routes.get("/api/session", this::session);
            config.routes.post("/api/session", this::signIn);
            config.routes.post("/api/session/end", this::signOut);
            config.routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json; charset=utf-8")
                    .result(resource("/web/api/openapi.json")));
            config.routes.get("/api/search", this::search);
            config.routes.get("/api/articles/{id}", this::article);
            config.routes.get("/api/articles/{id}/similar", this::similar);
            config.routes.get("/api/feeds", this::feeds);
            config.routes.post("/api/feeds", this::addFeed);
            config.routes.post("/api/feeds/discover", this::discover);
            config.routes.post("/api/feeds/import", this::importOpml);
            config.routes.get("/api/feeds/export", this::exportOpml);
            config.routes.post("/api/feeds/{name}/refresh", this::refresh);
            config.routes.post("/api/feeds/{name}/pause", ctx -> pause(ctx, true));
            config.routes.post("/api/feeds/{name}/resume", ctx -> pause(ctx, false));
            config.routes.get("/api/status", this::status);
            config.routes.get("/api/health", ctx -> send(ctx, 200, backend.health()));
            WatchRoutes watches = new WatchRoutes(backend.watches(), backend::sendTestAlert);
            config.routes.get("/api/watches", ctx -> send(ctx, 200, Map.of("watches", watches.list())));
            config.routes.post("/api/watches", ctx -> send(ctx, 201, watches.create(body(ctx))));
            config.routes.get(
                    "/api/watches/test",
                    ctx -> send(ctx, 200, Map.of("hits", watches.test(ctx.queryParam("q"), ctx.queryParam("days")))));
            config.routes.get("/api/watches/{id}", ctx -> send(ctx, 200, watches.show(ctx)));
            config.routes.patch("/api/watches/{id}", ctx -> send(ctx, 200, watches.edit(ctx, body(ctx))));
            config.routes.delete("/api/watches/{id}", ctx -> {
                watches.delete(ctx);
                ctx.status(204);
            });
            config.routes.post("/api/watches/{id}/pause", ctx -> send(ctx, 200, watches.setPaused(ctx, true)));
            config.routes.post("/api/watches/{id}/resume", ctx -> send(ctx, 200, watches.setPaused(ctx, false)));
            config.routes.get("/api/watches/{id}/alerts", ctx -> send(ctx, 200, Map.of("alerts", watches.alerts(ctx))));
            config.routes.post(
                    "/api/watches/{id}/send-test", ctx -> send(ctx, 200, Map.of("results", watches.sendTest(ctx))));
            config.routes.get(
                    "/api/deliveries/dead", ctx -> send(ctx, 200, Map.of("deliveries", watches.deadDeliveries())));
            config.routes.post("/api/deliveries/{id}/replay", ctx -> send(ctx, 200, watches.replay(ctx)));
            config.routes.get("/watches/{id}/feed.atom", watches::atom);
            config.routes.sse("/api/live", live::connect);
            config.routes.exception(WebError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("request {} failed", ctx.path(), e);
                error(ctx, 500, "internal error; see the server log", null);
            });
        });
    }

    public void start() {
        app.start(settings.host(), settings.port());
        live.start();
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    // ---- cross-cutting: headers, host check, sign-in, CSRF

    private void guard(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        access.checkHost(ctx);
        String path = ctx.path();
        boolean api = path.startsWith("/api/");
        boolean open = path.equals("/api/session") || path.equals("/api/openapi.json");
        if (api) {
            ctx.header("Cache-Control", "no-store");
        }
        if (api && !open && !access.authorized(ctx)) {
            throw new WebError(401, access.signInConfigured() ? "sign in first" : AccessControl.notConfiguredMessage());
        }
        String method = ctx.req().getMethod().toUpperCase(Locale.ROOT);
        boolean changes = !SAFE_METHODS.contains(method);
        // Signing in is the one change made without a session; its own rate limit guards it.
        if (changes && !path.equals("/api/session")) {
            access.checkCsrf(ctx);
        }
    }

    private void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8")
                .header("Cache-Control", "no-cache")
                .result(pageShell);
    }

    private void session(Context ctx) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("signInRequired", access.signInRequired());
        body.put("signInConfigured", !access.signInRequired() || access.signInConfigured());
        body.put("signedIn", access.authorized(ctx));
        body.put("csrfToken", access.authorized(ctx) ? access.csrfToken(ctx) : null);
        send(ctx, 200, body);
    }

    private void signIn(Context ctx) throws IOException {
        if (!access.signInRequired()) {
            send(ctx, 200, Map.of("signedIn", true));
            return;
        }
        JsonNode body = body(ctx);
        access.signIn(ctx, body.path("password").asText(""));
        send(ctx, 200, Map.of("signedIn", true));
    }

    private void signOut(Context ctx) throws IOException {
        access.signOut(ctx);
        send(ctx, 200, Map.of("signedIn", false));
    }

    // ---- search and articles

    private void search(Context ctx) throws IOException {
        SearchRequest request = searchRequest(ctx);
        SearchResults results;
        try {
            results = backend.searcher().search(request);
        } catch (QueryException e) {
            error(ctx, 400, e.getMessage(), e.position() >= 0 ? e.position() : null);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", request.query());
        body.put("sort", request.sort().name().toLowerCase(Locale.ROOT));
        body.put("filters", request.filters());
        body.put("total", results.total());
        body.put("totalIsLowerBound", results.totalIsLowerBound());
        body.put("hits", results.hits().stream().map(WebServer::hit).toList());
        body.put("nextCursor", results.nextCursor());
        body.put("facets", results.facets());
        send(ctx, 200, body);
    }

    /** The search request a query string describes; shared by {@code /api/search} and {@code /api/live}. */
    static SearchRequest searchRequest(Context ctx) {
        String query = Objects.requireNonNullElse(ctx.queryParam("q"), "").strip();
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new WebError(400, "limit must be between 1 and " + MAX_LIMIT);
        }
        String sortParam = ctx.queryParam("sort");
        SearchRequest.Sort sort;
        if (sortParam == null || sortParam.isBlank()) {
            sort = query.isEmpty() ? SearchRequest.Sort.NEWEST : SearchRequest.Sort.RELEVANCE;
        } else {
            try {
                sort = SearchRequest.Sort.valueOf(sortParam.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new WebError(400, "sort must be relevance, newest or oldest, not '" + sortParam + "'");
            }
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        for (String dimension : FILTER_DIMENSIONS) {
            List<String> values = ctx.queryParams(dimension).stream()
                    .filter(v -> !v.isBlank())
                    .toList();
            if (!values.isEmpty()) {
                filters.put(dimension, values);
            }
        }
        String cursor = ctx.queryParam("cursor");
        String facets = ctx.queryParam("facets");
        boolean withFacets = facets != null && (facets.equals("1") || facets.equalsIgnoreCase("true"));
        return new SearchRequest(
                query, limit, sort, cursor == null || cursor.isBlank() ? null : cursor, filters, withFacets);
    }

    static Map<String, Object> hit(SearchHit hit) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", documentId(hit.key()));
        map.put("key", hit.key());
        map.put("title", hit.title());
        map.put("titleHtml", hit.titleHtml());
        map.put("url", hit.url());
        map.put("site", hit.site());
        map.put("feeds", hit.feeds());
        map.put("published", hit.published());
        map.put("snippetHtml", hit.snippetHtml());
        map.put("score", hit.score());
        map.put("otherSources", hit.otherSources());
        return map;
    }

    /** A URL-safe id for a search document key (keys hold ':' and '/', which paths cannot carry). */
    static String documentId(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    static String documentKey(String id) {
        try {
            return new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebError(404, "no article with id '" + id + "'");
        }
    }

    private void article(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        ArticleReader.StoredDocument document = backend.articles()
                .read(documentKey(id))
                .orElseThrow(() -> new WebError(404, "no article with id '" + id + "'"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("key", document.id());
        body.put("isArticle", document.isArticle());
        body.put("url", document.url());
        body.put("site", document.site());
        body.put("siteName", document.siteName());
        body.put("title", document.title());
        body.put("byline", document.byline());
        body.put("published", document.published());
        body.put("language", document.language());
        body.put("description", document.description());
        body.put("html", document.html());
        body.put("text", document.text());
        List<Map<String, Object>> pointers = new ArrayList<>();
        for (ArticleReader.Pointer pointer : document.pointers()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("feed", pointer.feed());
            map.put("feedTitle", pointer.feedTitle());
            map.put("title", pointer.title());
            map.put("url", pointer.link());
            map.put("author", pointer.author());
            map.put("published", pointer.published());
            map.put("html", pointer.html());
            map.put("text", pointer.text());
            map.put("note", pointer.note());
            pointers.add(map);
        }
        body.put("entries", pointers);
        // Other sources of the same story: the documents the search collapsed into this one.
        List<String> sources = new ArrayList<>();
        for (ArticleReader.Pointer pointer : document.pointers()) {
            if (pointer.link() != null && !pointer.link().equals(document.url())) {
                sources.add(pointer.link());
            }
        }
        body.put("sources", sources.stream().distinct().toList());
        send(ctx, 200, body);
    }

    private void similar(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        String key = documentKey(id);
        int limit = intParam(ctx, "limit", DEFAULT_SIMILAR);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new WebError(400, "limit must be between 1 and " + MAX_LIMIT);
        }
        var searcher = backend.searcher();
        if (!searcher.contains(key)) {
            throw new WebError(404, "no article with id '" + id + "'");
        }
        try {
            SearchResults results = searcher.similar(key, limit);
            send(
                    ctx,
                    200,
                    Map.of("hits", results.hits().stream().map(WebServer::hit).toList()));
        } catch (QueryException e) {
            error(ctx, 400, e.getMessage(), null);
        }
    }

    // ---- feeds

    private void feeds(Context ctx) throws IOException {
        Map<String, Instant> failing = backend.articles().failingSince();
        Set<String> paused = backend.pausedFeeds();
        Set<String> configured = new HashSet<>();
        backend.config().feeds().forEach(f -> configured.add(f.name()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (FeedStatus feed : backend.feeds().list()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", feed.name());
            map.put("url", feed.url());
            map.put("title", feed.title());
            map.put("tags", feed.tags());
            map.put("health", health(feed, failing.get(feed.name())));
            map.put("active", configured.contains(feed.name()));
            map.put("paused", paused.contains(feed.name()));
            map.put("lastFetched", feed.lastFetched());
            map.put("nextCheck", feed.nextCheck());
            map.put("lastHttpStatus", feed.lastHttpStatus());
            map.put("lastOutcome", feed.lastOutcome());
            map.put("lastError", feed.lastError());
            map.put("failingSince", failing.get(feed.name()));
            map.put("consecutiveFailures", feed.consecutiveFailures());
            map.put("entryCount", feed.entryCount());
            list.add(map);
        }
        send(ctx, 200, Map.of("feeds", list));
    }

    /** One word for a feed's health: new, ok, not-modified, rate-limited, failing, gone. */
    static String health(FeedStatus feed, @Nullable Instant failingSince) {
        String outcome = feed.lastOutcome();
        if (outcome == null) {
            return "new";
        }
        if (outcome.equals("gone")) {
            return "gone";
        }
        if (failingSince != null || feed.consecutiveFailures() > 0) {
            return "failing";
        }
        return outcome;
    }

    private void discover(Context ctx) throws IOException {
        limitFeedAdds(ctx);
        URI address = address(body(ctx).path("url").asText(""));
        FeedDiscovery.Result result = backend.discover(address);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("found", result.feed().isPresent());
        result.feed().ifPresent(found -> {
            body.put("url", found.url());
            body.put("title", found.title());
            body.put("entries", found.entries());
            body.put("suggestedName", Slugs.fromUrl(found.url()));
            body.put("alreadyAdded", knownUrl(found.url()));
        });
        body.put("tried", result.tried());
        send(ctx, 200, body);
    }

    private void addFeed(Context ctx) throws IOException {
        limitFeedAdds(ctx);
        JsonNode request = body(ctx);
        URI address = address(request.path("url").asText(""));
        FeedDiscovery.Result result = backend.discover(address);
        if (result.feed().isEmpty()) {
            throw new WebError(422, "no feed found at " + address + ". Tried: " + String.join("; ", result.tried()));
        }
        FeedDiscovery.Found found = result.feed().get();
        if (knownUrl(found.url())) {
            throw new WebError(409, found.url() + " is already one of your feeds");
        }
        String name = request.path("name").asText("").strip();
        if (name.isEmpty()) {
            name = uniqueName(Slugs.fromUrl(found.url()));
        }
        List<String> tags = new ArrayList<>();
        request.path("tags").forEach(tag -> {
            if (!tag.asText("").isBlank()) {
                tags.add(tag.asText().strip());
            }
        });
        try {
            backend.addFeeds(List.of(new WebBackend.NewFeed(name, found.url(), tags)));
        } catch (ConfigException e) {
            throw new WebError(422, String.valueOf(e.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", found.url());
        body.put("title", found.title());
        body.put("entries", found.entries());
        send(ctx, 201, body);
    }

    private void limitFeedAdds(Context ctx) {
        Duration wait = access.feedAdds.acquire(ctx.ip());
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new WebError(429, "too many feed additions; try again in " + seconds + " s");
        }
    }

    private static URI address(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new WebError(400, "give the address of a feed or of a web page that has one");
        }
        if (!value.contains("://")) {
            value = "https://" + value;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
                throw new WebError(400, "'" + text + "' is not an http or https address");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new WebError(400, "'" + text + "' is not an address: " + e.getReason());
        }
    }

    private boolean knownUrl(URI url) {
        return backend.config().feeds().stream().anyMatch(f -> f.url().equals(url));
    }

    private String uniqueName(String base) {
        Set<String> names = new HashSet<>();
        backend.config().feeds().forEach(f -> names.add(f.name()));
        String name = base;
        for (int n = 2; names.contains(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private void importOpml(Context ctx) throws IOException {
        byte[] upload = ctx.bodyAsBytes();
        if (upload.length > MAX_OPML_BYTES) {
            throw new WebError(413, "an OPML file larger than 2 MB is not a subscription list");
        }
        OpmlDocument document;
        try {
            document = Opml.parse(upload);
        } catch (OpmlException e) {
            throw new WebError(422, "not an OPML file: " + e.getMessage());
        }
        Set<String> urls = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (FeedConfig feed : backend.config().feeds()) {
            urls.add(feed.url().toString());
            names.add(feed.name());
        }
        List<WebBackend.NewFeed> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (OpmlFeed feed : document.feeds()) {
            URI url;
            try {
                url = new URI(feed.xmlUrl().strip());
            } catch (java.net.URISyntaxException e) {
                skipped.add(feed.xmlUrl() + ": not an address");
                continue;
            }
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                skipped.add(feed.xmlUrl() + ": not an http or https address");
                continue;
            }
            if (!urls.add(url.toString())) {
                skipped.add(feed.xmlUrl() + ": already a feed");
                continue;
            }
            String base = Slugs.fromUrl(url);
            String name = base;
            for (int n = 2; names.contains(name); n++) {
                name = base + "-" + n;
            }
            names.add(name);
            added.add(new WebBackend.NewFeed(name, url, feed.tags()));
        }
        if (!added.isEmpty()) {
            try {
                backend.addFeeds(added);
            } catch (ConfigException e) {
                throw new WebError(422, String.valueOf(e.getMessage()));
            }
        }
        send(
                ctx,
                200,
                Map.of("added", added.stream().map(WebBackend.NewFeed::name).toList(), "skipped", skipped));
    }

    private void exportOpml(Context ctx) {
        List<OpmlFeed> feeds = backend.config().feeds().stream()
                .map(feed -> new OpmlFeed(feed.name(), feed.url().toString(), null, feed.tags()))
                .toList();
        ctx.contentType("text/x-opml; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"gleaner-feeds.opml\"")
                .result(Opml.write(feeds, "Gleaner feeds"));
    }

    private void refresh(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        if (!backend.refreshNow(name)) {
            throw new WebError(404, "no feed named '" + name + "'");
        }
        send(ctx, 202, Map.of("refreshing", name));
    }

    private void pause(Context ctx, boolean paused) throws IOException {
        String name = ctx.pathParam("name");
        if (!backend.setPaused(name, paused)) {
            throw new WebError(404, "no feed named '" + name + "'");
        }
        send(ctx, 200, Map.of("name", name, "paused", paused));
    }

    // ---- status and watches

    private void status(Context ctx) throws IOException {
        send(ctx, 200, status());
    }

    private Map<String, Object> status() {
        ArticleReader.Counts counts = backend.articles().counts();
        Map<String, Object> index = backend.indexStatus();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", clock.instant());
        body.put("store", counts);
        body.put("index", index);
        long indexed = backend.indexedSequence();
        body.put("indexQueue", Math.max(0, counts.changeLogHead() - indexed));
        Instant now = clock.instant();
        List<FeedStatus> feeds = backend.feeds().list();
        body.put(
                "feedsDue",
                feeds.stream()
                        .filter(f -> f.nextCheck() == null || !f.nextCheck().isAfter(now))
                        .count());
        body.put("pausedFeeds", backend.pausedFeeds().size());
        List<Map<String, Object>> errors = new ArrayList<>();
        feeds.stream()
                .filter(f -> f.lastError() != null)
                .sorted((a, b) -> Objects.requireNonNullElse(b.lastFetched(), Instant.EPOCH)
                        .compareTo(Objects.requireNonNullElse(a.lastFetched(), Instant.EPOCH)))
                .limit(10)
                .forEach(f -> {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("feed", f.name());
                    error.put("at", f.lastFetched());
                    error.put("error", f.lastError());
                    errors.add(error);
                });
        body.put("lastErrors", errors);
        body.put("liveClients", live.clients());
        return body;
    }

    // ---- plumbing

    private JsonNode body(Context ctx) {
        try {
            JsonNode node = json.readTree(ctx.body());
            if (node == null || !node.isObject()) {
                throw new WebError(400, "the request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WebError(400, "the request body is not JSON");
        }
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new WebError(400, name + " must be a whole number, not '" + value + "'");
        }
    }

    private void error(Context ctx, int status, @Nullable String message, @Nullable Integer position) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (position != null) {
            body.put("position", position);
        }
        try {
            send(ctx, status, body);
        } catch (IOException e) {
            ctx.status(status).result(String.valueOf(message));
        }
    }

    private void send(Context ctx, int status, Object body) throws IOException {
        ctx.status(status).contentType("application/json; charset=utf-8").result(json.writeValueAsBytes(body));
    }

    /** A hash of the stylesheet and every module the page names, so that a changed file changes the path. */
    static String assetsVersion(String shell) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Matcher files = Pattern.compile("\"(/js/[a-z]+\\.js|/app\\.css)\"").matcher(shell);
            while (files.find()) {
                digest.update(resource("/web" + files.group(1)));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            return Objects.requireNonNull(in, name).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        live.close();
        app.stop();
    }
}
