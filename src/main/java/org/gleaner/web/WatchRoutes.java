package org.gleaner.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gleaner.alert.DeliveryWorker;
import org.gleaner.alert.WatchException;
import org.gleaner.alert.Watches;
import org.gleaner.store.Delivery;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchChannel;
import org.jspecify.annotations.Nullable;

/**
 * Saved queries over HTTP: {@code /api/watches} for the app and scripts, and each watch's Atom feed at
 * {@code /watches/{id}/feed.atom} for any feed reader. A thin mapping onto {@link Watches}.
 */
final class WatchRoutes {
    /** Dry runs look back at most this many days unless asked for fewer. */
    private static final int DEFAULT_TEST_DAYS = 7;

    /** Recent alerts shown for one watch. */
    private static final int RECENT_ALERTS = 20;

    private final Watches watches;
    private final Function<Watch, List<DeliveryWorker.TestResult>> sendTest;

    /** @param sendTest sends a made-up alert to each channel of a watch and says how each went */
    WatchRoutes(Watches watches, Function<Watch, List<DeliveryWorker.TestResult>> sendTest) {
        this.watches = watches;
        this.sendTest = sendTest;
    }

    List<Map<String, Object>> list() {
        return watches.list().stream().map(this::describe).toList();
    }

    Map<String, Object> show(Context ctx) {
        return describe(watch(ctx));
    }

    /**
     * Edits a watch: {@code query} and {@code pace} when given; {@code webhook} and {@code email},
     * when either key is present, replace the channels (an empty value removes that channel).
     */
    Map<String, Object> edit(Context ctx, JsonNode body) {
        Watch current = watch(ctx);
        String paceText = text(body, "pace");
        Watch.Pace pace = paceText == null ? null : pace(paceText);
        List<WatchChannel.Spec> channels = null;
        if (body.has("webhook") || body.has("email")) {
            channels = channels(body);
        }
        try {
            return describe(watches.update(current.name(), text(body, "query"), pace, channels));
        } catch (WatchException e) {
            throw failure(e);
        }
    }

    Map<String, Object> setPaused(Context ctx, boolean paused) {
        Watch current = watch(ctx);
        try {
            return describe(paused ? watches.pause(current.name()) : watches.resume(current.name()));
        } catch (WatchException e) {
            throw failure(e);
        }
    }

    void delete(Context ctx) {
        try {
            watches.delete(watch(ctx).name());
        } catch (WatchException e) {
            throw failure(e);
        }
    }

