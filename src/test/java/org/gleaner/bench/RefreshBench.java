package org.gleaner.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.gleaner.app.Application;
import org.gleaner.config.ConfigLoader;
import org.gleaner.config.GleanerConfig;
import org.gleaner.ingest.RefreshReport;
import org.gleaner.model.FeedSpec;
import org.gleaner.schedule.RefreshScheduler;
import org.gleaner.schedule.RefreshScheduler.ScheduledFeed;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes many feeds served by a loopback fixture farm through Gleaner's whole refresh path as
 * {@code gleaner run} drives it: a Quartz trigger fires the feed's job, the job refreshes the feed
 * (guarded fetch, parse, one store transaction with the fetch state, next check from the refresh
 * policy), logs the summary line, and schedules the feed's next one-shot trigger. 80 % of the feeds
 * answer 304, 20 % carry 1–5 new entries each time; every answer waits 20–200 ms; the feeds are spread
 * over many loopback addresses (127.0.2.1 …) and the default politeness applies per host (one request
 * at a time, 1 s between requests), so the farm needs at least as many hosts as refreshes per second.
 *
 * <p>Not part of the test suite. Run (after {@code mvn -B -o test-compile}):
 *
 * <pre>
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) org.gleaner.bench.RefreshBench [feeds] [hosts] [workers]
 * </pre>
 *
 * Defaults: 10,000 feeds on 1,000 hosts, 128 scheduler workers. Each pass makes every feed due at the
 * same moment and ends when all have been refreshed. Prints refreshes per second; CPU milliseconds per
 * 304, both inside the refresh call and for the whole scheduled path (all scheduler threads: firing,
 * refresh, logging, rescheduling) on pooled and on new connections; peak heap; and politeness as the
 * farm saw it: most requests in flight at one host, shortest gap between requests to one host, and the
 * number of requests that broke either rule.
 *
 * <p>The refresh function logs a 304 at DEBUG ({@link RefreshReport#routine()}, as {@code gleaner run} should)
 * and every other outcome at INFO. {@code -Dbench.jfr=DIR} records the all-304 pass with JFR; {@code
 * -Dbench.perfctl=FIFO} switches a {@code perf record --control=fifo:FIFO -D -1} on for that pass only.
 */
public final class RefreshBench {
    private static final Logger log = LoggerFactory.getLogger(RefreshBench.class);
    /** The per-host delay the fetcher applies by default, which the farm checks. */
    private static final Duration PER_HOST_DELAY = Duration.ofSeconds(1);
    /** Every feed of a pass becomes due this long after scheduling starts (it takes ~0.1 s per 1,000 feeds). */
    private static final Duration PASS_LEAD = Duration.ofMillis(500);

    private static final Duration PASS_LEAD_PER_FEED = Duration.ofNanos(200_000);

    private RefreshBench() {}

    public static void main(String[] args) throws Exception {
        int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        Farm farm = new Farm(hosts);
        StringBuilder yaml = new StringBuilder("defaults: {fulltext: never}\nallow_networks: [127.0.0.0/8]\nfeeds:\n");
        for (int i = 0; i < feeds; i++) {
            yaml.append("  - name: f")
                    .append(i)
                    .append("\n    url: ")
                    .append(farm.add(i))
                    .append('\n');
        }
        Path data = Files.createTempDirectory("gleaner-refresh-bench");
        GleanerConfig config = ConfigLoader.parse(yaml.toString(), "bench.yaml");
        if (!config.http().perHostDelay().equals(PER_HOST_DELAY)) {
            throw new IllegalStateException("the bench checks the default per-host delay of " + PER_HOST_DELAY);
        }
        System.out.printf(
                Locale.ROOT,
                "%d feeds on %d hosts, %d scheduler workers, per-host delay %d ms%n",
                feeds,
                hosts,
                workers,
                PER_HOST_DELAY.toMillis());
        try (Application app = Application.open(config, data)) {
            app.syncFeeds();
            Map<String, FeedSpec> specs = new HashMap<>();
            config.feedSpecs().forEach(spec -> specs.put(spec.name(), spec));
            System.out.printf(Locale.ROOT, "prime pass (all 200): %s%n", run(app, specs, workers));
            farm.resetPoliteness();
            System.out.printf(
                    Locale.ROOT, "steady pass, 80 %% 304, pooled connections: %s%n", run(app, specs, workers));
            farm.frozen = true;
            Pass all304;
            try (Profile profile = new Profile("all-304")) {
                all304 = run(app, specs, workers);
            }
            System.out.printf(Locale.ROOT, "all-304 pass, pooled connections: %s%n", all304);
            farm.closeConnections = true;
            System.out.printf(Locale.ROOT, "all-304 pass, new connection per request: %s%n", run(app, specs, workers));
            System.out.printf(
                    Locale.ROOT,
                    "peak heap %d MiB (sum of pool peaks, farm included), %d MiB live after a full GC; politeness:"
                            + " max requests in flight at one host %d, shortest gap between requests to one host %d ms,"
                            + " violations %d%n",
                    peakHeapMiB(),
                    liveHeapMiB(),
                    farm.maxInFlight.get(),
                    farm.shortestGapMillis(),
                    farm.violations.get());
        } finally {
            farm.close();
        }
    }

    /**
     * Profiling of one pass, off unless asked for: with {@code -Dbench.jfr=DIR} a JFR recording (profile
     * settings) written to {@code DIR/<pass>.jfr}; with {@code -Dbench.perfctl=FIFO} "enable" and "disable"
     * written to a {@code perf record --control=fifo:FIFO -D -1} control pipe, so perf samples only this
     * pass (JFR sees only threads running Java code; perf also sees SQLite, the kernel and the JVM).
     */
    private static final class Profile implements AutoCloseable {
        private final @Nullable Recording recording;
        private final @Nullable Path perfControl;

        Profile(String pass) throws IOException {
            String jfrDir = System.getProperty("bench.jfr");
            String perf = System.getProperty("bench.perfctl");
            perfControl = perf == null ? null : Path.of(perf);
            if (jfrDir != null) {
                try {
                    recording = new Recording(Configuration.getConfiguration("profile"));
                } catch (java.text.ParseException e) {
                    throw new IOException(e);
                }
                recording.setDestination(Path.of(jfrDir, pass + ".jfr"));
                recording.start();
            } else {
                recording = null;
            }
            if (perfControl != null) {
                Files.writeString(perfControl, "enable\n");
            }
        }

        @Override
        public void close() throws IOException {
            if (perfControl != null) {
                Files.writeString(perfControl, "disable\n");
            }
            if (recording != null) {
                recording.stop();
                recording.close();
            }
        }
    }

    /** What one pass over every feed measured. */
    record Pass(
            int refreshes,
            double seconds,
            Map<String, Integer> outcomes,
            double refreshCpuMsPer304,
            double scheduledCpuMsPerRefresh) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d refreshes in %.1f s = %.0f/s, outcomes %s, CPU per 304 in the refresh call %.3f ms,"
                            + " CPU per refresh on all scheduler threads %.3f ms",
                    refreshes,
                    seconds,
                    refreshes / seconds,
                    outcomes,
                    refreshCpuMsPer304,
                    scheduledCpuMsPerRefresh);
        }
    }

    /**
     * Schedules every feed due at one moment on a fresh scheduler, as {@code gleaner run} does, and waits
     * until each has been refreshed once; the next checks each refresh schedules lie beyond the pass.
     */
    private static Pass run(Application app, Map<String, FeedSpec> specs, int workers) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicLong cpuNanos304 = new AtomicLong();
        AtomicInteger count304 = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(specs.size());
        AtomicLong lastDone = new AtomicLong();
        RefreshScheduler scheduler = new RefreshScheduler(
                name -> {
                    // What Server's refresh function does: refresh, log the summary (a routine 304 below INFO),
                    // return the next check.
                    FeedSpec spec = specs.get(name);
                    if (spec == null) {
                        return Optional.empty();
                    }
                    long before = cpu.getCurrentThreadCpuTime();
                    RefreshReport report = app.refresh(spec);
                    if (report.routine()) {
                        if (log.isDebugEnabled()) {
                            log.debug("{}", report.summaryLine());
                        }
                    } else {
                        log.info("{}", report.summaryLine());
                    }
                    long used = cpu.getCurrentThreadCpuTime() - before;
                    outcomes.merge(report.outcome(), 1, Integer::sum);
                    if (report.outcome().equals("not-modified")) {
                        cpuNanos304.addAndGet(used);
                        count304.incrementAndGet();
                    }
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                    done.countDown();
                    return Optional.ofNullable(report.nextCheck());
                },
                app.clock(),
                workers);
        Instant due = app.clock().instant().plus(PASS_LEAD).plus(PASS_LEAD_PER_FEED.multipliedBy(specs.size()));
        List<ScheduledFeed> all = new ArrayList<>();
        specs.keySet().stream()
                .sorted((a, b) -> Integer.compare(number(a), number(b)))
                .forEach(name -> all.add(new ScheduledFeed(name, due)));
        try {
            long scheduling = System.nanoTime();
            scheduler.start(all);
            scheduling = System.nanoTime() - scheduling;
            if (app.clock().instant().isAfter(due)) {
                throw new IllegalStateException(
                        "scheduling took longer than the lead: " + scheduling / 1_000_000 + " ms");
            }
            long startNanos = System.nanoTime()
                    + Duration.between(app.clock().instant(), due).toNanos();
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pass did not finish: " + done.getCount() + " feeds left");
            }
            double seconds = (lastDone.get() - startNanos) / 1e9;
            long schedulerCpu = schedulerThreadsCpuNanos(cpu);
            double perCall = count304.get() == 0 ? 0 : cpuNanos304.get() / 1e6 / count304.get();
            return new Pass(specs.size(), seconds, Map.copyOf(outcomes), perCall, schedulerCpu / 1e6 / specs.size());
        } finally {
            scheduler.close();
        }
    }

    private static int number(String feedName) {
        return Integer.parseInt(feedName.substring(1));
    }

    /** CPU used so far by the scheduler's threads (its workers and its trigger thread), which each pass starts anew. */
    private static long schedulerThreadsCpuNanos(ThreadMXBean cpu) {
        long total = 0;
        for (ThreadInfo info : cpu.getThreadInfo(cpu.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().startsWith("feed-refresh")
                            || info.getThreadName().contains("QuartzSchedulerThread"))) {
                long used = cpu.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, used);
            }
        }
        return total;
    }

    private static long liveHeapMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    /**
     * Loopback servers, one per address, each serving its share of the feeds with injected latency, and
     * checking politeness as a publisher would see it.
     */
    static final class Farm implements AutoCloseable {
        final List<FixtureServer> servers = new ArrayList<>();
        final Map<String, HostLog> hosts = new ConcurrentHashMap<>();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger violations = new AtomicInteger();
        /** Changing feeds stop changing: every conditional request answers 304. */
        volatile boolean frozen;

        volatile boolean closeConnections;
        private final Random random = new Random(42);

        /** One host's requests: how many are in flight, and when the last one ended. */
        static final class HostLog {
            int inFlight;
            long lastEndNanos = Long.MIN_VALUE;
            long shortestGapNanos = Long.MAX_VALUE;
        }

        Farm(int hosts) {
            for (int h = 0; h < hosts; h++) {
                servers.add(FixtureServer.start("127.0." + (2 + h / 250) + "." + (1 + h % 250)));
            }
        }

        String add(int feed) {
            FixtureServer server = servers.get(feed % servers.size());
            String host = server.host();
            boolean changing = feed % 5 == 0;
            Duration latency = Duration.ofMillis(20 + random.nextInt(181));
            AtomicInteger version = new AtomicInteger();
            String path = "/feed/" + feed + ".xml";
            server.route(path, request -> {
                HostLog hostLog = hosts.computeIfAbsent(host, k -> new HostLog());
                arrive(hostLog);
                try {
                    // The latency is spent inside the count, so overlapping requests to one host show.
                    Thread.sleep(latency.toMillis());
                    int v = changing && !frozen ? version.incrementAndGet() : version.get();
                    // The fixture server answers 304 itself when the request carries this ETag.
                    FixtureResponse response = FixtureResponse.ok("application/rss+xml", rss(feed, v))
                            .etag("\"" + feed + "-" + v + "\"");
                    return closeConnections ? response.closeConnection() : response;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return FixtureResponse.status(503);
                } finally {
                    leave(hostLog);
                }
            });
            return server.uri(path).toString();
        }

        private void arrive(HostLog hostLog) {
            long now = System.nanoTime();
            synchronized (hostLog) {
                hostLog.inFlight++;
                maxInFlight.accumulateAndGet(hostLog.inFlight, Math::max);
                boolean tooSoon = false;
                if (hostLog.lastEndNanos != Long.MIN_VALUE) {
                    long gap = now - hostLog.lastEndNanos;
                    hostLog.shortestGapNanos = Math.min(hostLog.shortestGapNanos, gap);
                    tooSoon = gap < PER_HOST_DELAY.toNanos();
                }
                if (hostLog.inFlight > 1 || tooSoon) {
                    violations.incrementAndGet();
                }
            }
        }

        private static void leave(HostLog hostLog) {
            long now = System.nanoTime();
            synchronized (hostLog) {
                hostLog.inFlight--;
                hostLog.lastEndNanos = now;
            }
        }

        void resetPoliteness() {
            maxInFlight.set(0);
        }

        long shortestGapMillis() {
            long shortest = Long.MAX_VALUE;
            for (HostLog hostLog : hosts.values()) {
                synchronized (hostLog) {
                    shortest = Math.min(shortest, hostLog.shortestGapNanos);
                }
            }
            return shortest == Long.MAX_VALUE ? -1 : shortest / 1_000_000;
        }

        private static String rss(int feed, int version) {
            StringBuilder items = new StringBuilder();
            int entries = 3 + (version == 0 ? 0 : 1 + (feed + version) % 5);
            for (int e = 0; e < entries; e++) {
                items.append("<item><guid>")
                        .append(feed)
                        .append('-')
                        .append(version)
                        .append('-')
                        .append(e)
                        .append("</guid><title>Entry ")
                        .append(e)
                        .append(" of feed ")
                        .append(feed)
                        .append("</title><description>Some text of entry ")
                        .append(e)
                        .append(".</description><pubDate>Sat, 07 Dec 2024 12:00:00 GMT</pubDate></item>");
            }
            return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed " + feed
                    + "</title><link>http://example.org/</link><description>d</description>" + items
                    + "</channel></rss>";
        }

        @Override
        public void close() {
            servers.forEach(FixtureServer::close);
        }
    }
}
