package org.gleaner.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.gleaner.search.QueryException;
import org.gleaner.search.SearchHit;
import org.gleaner.search.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events ({@code GET /api/live?q=…}): each client names a search; when the index applies
 * new changes, the search runs again and hits the client has not seen yet are sent as {@code hit}
 * events. Polling the index sequence costs nothing while nothing is ingested.
 */
final class LiveUpdates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** How often the index sequence is checked: the index itself makes changes searchable within 1 s. */
    static final long POLL_MILLIS = 500;
    /** A comment line keeps proxies from closing a quiet stream and reveals clients that left. */
    static final long HEARTBEAT_MILLIS = 15_000;
    /** Newest hits compared per check; more new articles than this in half a second are rare. */
    static final int WINDOW = 30;
    /** Keys remembered per client so a hit is sent once. */
    static final int SEEN_LIMIT = 2_000;

    private final WebBackend backend;
    private final ObjectMapper json;
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "live-updates");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSequence = -1;
    private long sinceHeartbeat;

    private record Client(SseClient sse, SearchRequest request, Set<String> seen) {}

    LiveUpdates(WebBackend backend, ObjectMapper json) {
        this.backend = backend;
        this.json = json;
    }

    void start() {
        var unused = timer.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    int clients() {
        return clients.size();
    }

    void connect(SseClient sse) {
        SearchRequest asked = WebServer.searchRequest(sse.ctx());
        SearchRequest request =
                new SearchRequest(asked.query(), WINDOW, SearchRequest.Sort.NEWEST, null, asked.filters(), false);
        Set<String> seen = new LinkedHashSet<>();
        try {
            backend.searcher().search(request).hits().forEach(hit -> seen.add(hit.key()));
        } catch (QueryException e) {
            sse.sendEvent("error", e.getMessage());
            sse.close();
            return;
        }
        Client client = new Client(sse, request, seen);
        sse.keepAlive();
        sse.onClose(() -> clients.remove(client));
        clients.add(client);
        sse.sendEvent("ready", "{}");
    }

    private void tick() {
        try {
            sinceHeartbeat += POLL_MILLIS;
            if (sinceHeartbeat >= HEARTBEAT_MILLIS) {
                sinceHeartbeat = 0;
                clients.forEach(c -> c.sse().sendComment("heartbeat"));
            }
            long sequence = backend.indexedSequence();
            if (sequence == lastSequence || clients.isEmpty()) {
                lastSequence = sequence;
                return;
            }
            lastSequence = sequence;
            for (Client client : clients) {
                push(client);
            }
        } catch (RuntimeException e) {
            // One failed check must not end live updates for everyone; the next tick tries again.
            log.warn("live update check failed: {}", e.toString());
        }
    }

    private void push(Client client) {
        if (client.sse().terminated()) {
            clients.remove(client);
            return;
        }
        try {
            List<SearchHit> hits = backend.searcher().search(client.request()).hits();
            // Oldest first, so a client that prepends each event ends with the newest on top.
            for (int i = hits.size() - 1; i >= 0; i--) {
                SearchHit hit = hits.get(i);
                if (client.seen().add(hit.key())) {
                    client.sse().sendEvent("hit", json.writeValueAsString(WebServer.hit(hit)));
                }
            }
            while (client.seen().size() > SEEN_LIMIT) {
                client.seen().remove(client.seen().iterator().next());
            }
        } catch (QueryException | JsonProcessingException e) {
            log.debug("live search failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clients.forEach(c -> c.sse().close());
        clients.clear();
    }
}
