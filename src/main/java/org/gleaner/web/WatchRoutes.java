package org.gleaner.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gleaner.alert.WatchException;
import org.gleaner.alert.Watches;
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

    private final Watches watches;

    WatchRoutes(Watches watches) {
        this.watches = watches;
    }

    List<Map<String, Object>> list() {
        return watches.list().stream().map(this::describe).toList();
    }

    Map<String, Object> create(JsonNode body) {
        String name = text(body, "name");
        String query = text(body, "query");
        if (name == null || query == null) {
            throw new WebError(400, "a watch needs a name and a query");
        }
        String paceText = text(body, "pace");
        Watch.Pace pace = paceText == null
                ? Watch.Pace.IMMEDIATE
                : Watch.Pace.parse(paceText)
                        .orElseThrow(() -> new WebError(400, "pace must be immediate, hourly or daily"));
        List<WatchChannel.Spec> channels = new ArrayList<>();
        String webhook = text(body, "webhook");
        if (webhook != null) {
            channels.add(new WatchChannel.Spec(WatchChannel.Kind.WEBHOOK, webhook, null));
        }
        String email = text(body, "email");
        if (email != null) {
            channels.add(new WatchChannel.Spec(WatchChannel.Kind.EMAIL, email, null));
        }
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

    List<Watches.TestHit> test(@Nullable String query, @Nullable String days) {
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
            return watches.test(query, lookBack);
        } catch (WatchException e) {
            throw failure(e);
        }
    }

    /** The watch's Atom feed, or 404 for an unknown watch or a wrong token (a private feed stays hidden). */
    void atom(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new WebError(404, "no such watch");
        }
        Optional<String> feed = watches.atom(id, ctx.queryParam("token"));
        if (feed.isEmpty()) {
            throw new WebError(404, "no such watch");
        }
        ctx.contentType("application/atom+xml; charset=utf-8").result(feed.get());
    }

    private Map<String, Object> describe(Watch watch) {
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
