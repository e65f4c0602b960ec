package org.gleaner.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.gleaner.fetch.AddressPolicy;
import org.gleaner.fetch.FetchOutcome;
import org.gleaner.fetch.FetchRequest;
import org.gleaner.fetch.FetchSettings;
import org.gleaner.fetch.HttpFetcher;
import org.gleaner.testing.FixtureResponse;
import org.gleaner.testing.FixtureServer;
import org.slf4j.LoggerFactory;

/**
 * Cost of one conditional GET answered 304 through {@link HttpFetcher}, next to a bare Apache HttpClient 5 doing the
 * same request in the same run (issue 3, "Performance"). Not a test: nothing asserts, it prints figures.
 *
 * <p>Run (after {@code mvn -B -o test-compile}):
 *
 * <pre>
 * mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.gleaner.bench.FetchBench [requests] [rounds]
 * </pre>
 *
 * <p>Part 1, CPU per 304: one client thread sends {@code requests} sequential conditional GETs to a loopback
 * {@link FixtureServer} that answers 304, over a reused (pooled) connection and over a new connection per request
 * (the server closes after each answer). Reported per request: CPU time of the client thread (ThreadMXBean; the
 * classic client does all its work on the calling thread), CPU of the whole process (includes the in-process
 * server), and wall time. Each variant runs {@code rounds} times after a warm-up; the median round is printed.
 *
 * <p>Part 2, latency-bound throughput: 64 loopback hosts (127.0.1.1 … 127.0.1.64, one server each) answer 304 after
 * 50 ms; 64 threads take requests round-robin over the hosts. HttpFetcher runs with politeness at 1 request in flight
 * per host and no spacing delay (the 1 s default would cap the run at 64 requests/s by design).
 */
public final class FetchBench {

    private static final String ETAG = "\"bench-v1\"";
    private static final int HOSTS = 64;
    private static final int THREADS = 64;
    private static final Duration LATENCY = Duration.ofMillis(50);

    private FetchBench() {}

    public static void main(String[] args) throws Exception {
        quietLogging();
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(
                Locale.ROOT,
                "JVM %s, %d CPUs, %d requests x %d rounds%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                requests,
                rounds);
        cpuPer304(requests, rounds);
        throughput(Math.max(2_000, requests / 4));
    }

    private interface Client extends AutoCloseable {
        void get304(URI uri) throws IOException;

        @Override
        void close() throws IOException;
    }

    private static Client bare() {
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(256)
                        .setMaxConnPerRoute(4)
                        .build())
                .disableAutomaticRetries()
                .build();
        return new Client() {
            @Override
            public void get304(URI uri) throws IOException {
                HttpGet get = new HttpGet(uri);
                get.addHeader("If-None-Match", ETAG);
                int status = client.execute(get, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
                if (status != 304) {
                    throw new IllegalStateException("bare client got " + status);
                }
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }

    private static Client gleaner() {
        HttpFetcher fetcher = new HttpFetcher(
                new FetchSettings(
                        FetchSettings.defaultUserAgent(),
                        AddressPolicy.allowing(List.of("127.0.0.0/8")),
                        Duration.ZERO,
                        1,
                        false),
                InstantSource.system());
        return new Client() {
            @Override
            public void get304(URI uri) {
                FetchOutcome outcome = fetcher.fetch(FetchRequest.feed(uri, ETAG, null));
                if (!(outcome instanceof FetchOutcome.NotModified)) {
                    throw new IllegalStateException("HttpFetcher got " + outcome);
                }
            }

            @Override
            public void close() {
                fetcher.close();
            }
        };
    }

    private static void cpuPer304(int requests, int rounds) throws Exception {
        System.out.println();
        System.out.println("CPU per 304 (one client thread, loopback; medians of interleaved rounds)");
        System.out.printf(
                Locale.ROOT, "%-34s %14s %16s %12s%n", "variant", "client CPU ms", "process CPU ms", "wall ms");
        try (FixtureServer server = FixtureServer.start()) {
            server.route(
                    "/pooled.xml",
                    FixtureResponse.ok("application/rss+xml", "<rss/>").etag(ETAG));
            server.route(
                    "/fresh.xml",
                    FixtureResponse.ok("application/rss+xml", "<rss/>")
                            .etag(ETAG)
                            .closeConnection());
            compare("reused connection", server.uri("/pooled.xml"), requests, rounds);
            compare("new connection", server.uri("/fresh.xml"), Math.max(1_000, requests / 10), rounds);
        }
    }

    /** Runs bare HttpClient and HttpFetcher in alternating rounds so load from elsewhere hits both alike. */
    private static void compare(String label, URI uri, int requests, int rounds) throws Exception {
        double[][] bareFigures = new double[3][rounds];
        double[][] gleanerFigures = new double[3][rounds];
        try (Client bare = bare();
                Client gleaner = gleaner()) {
            for (int i = 0; i < Math.min(requests, 5_000); i++) {
                bare.get304(uri); // warm-up: JIT, pool, server threads
                gleaner.get304(uri);
            }
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    measure(bare, uri, requests, bareFigures, r);
                    measure(gleaner, uri, requests, gleanerFigures, r);
                } else {
                    measure(gleaner, uri, requests, gleanerFigures, r);
                    measure(bare, uri, requests, bareFigures, r);
                }
            }
        }
        print("bare HttpClient, " + label, bareFigures);
        print("HttpFetcher, " + label, gleanerFigures);
    }

    private static void measure(Client client, URI uri, int requests, double[][] figures, int round)
            throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long proc0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            client.get304(uri);
        }
        figures[0][round] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / requests;
        figures[1][round] = (os.getProcessCpuTime() - proc0) / 1e6 / requests;
        figures[2][round] = (System.nanoTime() - wall0) / 1e6 / requests;
    }

    private static void print(String name, double[][] figures) {
        System.out.printf(
                Locale.ROOT,
                "%-34s %14.4f %16.4f %12.4f%n",
                name,
                median(figures[0]),
                median(figures[1]),
                median(figures[2]));
    }

    private static void throughput(int requests) throws Exception {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Latency-bound throughput: %d hosts, %d threads, %d ms per answer, %d requests%n",
                HOSTS,
                THREADS,
                LATENCY.toMillis(),
                requests);
        List<FixtureServer> servers = new ArrayList<>();
        try {
            List<URI> uris = new ArrayList<>();
            for (int h = 1; h <= HOSTS; h++) {
                FixtureServer s = FixtureServer.start("127.0.1." + h);
                s.route(
                        "/feed.xml",
                        FixtureResponse.ok("application/rss+xml", "<rss/>")
                                .etag(ETAG)
                                .delay(LATENCY));
                servers.add(s);
                uris.add(s.uri("/feed.xml"));
            }
            runThroughput("bare HttpClient", bare(), uris, requests);
            runThroughput("HttpFetcher (1 in flight per host)", gleaner(), uris, requests);
        } finally {
            for (FixtureServer s : servers) {
                s.close();
            }
        }
    }

    private static void runThroughput(String name, Client client, List<URI> uris, int requests) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "bench-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try (client) {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests) {
                        try {
                            client.get304(uris.get(i % uris.size()));
                        } catch (IOException | RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT, "%-34s %8.0f requests/s (%d failures)%n", name, requests / seconds, failures.get());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** HttpClient logs every exchange at DEBUG; with no logging configuration that would dominate the figures. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
