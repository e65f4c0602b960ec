package org.gleaner.index;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.gleaner.model.Change;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.SearchDocument;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The derived article index. It applies the store's change log in order (upsert by key, delete when
 * the store has no document any more) and commits the last applied sequence in the Lucene commit's
 * user data, so a restart resumes where it stopped and an empty directory rebuilds from sequence 0.
 *
 * <p>Changes become searchable through a near-real-time reader refreshed before every commit, so a
 * tailing index shows a stored document within one poll interval plus the time to apply it.
 */
public final class ArticleIndex implements AutoCloseable {
    /** Commit user data key holding the last applied change log sequence. */
    public static final String SEQUENCE_KEY = "sequence";

    /** Commit user data key holding {@link #SCHEMA_VERSION}. */
    public static final String SCHEMA_KEY = "schema";

    /**
     * Bumped whenever fields or analysis change: an index written with another version is rebuilt
     * from the log on open, since its terms no longer match how queries are analysed.
     */
    public static final String SCHEMA_VERSION = "2";

    /** Changes read from the log at a time: bounds memory while a rebuild reads the whole log. */
    private static final int BATCH_SIZE = 1_000;

    /**
     * Batches being applied at once (see {@link #catchUp()}): enough work queued for one indexing thread
     * to keep busy while the other flushes a segment. Two were not (measured), six are; at most six
     * batches of documents wait in memory.
     */
    private static final int BATCHES_IN_FLIGHT = 6;

    /** A long rebuild commits along the way so a crash does not restart it from zero. */
    private static final int COMMIT_EVERY_CHANGES = 50_000;

    /** Indexing buffer: larger segments flush less often; the JVM must fit it next to the searchers. */
    private static final double RAM_BUFFER_MB = 64;

    /**
     * Threads that analyse and add documents while the catching-up thread reads the log: analysis is
     * the cost of indexing, and the log itself is read from one thread only.
     */
    private static final int INDEXING_THREADS =
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private static final Logger LOG = LoggerFactory.getLogger(ArticleIndex.class);

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ChangeLog log;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExecutorService indexers;
    private volatile long appliedSequence;
    /** The applied sequence as of the searchers' last refresh: what a search sees. */
    private volatile long searchableSequence;

    private volatile boolean closed;
    private @Nullable Thread tailer;