    List<Map<String, Object>> alerts(Context ctx) {
        return watches.alerts(watch(ctx).id(), RECENT_ALERTS).stream()
                .map(alert -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("id", alert.id());
                    map.put("story", alert.storyId());
                    map.put("article", WebServer.documentId(alert.documentKey()));
                    map.put("title", alert.title());
                    map.put("url", alert.url());
                    map.put("published", alert.published());
                    map.put("matched", alert.matchedAt());
                    map.put("passage", alert.passage());
                    return map;
                })
                .toList();
    }

    List<Map<String, Object>> sendTest(Context ctx) {
        Watch current = watch(ctx);
        if (current.channels().isEmpty()) {
            throw new WebError(400, "this watch has no webhook or e-mail to test; its Atom feed needs no test");
        }
        return sendTest.apply(current).stream()
                .map(result -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("kind", result.kind().label());
                    map.put("target", result.target());
                    map.put("delivered", result.delivered());
                    map.put("status", result.status());
                    map.put("message", result.message());
                    return map;
                })
                .toList();
    }

    List<Delivery.Dead> deadDeliveries() {
        return watches.deadDeliveries();
    }

    Map<String, Object> replay(Context ctx) {
        long id = id(ctx, "delivery");
        if (!watches.replay(id)) {
            throw new WebError(404, "no dead delivery " + id);
        }
        return Map.of("replayed", id);
    }

    private Watch watch(Context ctx) {
        return watches.get(id(ctx, "watch")).orElseThrow(() -> new WebError(404, "no such watch"));
    }

    private static long id(Context ctx, String what) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new WebError(404, "no such " + what);
        }
    }

    private static Watch.Pace pace(String text) {
        return Watch.Pace.parse(text).orElseThrow(() -> new WebError(400, "pace must be immediate, hourly or daily"));
    }

    private static List<WatchChannel.Spec> channels(JsonNode body) {
        List<WatchChannel.Spec> channels = new ArrayList<>();
        String webhook = text(body, "webhook");
        if (webhook != null) {
            channels.add(new WatchChannel.Spec(WatchChannel.Kind.WEBHOOK, webhook, null));
        }
        String email = text(body, "email");
        if (email != null) {
            channels.add(new WatchChannel.Spec(WatchChannel.Kind.EMAIL, email, null));
        }
        return channels;
    }

    Map<String, Object> create(JsonNode body) {
        String name = text(body, "name");
        String query = text(body, "query");
        if (name == null || query == null) {
            throw new WebError(400, "a watch needs a name and a query");
        }
        String paceText = text(body, "pace");
        Watch.Pace pace = paceText == null ? Watch.Pace.IMMEDIATE : pace(paceText);
        List<WatchChannel.Spec> channels = channels(body);
        boolean privateFeed = body.path("private").asBoolean(false);
        int backfill = body.path("backfillDays").asInt(0);
        try {
            Watches.Created created =
                    watches.create(new Watches.Request(name, query, pace, channels, privateFeed, backfill));
            Map<String, Object> answer = describe(created.watch());
            answer.put("backfilled", created.backfilled());
            return answer;
        } catch (WatchException e) {
            throw failure(e);
        }
    }

    List<Map<String, Object>> test(@Nullable String query, @Nullable String days) {
        if (query == null || query.isBlank()) {
            throw new WebError(400, "missing query parameter q");
        }
        int lookBack;
        try {
            lookBack = days == null ? DEFAULT_TEST_DAYS : Integer.parseInt(days.strip());
        } catch (NumberFormatException e) {
            throw new WebError(400, "days must be a whole number");
        }
        try {
            return watches.test(query, lookBack).stream()
                    .map(hit -> {
                        Map<String, Object> map = new LinkedHashMap<>();
                        map.put("article", WebServer.documentId(hit.documentKey()));
                        map.put("documentKey", hit.documentKey());
                        map.put("title", hit.title());
                        map.put("url", hit.url());
                        map.put("published", hit.published());
                        map.put("passageHtml", hit.passageHtml());
                        return map;
                    })
                    .toList();
        } catch (WatchException e) {
            throw failure(e);
        }
    }

    /** The watch's Atom feed, or 404 for an unknown watch or a wrong token (a private feed stays hidden). */
    void atom(Context ctx) {
        Optional<String> feed = watches.atom(id(ctx, "watch"), ctx.queryParam("token"));
        if (feed.isEmpty()) {
            throw new WebError(404, "no such watch");
        }
        ctx.contentType("application/atom+xml; charset=utf-8").result(feed.get());
    }

    private Map<String, Object> describe(Watch watch) {
        Watches.Summary summary = watches.summary(watch);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", watch.id());
        map.put("name", watch.name());
        map.put("query", watch.query());
        map.put("pace", watch.pace().label());
        map.put("paused", watch.paused());
        map.put("error", watch.error());
        map.put("feedUrl", watches.feedUri(watch).toString());
        map.put(
                "channels",
                watch.channels().stream()
                        .map(c -> Map.of("kind", c.kind().label(), "target", c.target()))
                        .toList());
        map.put("created", watch.created());
        map.put("updated", watch.updated());
        map.put("alerts", summary.alerts());
        map.put("lastMatch", summary.lastMatch());
        map.put("declared", summary.declared());
        return map;
    }

    private static WebError failure(WatchException e) {
        int status =
                switch (e.reason()) {
                    case INVALID -> 400;
                    case NOT_FOUND -> 404;
                    case NAME_TAKEN, DECLARED -> 409;
                };
        // The parser's message already names the column of a query error.
        return new WebError(status, String.valueOf(e.getMessage()));
    }

    private static @Nullable String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.asText().isBlank()
                ? null
                : value.asText().strip();
    }
}
