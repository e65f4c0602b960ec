package org.gleaner.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MonitorQuerySerializer;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermWeightor;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.gleaner.model.SearchDocument;
import org.gleaner.search.QueryException;
import org.gleaner.search.QueryLanguage;
import org.gleaner.store.Watch;
import org.gleaner.store.WatchStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved-query index: lucene-monitor over the article schema, with a multipass presearcher and
 * prefix queries indexed by their prefix ({@link PrefixQueryHandler}).
 *
 * <p>The index (in {@code index/queries/}, or in memory) is derived from the database: a small file
 * beside it records the last watch edit it reflects; on {@link #sync} it applies later edits, and when
 * the file or the index is missing it is rebuilt from every active watch.
 */
public final class QueryMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryMonitor.class);
    private static final String APPLIED_FILE = "gleaner-watch-changes";
    private static final String VERSION = "version";

    private final Monitor monitor;
    private final @Nullable Path directory;
    private final InstantSource clock;
    private long appliedChange;
    /** Parsed queries by id, shared with the monitor, so a match needs no re-parse for its passage. */
    private final Map<String, Query> parsed = new ConcurrentHashMap<>();

    private QueryMonitor(Monitor monitor, @Nullable Path directory, InstantSource clock, long appliedChange) {
        this.monitor = monitor;
        this.directory = directory;
        this.clock = clock;
        this.appliedChange = appliedChange;
    }

    /** The presearcher Gleaner uses; public so the benchmark can give a bare monitor the same one. */
    public static Presearcher presearcher() {
        return new MultipassTermFilteredPresearcher(
                MonitorTuning.PRESEARCHER_PASSES, 0, TermWeightor.DEFAULT, List.of(new PrefixQueryHandler()), Set.of());
    }

    /**
     * The monitor settings Gleaner uses (public so the benchmark's bare monitor matches): a small
     * update buffer, because each buffered query holds its presearcher term hashes (tens of KiB).
     */
    public static MonitorConfiguration configuration() {
        return new MonitorConfiguration().setQueryUpdateBufferSize(MonitorTuning.QUERY_UPDATE_BUFFER);
    }

    /**
     * Opens the query index in {@code directory} (created when missing), or in memory when null.
     * Queries are re-parsed with {@code clock} when loaded, so relative dates stay relative.
     */
    public static QueryMonitor open(@Nullable Path directory, InstantSource clock) {
        MonitorQuerySerializer serializer = MonitorQuerySerializer.fromParser(text -> parseOrNothing(text, clock));
        MonitorConfiguration config = configuration();
        long applied = -1;
        try {
            if (directory == null) {
                config.setDirectoryProvider(ByteBuffersDirectory::new, serializer);
            } else {
                Path marker = directory.resolve(APPLIED_FILE);
                if (Files.isRegularFile(marker)) {
                    applied = readApplied(marker);
                } else if (Files.exists(directory)) {
                    // An index without its marker cannot say what it reflects: rebuild it.
                    deleteRecursively(directory);
                }
                Files.createDirectories(directory);
                config.setIndexPath(directory, serializer);
            }
            Monitor monitor = new Monitor(Analyzers.indexAnalyzer(), presearcher(), config);
            return new QueryMonitor(monitor, directory, clock, applied);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the query index in " + directory, e);
        }
    }

    private static long readApplied(Path marker) {
        try {
            return Long.parseLong(
                    Files.readString(marker, StandardCharsets.UTF_8).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static Query parseOrNothing(String text, InstantSource clock) {
        try {
            return QueryLanguage.parse(text, clock);
        } catch (QueryException e) {
            return new MatchNoDocsQuery("unparseable watch: " + e.getMessage());
        }
    }

    /**
     * Brings the index up to date with the watches in the store: the edits since the last sync, or
     * every active watch when the index is new. A query that no longer parses is recorded on its watch.
     *
     * @return how many watches were (re)registered or removed
     */
    public synchronized int sync(WatchStore watches) {
        try {
            int applied = 0;
            if (appliedChange > watches.changeHead()) {
                // The index reflects edits this database never saw (a replaced database): rebuild.
                appliedChange = -1;
            }
            if (appliedChange < 0) {
                long head = watches.changeHead();
                monitor.clear();
                parsed.clear();
                List<MonitorQuery> batch = new ArrayList<>();
                for (Watch watch : watches.all()) {
                    MonitorQuery query = toMonitorQuery(watch, watches);
                    if (query != null) {
                        batch.add(query);
                        applied++;
                    }
                }
                monitor.register(batch);
                setApplied(head);
            }
            while (true) {
                List<WatchStore.Change> changes =
                        watches.changesAfter(appliedChange, MonitorTuning.WATCH_CHANGES_PER_READ);
                if (changes.isEmpty()) {
                    return applied;
                }
                List<MonitorQuery> register = new ArrayList<>();
                List<String> remove = new ArrayList<>();
                for (long id : changes.stream()
                        .map(WatchStore.Change::watchId)
                        .distinct()
                        .toList()) {
                    Watch watch = watches.byId(id).orElse(null);
                    MonitorQuery query = watch == null ? null : toMonitorQuery(watch, watches);
                    if (query == null) {
                        remove.add(Long.toString(id));
                    } else {
                        register.add(query);
                    }
                    applied++;
                }
                if (!remove.isEmpty()) {
                    monitor.deleteById(remove);
                    remove.forEach(parsed::remove);
                }
                if (!register.isEmpty()) {
                    monitor.register(register);
                }
                setApplied(changes.get(changes.size() - 1).sequence());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("updating the query index failed", e);
        }
    }

    /** Registers watches directly (the benchmark, and tests without a store). */
    public synchronized void register(List<Watch> watches) {
        List<MonitorQuery> queries = new ArrayList<>();
        for (Watch watch : watches) {
            try {
                queries.add(monitorQuery(watch, QueryLanguage.parse(watch.query(), clock)));
            } catch (QueryException e) {
                log.warn("watch {} does not parse: {}", watch.name(), e.getMessage());
            }
        }
        try {
            monitor.register(queries);
        } catch (IOException e) {
            throw new UncheckedIOException("registering watches failed", e);
        }
    }

    private @Nullable MonitorQuery toMonitorQuery(Watch watch, WatchStore watches) {
        if (watch.paused()) {
            return null;
        }
        try {
            Query query = QueryLanguage.parse(watch.query(), clock);
            if (watch.error() != null) {
                watches.setError(watch.id(), null);
            }
            return monitorQuery(watch, query);
        } catch (QueryException e) {
            // One broken watch never stops the others: the error is shown on the watch.
            watches.setError(watch.id(), e.getMessage());
            return null;
        }
    }

    private MonitorQuery monitorQuery(Watch watch, Query query) {
        parsed.put(Long.toString(watch.id()), query);
        return new MonitorQuery(
                Long.toString(watch.id()), query, watch.query(), Map.of(VERSION, Integer.toString(watch.version())));
    }

    private void setApplied(long sequence) throws IOException {
        appliedChange = sequence;
        if (directory != null) {
            Path marker = directory.resolve(APPLIED_FILE);
            Path temp = directory.resolve(APPLIED_FILE + ".tmp");
            Files.writeString(temp, Long.toString(sequence), StandardCharsets.UTF_8);
            Files.move(temp, marker, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** A watch that matched a document, with its query (for the highlighted passage). */
    public record Hit(long watchId, Query query) {}

    /**
     * The watches that match a document. Build nothing else on this thread meanwhile: the document's
     * prose fields are token streams bound to the thread's analyzer ({@link ArticleFields#document}).
     */
    public List<Hit> match(SearchDocument document) {
        try {
            MatchingQueries<QueryMatch> matches =
                    monitor.match(ArticleFields.document(document), QueryMatch.SIMPLE_MATCHER);
            matches.getErrors()
                    .forEach((id, error) -> log.warn("watch {} failed on {}: {}", id, document.key(), error));
            List<Hit> hits = new ArrayList<>();
            for (QueryMatch match : matches.getMatches()) {
                Query query = parsed.get(match.getQueryId());
                if (query == null) {
                    // Loaded from disk at open: parse once from the stored query string.
                    MonitorQuery stored = monitor.getQuery(match.getQueryId());
                    if (stored == null) {
                        continue;
                    }
                    query = stored.getQuery();
                    parsed.put(match.getQueryId(), query);
                }
                hits.add(new Hit(Long.parseLong(match.getQueryId()), query));
            }
            hits.sort(Comparator.comparingLong(Hit::watchId));
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("matching " + document.key() + " failed", e);
        }
    }

    /** Watch ids whose queries match, without fetching the queries (the benchmark's path). */
    public int matchCount(SearchDocument document) {
        try {
            return monitor.match(ArticleFields.document(document), QueryMatch.SIMPLE_MATCHER)
                    .getMatchCount();
        } catch (IOException e) {
            throw new UncheckedIOException("matching " + document.key() + " failed", e);
        }
    }

    /** How many queries the presearcher let through for the last document (the benchmark's candidate ratio). */
    public int candidates(SearchDocument document) {
        try {
            return monitor.match(ArticleFields.document(document), QueryMatch.SIMPLE_MATCHER)
                    .getQueriesRun();
        } catch (IOException e) {
            throw new UncheckedIOException("matching " + document.key() + " failed", e);
        }
    }

    public int size() {
        try {
            return monitor.getQueryCount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() {
        parsed.clear();
        try {
            monitor.close();
        } catch (IOException e) {
            log.warn("closing the query index failed: {}", e.getMessage());
        }
    }
}