    private ArticleIndex(Directory directory, IndexWriter writer, ChangeLog log, long appliedSequence)
            throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.log = log;
        this.appliedSequence = appliedSequence;
        this.searchableSequence = appliedSequence;
        this.searchers = new SearcherManager(writer, true, false, new SearcherFactory());
        AtomicInteger threadNumber = new AtomicInteger();
        this.indexers = Executors.newFixedThreadPool(INDEXING_THREADS, task -> {
            Thread thread = new Thread(task, "gleaner-indexer-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the index in {@code directory}, creating it when absent. Resumes from the sequence in the
     * last commit; an index from another schema version, or one that is ahead of the log (the store was
     * replaced), is emptied and rebuilt from sequence 0 by the next {@link #catchUp()}.
     */
    public static ArticleIndex open(Path directory, ChangeLog log) throws IOException {
        Directory dir = FSDirectory.open(directory);
        try {
            Map<String, String> userData = DirectoryReader.indexExists(dir)
                    ? SegmentInfos.readLatestCommit(dir).getUserData()
                    : Map.of();
            boolean sameSchema = SCHEMA_VERSION.equals(userData.get(SCHEMA_KEY));
            long sequence = sameSchema ? parseSequence(userData.get(SEQUENCE_KEY)) : 0;
            boolean rebuild = !sameSchema || sequence > log.head();
            if (rebuild && !userData.isEmpty()) {
                LOG.info(
                        "rebuilding the article index in {}: schema {} (want {}), sequence {} (log head {})",
                        directory,
                        userData.get(SCHEMA_KEY),
                        SCHEMA_VERSION,
                        userData.get(SEQUENCE_KEY),
                        log.head());
            }
            IndexWriterConfig config = new IndexWriterConfig(Analyzers.indexAnalyzer())
                    .setOpenMode(
                            rebuild ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(RAM_BUFFER_MB);
            IndexWriter writer = new IndexWriter(dir, config);
            long start = rebuild ? 0 : sequence;
            writer.setLiveCommitData(commitData(start).entrySet());
            return new ArticleIndex(dir, writer, log, start);
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static long parseSequence(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> commitData(long sequence) {
        return Map.of(SEQUENCE_KEY, Long.toString(sequence), SCHEMA_KEY, SCHEMA_VERSION);
    }

    /**
     * Applies every change after the applied sequence: reads the log in batches, applies each key once
     * per batch (its current document, or a delete), makes the result searchable, then commits with
     * the new sequence in the user data.
     *
     * <p>Up to {@link #BATCHES_IN_FLIGHT} batches are applied at once. An indexing thread that fills
     * its buffer writes it out as a segment inside the document it was adding: here, half a second every
     * two or three seconds of a rebuild. Had each batch waited for the one before, the other indexing
     * thread would have run out of work and sat idle for most of that flush. A key is still applied in
     * the order of the log: a batch holding a key that an earlier batch is still applying waits for that
     * batch first.
     *
     * @return the number of change log entries applied
     */
    public synchronized int catchUp() throws IOException {
        ensureOpen();
        int applied = 0;
        int sinceCommit = 0;
        long readSequence = appliedSequence;
        ArrayDeque<Batch> inFlight = new ArrayDeque<>();
        try {
            while (!closed) {
                List<Change> changes = log.readAfter(readSequence, BATCH_SIZE);
                if (changes.isEmpty()) {
                    break;
                }
                Set<String> keys = new LinkedHashSet<>();
                for (Change change : changes) {
                    keys.add(change.documentKey());
                }
                while (!inFlight.isEmpty() && (inFlight.size() >= BATCHES_IN_FLIGHT || holdsAny(inFlight, keys))) {
                    applied += complete(inFlight.removeFirst());
                }
                readSequence = changes.get(changes.size() - 1).sequence();
                List<Future<?>> pending = new ArrayList<>(keys.size());
                // in flight before its first document is read: should reading fail half-way, what was
                // handed over is still waited for
                inFlight.addLast(new Batch(keys, pending, readSequence, changes.size()));
                log.documents(
                        keys,
                        (key, document) -> pending.add(indexers.submit(() -> {
                            apply(key, document);
                            return null;
                        })));
                sinceCommit += changes.size();
                if (sinceCommit >= COMMIT_EVERY_CHANGES) {
                    applied += completeAll(inFlight);
                    flushOnIndexingThreads();
                    writer.commit();
                    sinceCommit = 0;
                }
            }
            applied += completeAll(inFlight);
        } finally {
            // after a failure, let the batches still running end before anything else is applied
            for (Batch batch : inFlight) {
                awaitQuietly(batch.pending());
            }
        }
        if (applied > 0) {
            flushOnIndexingThreads();
            long visible = appliedSequence;
            searchers.maybeRefreshBlocking();
            // Published only now: whoever waits for a sequence to search for its documents (live
            // updates) must not search a searcher that does not hold them yet.
            searchableSequence = visible;
            writer.commit();
        }
        return applied;
    }

    /** Changes read from the log and handed to the indexing threads; {@code last} is the batch's last sequence. */
    private record Batch(Set<String> keys, List<Future<?>> pending, long last, int changes) {}

    private static boolean holdsAny(ArrayDeque<Batch> batches, Set<String> keys) {
        for (Batch batch : batches) {
            for (String key : keys) {
                if (batch.keys().contains(key)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits for a batch, the oldest in flight; its sequence then goes into the next commit. */
    private int complete(Batch batch) throws IOException {
        awaitAll(batch.pending());
        writer.setLiveCommitData(commitData(batch.last()).entrySet());
        appliedSequence = batch.last();
        return batch.changes();
    }

    /** Waits for every batch in flight, oldest first; returns how many changes they held. */
    private int completeAll(ArrayDeque<Batch> inFlight) throws IOException {
        int changes = 0;
        while (!inFlight.isEmpty()) {
            changes += complete(inFlight.removeFirst());
        }
        return changes;
    }

    private static void awaitQuietly(List<Future<?>> pending) {
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (ExecutionException e) {
                // the failure that matters is already on its way up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Writes the indexing buffers out as segments on the indexing threads, several at once. A commit or
     * a reader refresh would otherwise flush every buffer one after the other on the calling thread
     * while the indexing threads wait: in a 50,000-article rebuild those serial flushes took a tenth
     * of the wall-clock time.
     */
    private void flushOnIndexingThreads() throws IOException {
        List<Future<?>> pending = new ArrayList<>(INDEXING_THREADS);
        for (int i = 0; i < INDEXING_THREADS; i++) {
            pending.add(indexers.submit(() -> {
                boolean flushed;
                do {
                    // each call takes the largest buffer no other thread is flushing
                    flushed = writer.flushNextBuffer();
                } while (flushed);
                return null;
            }));
        }
        awaitAll(pending);
    }

    private static void awaitAll(List<Future<?>> pending) throws IOException {
        Throwable failure = null;
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while indexing");
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    /**
     * Empties the index and applies the whole log again ({@code gleaner reindex}). Searchers keep
     * seeing the old documents until the rebuilt ones are published at the end.
     *
     * @return the number of change log entries applied
     */
    public synchronized int rebuild() throws IOException {
        ensureOpen();
        writer.deleteAll();
        appliedSequence = 0;
        writer.setLiveCommitData(commitData(0).entrySet());
        return catchUp();
    }

    private void apply(String key, Optional<SearchDocument> document) throws IOException {
        Term keyTerm = new Term(ArticleFields.KEY, key);
        if (document.isPresent()) {
            writer.updateDocument(keyTerm, ArticleFields.document(document.get()));
        } else {
            writer.deleteDocuments(keyTerm);
        }
    }

    /**
     * Starts a daemon thread named {@code gleaner-index-tailer} that calls {@link #catchUp()} every
     * {@code pollInterval}. A failure is logged and retried at the next poll; {@link #close()} stops it.
     */
    public synchronized void startTailing(Duration pollInterval) {
        ensureOpen();
        if (tailer != null) {
            throw new IllegalStateException("already tailing");
        }
        Thread thread = new Thread(() -> tail(pollInterval), "gleaner-index-tailer");
        thread.setDaemon(true);
        tailer = thread;
        thread.start();
    }

    // The tailer waits on a latch instead of being interrupted: an interrupt during file I/O closes
    // the index's channels.
    private void tail(Duration pollInterval) {
        while (!closed) {
            try {
                catchUp();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("indexing the change log failed at sequence {}; retrying", appliedSequence, e);
                }
            }
            try {
                if (stopped.await(pollInterval.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The last change log sequence applied (committed or about to be). */
    public long appliedSequence() {
        return appliedSequence;
    }

    /** The last change log sequence whose documents searches see. */
    public long searchableSequence() {
        return searchableSequence;
    }

    /** Documents visible to searchers now. */
    public long documentCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Near-real-time searchers; acquire and release around every use. */
    public SearcherManager searchers() {
        return searchers;
    }

    /** The analyzer shared with search and alert matching; see {@link Analyzers}. */
    public static org.apache.lucene.analysis.Analyzer indexAnalyzer() {
        return Analyzers.indexAnalyzer();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the article index is closed");
        }
    }

    /** Stops tailing, commits what was applied and releases the directory. */
    @Override
    public void close() throws IOException {
        Thread thread;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            thread = tailer;
        }
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            indexers.shutdown();
            // searchers first, then the writer (which commits what was applied), then the directory
            IOUtils.close(searchers, writer, directory);
        }
    }
}
