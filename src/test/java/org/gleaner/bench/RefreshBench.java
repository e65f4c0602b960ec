package org.gleaner.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gleaner.app.Application;
import org.gleaner.config.ConfigLoader;
import org.gleaner.config.GleanerConfig;
import org.gleaner.ingest.RefreshReport;
import org.gleaner.model.FeedSpec;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;

/**
 * Refreshes many feeds served by a loopback fixture farm through Gleaner's whole refresh path (guarded
 * fetch, parse, one store transaction with the fetch state, next check from the refresh policy).
 * 80 % of the feeds answer 304, 20 % carry 1–5 new entries each time; every answer waits 20–200 ms;
 * the feeds are spread over many loopback addresses so that politeness applies per host.
 *
 * <p>Not part of the test suite. Run (after {@code mvn -B -o test-compile}):
 *
 * <pre>
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) org.gleaner.bench.RefreshBench [feeds] [hosts] [threads]
 * </pre>
 *
 * Defaults: 10,000 feeds on 200 hosts (127.0.2.1 …), 64 refreshes in flight. Prints refreshes per
 * second, CPU milliseconds per 304 refresh on the refreshing threads (pooled and new connections),
 * peak heap, and the largest number of requests one host saw at once (politeness: must be 1).
 */
public final class RefreshBench {
    private RefreshBench() {}

    public static void main(String[] args) throws Exception {
        int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int hosts = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Farm farm = new Farm(hosts);
        StringBuilder yaml = new StringBuilder(
                "defaults: {fulltext: never}\nallow_networks: [127.0.0.0/8]\nhttp: {per_host_delay: 0s}\nfeeds:\n");
        for (int i = 0; i < feeds; i++) {
            yaml.append("  - name: f")
                    .append(i)
                    .append("\n    url: ")
                    .append(farm.add(i))
                    .append('\n');
        }
        Path data = Files.createTempDirectory("gleaner-refresh-bench");
        GleanerConfig config = ConfigLoader.parse(yaml.toString(), "bench.yaml");
        try (Application app = Application.open(config, data)) {
            app.syncFeeds();
            List<FeedSpec> specs = config.feedSpecs();
            Pass prime = run(app, specs, threads);
            System.out.printf(Locale.ROOT, "prime pass (all 200): %s%n", prime);
            farm.maxInFlight.set(0);
            Pass pooled = run(app, specs, threads);
            System.out.printf(Locale.ROOT, "steady pass, pooled connections: %s%n", pooled);
            farm.closeConnections = true;
            Pass fresh = run(app, specs, threads);
            System.out.printf(Locale.ROOT, "steady pass, new connection per request: %s%n", fresh);
            System.out.printf(
                    Locale.ROOT,
                    "peak heap %d MiB; max requests in flight at one host %d%n",
                    peakHeapMiB(),
                    farm.maxInFlight.get());
        } finally {
            farm.close();
        }
    }

    /** What one pass over every feed measured. */
    record Pass(int refreshes, double seconds, Map<String, Integer> outcomes, double cpuMsPer304) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d refreshes in %.1f s = %.0f/s, outcomes %s, CPU %.3f ms per 304",
                    refreshes,
                    seconds,
                    refreshes / seconds,
                    outcomes,
                    cpuMsPer304);
        }
    }

    private static Pass run(Application app, List<FeedSpec> specs, int threads) throws Exception {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicLong cpuNanos304 = new AtomicLong();
        AtomicInteger count304 = new AtomicInteger();
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool =
                Executors.newFixedThreadPool(threads, r -> new Thread(r, "bench-" + names.incrementAndGet()));
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (FeedSpec spec : specs) {
            running.add(pool.submit(() -> {
                long before = cpu.getCurrentThreadCpuTime();
                RefreshReport report = app.refresh(spec);
                long used = cpu.getCurrentThreadCpuTime() - before;
                outcomes.merge(report.outcome(), 1, Integer::sum);
                if (report.outcome().equals("not-modified")) {
                    cpuNanos304.addAndGet(used);
                    count304.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double perCall = count304.get() == 0 ? 0 : cpuNanos304.get() / 1e6 / count304.get();
        return new Pass(specs.size(), seconds, Map.copyOf(outcomes), perCall);
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

    /** Loopback servers, one per address, each serving its share of the feeds with injected latency. */
    static final class Farm implements AutoCloseable {
        final List<FixtureServer> servers = new ArrayList<>();
        final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile boolean closeConnections;
        private final Random random = new Random(42);

        Farm(int hosts) {
            for (int h = 0; h < hosts; h++) {
                servers.add(FixtureServer.start("127.0.2." + (h + 1)));
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
                AtomicInteger current = inFlight.computeIfAbsent(host, k -> new AtomicInteger());
                maxInFlight.accumulateAndGet(current.incrementAndGet(), Math::max);
                try {
                    // The latency is spent inside the count, so overlapping requests to one host show.
                    Thread.sleep(latency.toMillis());
                    int v = changing ? version.incrementAndGet() : 0;
                    FixtureResponse response = FixtureResponse.ok("application/rss+xml", rss(feed, v))
                            .etag("\"" + feed + "-" + v + "\"");
                    return closeConnections ? response.closeConnection() : response;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return FixtureResponse.status(503);
                } finally {
                    current.decrementAndGet();
                }
            });
            return server.uri(path).toString();
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
