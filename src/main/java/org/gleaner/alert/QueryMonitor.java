package org.gleaner.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorConfiguration;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MonitorQuerySerializer;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryDecomposer;
import org.apache.lucene.monitor.QueryMatch;
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
 * prefix queries indexed by their prefix ({@link WatchPresearcher}, {@link PrefixQueryHandler}).
 *
 * <p>The index (in {@code index/queries/}, or in memory) is derived from the database: a small file
 * beside it records the last watch edit it reflects; on {@link #sync} it applies later edits, and when
 * the file or the index is missing it is rebuilt from every active watch.
 *
 * <p>Matching is thread-safe, and {@link #matchAll} matches several documents at once on the
 * monitor's own worker threads (one per core). Watches are parsed on the same workers when many are
 * registered, and equal parts of their queries share one instance ({@link SharedQueries}).
 */
public final class QueryMonitor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueryMonitor.class);
    /**
     * The marker of the last watch edit the index reflects. Its name carries the index's format: an
     * index written before the presearcher stored its terms in doc values has the old name only, so
     * it is rebuilt (its queries would otherwise be candidates for every article).
     */
    private static final String APPLIED_FILE = "gleaner-watch-changes-2";

    private static final String VERSION = "version";
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Monitor monitor;
    private final @Nullable Path directory;
    private final InstantSource clock;
    private final SharedQueries shared;
    private final ExecutorService workers;
    private final int workerCount;
    private long appliedChange;
    /** Parsed queries by id, shared with the monitor, so a match needs no re-parse for its passage. */
    private final Map<String, Query> parsed = new ConcurrentHashMap<>();
    /** Metadata maps by watch version: one instance per version instead of one per watch. */
    private final Map<Integer, Map<String, String>> metadata = new ConcurrentHashMap<>();

    private QueryMonitor(
            Monitor monitor, @Nullable Path directory, InstantSource clock, SharedQueries shared, long appliedChange) {
        this.monitor = monitor;
        this.directory = directory;
        this.clock = clock;
        this.shared = shared;
        this.appliedChange = appliedChange;
        this.workerCount = MonitorTuning.MATCH_THREADS;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, task -> {
            Thread thread = new Thread(task, "gleaner-match-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The presearcher Gleaner uses; public so the benchmark can give a bare monitor the same one. */
    public static Presearcher presearcher() {
        return new WatchPresearcher(MonitorTuning.PRESEARCHER_PASSES, 0);
    }

    /**
     * The monitor settings Gleaner uses (public so the benchmark's bare monitor matches): queries are
     * written to the query index in large batches, since each write ends with a commit and a new
     * searcher whose term filter reads every term of the index.
     */
    public static MonitorConfiguration configuration() {
        return new MonitorConfiguration()
                .setQueryUpdateBufferSize(MonitorTuning.QUERY_UPDATE_BUFFER)
                .setQueryDecomposer(WHOLE_QUERIES);
    }

    /**
     * Keeps each watch one query in the index. lucene-monitor's default decomposer splits every
     * disjunction into separate entries, and a word is a disjunction over title, text and entry: after
     * 100,000 watches were registered, a class histogram held 274,928 cache entries, each with its own
     * index document and presearcher terms. With whole queries the benchmark measured 197.1 and 214.8
     * MiB retained in two runs (219.4 to 219.8 MiB in four runs before), with the same candidates and
     * matches per article.
     */
    private static final QueryDecomposer WHOLE_QUERIES = new QueryDecomposer() {
        @Override
        public Set<Query> decompose(Query q) {
            return Set.of(q);
        }
    };

    /**
     * Opens the query index in {@code directory} (created when missing), or in memory when null.
     * Queries are re-parsed with {@code clock} when loaded, so relative dates stay relative.
     */
    public static QueryMonitor open(@Nullable Path directory, InstantSource clock) {
        SharedQueries shared = new SharedQueries();
        MonitorQuerySerializer serializer =
                MonitorQuerySerializer.fromParser(text -> shared.share(parseOrNothing(text, clock)));
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
            // The monitor has parsed (and shared) every stored query.
            shared.forget();
            return new QueryMonitor(monitor, directory, clock, shared, applied);
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
            int applied = applyEdits(watches);
            if (applied > 0) {
                warm();
            }
            return applied;
        } finally {
            shared.forget();
        }
    }

    /**
     * Matches an empty document so the presearcher reads the changed query index now ({@link
     * TermTable}; JFR put it at a tenth of the registering thread's time for 100,000 watches) rather than
     * during the next article's match.
     */
    private void warm() {
        try {
            monitor.match(new Document(), DocumentMatcher.FACTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the query index failed", e);
        }
    }

    private int applyEdits(WatchStore watches) {
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
                List<MonitorQuery> batch = toMonitorQueries(watches.all(), watches);
                monitor.register(batch);
                applied += batch.size();
                setApplied(head);
            }
            while (true) {
                List<WatchStore.Change> changes =
                        watches.changesAfter(appliedChange, MonitorTuning.WATCH_CHANGES_PER_READ);
                if (changes.isEmpty()) {
                    return applied;
                }
                List<Watch> current = new ArrayList<>();
                List<String> remove = new ArrayList<>();
                for (long id : changes.stream()
                        .map(WatchStore.Change::watchId)
                        .distinct()
                        .toList()) {
                    Watch watch = watches.byId(id).orElse(null);
                    if (watch == null || watch.paused()) {
                        remove.add(Long.toString(id));
                    } else {
                        current.add(watch);
                    }
                    applied++;
                }
                List<MonitorQuery> register = toMonitorQueries(current, watches);
                Set<String> registered =
                        register.stream().map(MonitorQuery::getId).collect(Collectors.toSet());
                for (Watch watch : current) {
                    if (!registered.contains(Long.toString(watch.id()))) {
                        // Its query no longer parses: the watch leaves the index until it is fixed.
                        remove.add(Long.toString(watch.id()));
                    }
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
        List<Parse> parses = parseAll(watches);
        for (int i = 0; i < watches.size(); i++) {
            Watch watch = watches.get(i);
            Parse parse = parses.get(i);
            if (parse.query() != null) {
                queries.add(monitorQuery(watch, parse.query()));
            } else {
                log.warn("watch {} does not parse: {}", watch.name(), parse.error());
            }
        }
        try {
            monitor.register(queries);
        } catch (IOException e) {
            throw new UncheckedIOException("registering watches failed", e);
        } finally {
            shared.forget();
        }
        warm();
    }

    /** A watch's parsed query, or why it does not parse. */
    private record Parse(@Nullable Query query, @Nullable String error) {}

    /** Parses the queries of active watches (on the workers when there are many) and records errors. */
    private List<MonitorQuery> toMonitorQueries(List<Watch> watches, WatchStore store) {
        List<Watch> active = watches.stream().filter(w -> !w.paused()).toList();
        List<Parse> parses = parseAll(active);
        List<MonitorQuery> queries = new ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            Watch watch = active.get(i);
            Parse parse = parses.get(i);
            Query query = parse.query();
            if (query == null) {
                // One broken watch never stops the others: the error is shown on the watch.
                parsed.remove(Long.toString(watch.id()));
                store.setError(watch.id(), parse.error());
                continue;
            }
            if (watch.error() != null) {
                store.setError(watch.id(), null);
            }
            queries.add(monitorQuery(watch, query));
        }
        return queries;
    }

    private List<Parse> parseAll(List<Watch> watches) {
        if (watches.size() < MonitorTuning.PARALLEL_PARSE_MIN) {
            return watches.stream().map(this::parse).toList();
        }
        return concurrently(watches, this::parse);
    }

    private Parse parse(Watch watch) {
        try {
            return new Parse(shared.share(QueryLanguage.parse(watch.query(), clock)), null);
        } catch (QueryException e) {
            return new Parse(null, String.valueOf(e.getMessage()));
        }
    }

    private MonitorQuery monitorQuery(Watch watch, Query query) {
        String id = Long.toString(watch.id());
        parsed.put(id, query);
        Map<String, String> version =
                metadata.computeIfAbsent(watch.version(), v -> Map.of(VERSION, Integer.toString(v)));
        return new MonitorQuery(id, query, watch.query(), version);
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
     * The watches that match a document, by watch id. Build nothing else on this thread meanwhile:
     * the document's prose fields are token streams bound to the thread's analyzer ({@link
     * ArticleFields#document}).
     */
    public List<Hit> match(SearchDocument document) {
        MatchingQueries<QueryMatch> matches = run(document);
        List<Hit> hits = new ArrayList<>(matches.getMatchCount());
        for (QueryMatch match : matches.getMatches()) {
            Query query = parsed.get(match.getQueryId());
            if (query == null) {
                query = loadQuery(match.getQueryId());
                if (query == null) {
                    continue;
                }
            }
            hits.add(new Hit(Long.parseLong(match.getQueryId()), query));
        }
        hits.sort(Comparator.comparingLong(Hit::watchId));
        return hits;
    }

    /** A query loaded from the index at open: parsed once from its stored string, then kept. */
    private @Nullable Query loadQuery(String id) {
        try {
            MonitorQuery stored = monitor.getQuery(id);
            if (stored == null) {
                return null;
            }
            parsed.putIfAbsent(id, stored.getQuery());
            return parsed.get(id);
        } catch (IOException e) {
            throw new UncheckedIOException("reading watch " + id + " from the query index failed", e);
        }
    }

    /** The matches of each document, in order, matched concurrently on the monitor's workers. */
    public List<List<Hit>> matchAll(List<SearchDocument> documents) {
        return concurrently(documents, this::match);
    }

    /**
     * Applies {@code task} to each item on the monitor's workers (each item wholly on one thread, so
     * a document's token streams stay with the thread that built them) and returns the results in
     * order. A failure of any item is rethrown.
     */
    <I, O> List<O> concurrently(List<I> items, Function<I, O> task) {
        if (items.size() <= 1 || workerCount == 1) {
            return items.stream().map(task).toList();
        }
        // Contiguous slices, one per worker: fewer hand-offs than one task per item.
        int slices = Math.min(workerCount, items.size());
        List<Future<?>> futures = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        @SuppressWarnings("unchecked")
        O[] results = (O[]) new Object[items.size()];
        for (int s = 0; s < slices; s++) {
            futures.add(workers.submit(() -> {
                // Workers take the next item as they free up, so one slow document delays no other.
                int i;
                while ((i = next.getAndIncrement()) < items.size()) {
                    results[i] = task.apply(items.get(i));
                }
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(f -> f.cancel(true));
                throw new IllegalStateException("interrupted while matching", e);
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return Arrays.asList(results);
    }

    /** How many watches match, without fetching their queries. */
    public int matchCount(SearchDocument document) {
        return run(document).getMatchCount();
    }

    /**
     * How many queries the presearcher let through for a document (after lucene-monitor splits
     * disjunctions, so one watch may count more than once): the benchmark's candidate ratio.
     */
    public int candidates(SearchDocument document) {
        return run(document).getQueriesRun();
    }

    private MatchingQueries<QueryMatch> run(SearchDocument document) {
        try {
            MatchingQueries<QueryMatch> matches =
                    monitor.match(ArticleFields.document(document), DocumentMatcher.FACTORY);
            matches.getErrors()
                    .forEach((id, error) -> log.warn("watch {} failed on {}: {}", id, document.key(), error));
            return matches;
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
        workers.shutdownNow();
        parsed.clear();
        try {
            monitor.close();
        } catch (IOException e) {
            log.warn("closing the query index failed: {}", e.getMessage());
        }
    }
}
