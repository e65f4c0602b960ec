package org.gleaner.alert;

import java.time.Duration;

/** The numbers of alert matching and delivery, each with the reason for its value. */
final class MonitorTuning {
    private MonitorTuning() {}

    /** Presearcher passes: more passes index more terms per query and send fewer candidates to matching. */
    static final int PRESEARCHER_PASSES = 2;

    /**
     * Queries per write to the query index. Each write ends with a commit and a new searcher (whose
     * presearcher term table is read again at the next match), so small writes make registering
     * quadratic (200 per write: minutes for 100,000 watches); a buffered query costs well under a
     * kilobyte with {@link WatchPresearcher}.
     */
    static final int QUERY_UPDATE_BUFFER = 20_000;

    /** Threads that match documents and parse watches: one per core, matching is CPU-bound. */
    static final int MATCH_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /** Fewer watches than this are parsed on the calling thread: handing them out costs more. */
    static final int PARALLEL_PARSE_MIN = 64;

    /** Shortest prefix indexed as such; the query language already refuses prefixes under 2 letters. */
    static final int MIN_INDEXED_PREFIX = 2;

    /**
     * Longest prefix indexed; longer ones use their first letters (a superset), which bounds grams per
     * word. Prefixes people watch ({@code vaccin*}, {@code elector*}) are mostly 5 to 9 letters; a cut at
     * 6 made {@code elector*} a candidate for every {@code electricity}.
     */
    static final int MAX_INDEXED_PREFIX = 10;

    /** Marks a prefix gram so it never meets a real word of the same letters. Analysis never emits U+0001. */
    static final String PREFIX_MARK = "\u0001";

    /** Changes matched per transaction: one commit per batch keeps alerts, outbox and cursor together. */
    static final int CHANGES_PER_BATCH = 200;

    /** Watch edits applied to the query index per read. */
    static final int WATCH_CHANGES_PER_READ = 1_000;

    /** Alerts an Atom feed carries: what a feed reader needs to catch up, not the whole history. */
    static final int FEED_ENTRIES = 50;

    /** Hits a dry run shows. */
    static final int TEST_HITS = 50;

    /** Characters of plain text shown when a match left no highlight (a filter-only watch). */
    static final int PLAIN_PASSAGE_CHARS = 240;

    /** First retry after a failed delivery. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);

    /** Longest wait between two attempts, so a receiver back from an outage hears from us within the hour. */
    static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);

    /** A delivery still failing this long after it was due is dead (listed, replayable). */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    /** Each delay is shortened by up to this fraction at random, so retries of many alerts spread out. */
    static final double JITTER = 0.25;

    /** Webhook receivers must answer quickly; a hanging one is a failure, retried later. */
    static final Duration WEBHOOK_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static final Duration WEBHOOK_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    static final Duration WEBHOOK_DEADLINE = Duration.ofSeconds(15);

    /** The receiver's answer is read only for its status; anything past this is cut. */
    static final long WEBHOOK_MAX_RESPONSE_BYTES = 64 * 1024;

    /** Tolerance of the Standard Webhooks timestamp check on the receiving side, stated in our payload docs. */
    static final Duration SIGNATURE_TOLERANCE = Duration.ofMinutes(5);
}
