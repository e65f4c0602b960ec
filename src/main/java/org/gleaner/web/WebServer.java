package org.gleaner.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gleaner.model.FeedStatus;
import org.gleaner.search.ArticleSearcher;
import org.gleaner.search.QueryException;
import org.gleaner.search.SearchHit;
import org.gleaner.search.SearchRequest;
import org.gleaner.search.SearchResults;
import org.gleaner.store.FeedStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON API and the search page. Errors about a request are 4xx with a message in JSON; anything
 * else is a 500 with a generic message (the details go to the log, never to the client).
 */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Javalin app;
    private final String host;
    private final int requestedPort;
    private final Supplier<ArticleSearcher> searcher;
    private final FeedStore feeds;
    private final Supplier<Map<String, Object>> health;

    public WebServer(
            String host,
            int port,
            Supplier<ArticleSearcher> searcher,
            FeedStore feeds,
            Supplier<Map<String, Object>> health) {
        this.host = host;
        this.requestedPort = port;
        this.searcher = searcher;
        this.feeds = feeds;
        this.health = health;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            config.routes.before(WebServer::securityHeaders);
            config.routes.get("/api/search", this::search);
            config.routes.get("/api/feeds", this::feeds);
            config.routes.get("/api/health", this::health);
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, e.getMessage(), null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("request {} failed", ctx.path(), e);
                error(ctx, 500, "internal error; see the server log", null);
            });
        });
    }

    public void start() {
        app.start(host, requestedPort);
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
    }

    private void search(Context ctx) throws Exception {
        String query = ctx.queryParam("q");
        if (query == null || query.isBlank()) {
            throw new BadRequest("missing query parameter q");
        }
        int limit = intParam(ctx, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        SearchResults results;
        try {
            results = searcher.get().search(SearchRequest.of(query, limit));
        } catch (QueryException e) {
            error(ctx, 400, e.getMessage(), e.position());
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("total", results.total());
        body.put("totalIsLowerBound", results.totalIsLowerBound());
        body.put("hits", results.hits().stream().map(WebServer::hit).toList());
        body.put("nextCursor", results.nextCursor());
        body.put("facets", results.facets());
        send(ctx, 200, body);
    }

    static Map<String, Object> hit(SearchHit hit) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", hit.key());
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

    private void feeds(Context ctx) throws Exception {
        List<FeedStatus> list = feeds.list();
        send(ctx, 200, Map.of("feeds", list));
    }

    private void health(Context ctx) throws Exception {
        send(ctx, 200, health.get());
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number, not '" + value + "'");
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
        } catch (Exception e) {
            ctx.status(status).result(String.valueOf(message));
        }
    }

    private void send(Context ctx, int status, Object body) throws Exception {
        ctx.status(status).contentType("application/json; charset=utf-8").result(json.writeValueAsString(body));
    }

    @Override
    public void close() {
        app.stop();
    }

    /** A request the client got wrong. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
