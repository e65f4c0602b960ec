package org.gleaner.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP/1.1 server on a loopback address for end-to-end tests (DESIGN §5: real servers, not mocks). It is a
 * small raw-socket implementation so that misbehaviour can be scripted exactly: slow drips, hangs, oversized
 * headers, pre-compressed bodies, wrong validators.
 *
 * <pre>{@code
 * try (FixtureServer server = FixtureServer.start()) {
 *     server.route("/feed.xml", FixtureResponse.ok("application/rss+xml", xml).etag("\"v1\""));
 *     URI feed = server.uri("/feed.xml");             // http://127.0.0.1:<port>/feed.xml
 *     ... fetch it ...
 *     assertThat(server.requests("/feed.xml")).hasSize(2);
 *     assertThat(server.requests("/feed.xml").get(1).header("If-None-Match")).isEqualTo("\"v1\"");
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Binds {@code 127.0.0.1} (or the given loopback address, e.g. {@code 127.0.0.2} for a canary that must never
 *       be reached) on an ephemeral port.
 *   <li>Routes match the exact path (query ignored); {@link #route(String, FixtureResponse)} adds or replaces a route
 *       and may be called while requests are served. Unknown paths answer 404.
 *   <li>Keeps connections alive (HTTP/1.1) unless the client or the response says {@code Connection: close}.
 *   <li>Records every request in arrival order ({@link #requests()}), at the moment its head has been read, before
 *       any scripted delay; counts every accepted TCP connection ({@link #connectionCount()}), including connections
 *       that never sent a request.
 *   <li>Responses always carry {@code Content-Length} (the compressed length for {@link FixtureResponse#gzip()}), no
 *       {@code Date} header, and no body for HEAD, 204 and 304.
 *   <li>{@link #close()} closes the listener and every open connection and releases hanging responses.
 * </ul>
 */
public final class FixtureServer implements AutoCloseable {

    private static final int MAX_REQUEST_HEAD = 64 * 1024;
    private static final int MAX_REQUEST_BODY = 16 * 1024 * 1024;
    private static final Duration IDLE_CONNECTION_TIMEOUT = Duration.ofMinutes(2);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final ServerSocket listener;
    private final String hostLiteral;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final Map<String, FixtureHandler> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final InstantSource clock = InstantSource.system();
    private volatile boolean closed;

    private FixtureServer(ServerSocket listener) {
        this.listener = listener;
        InetAddress bound = listener.getInetAddress();
        this.hostLiteral = bound instanceof Inet6Address ? "[" + bound.getHostAddress() + "]" : bound.getHostAddress();
        int port = listener.getLocalPort();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fixture-server-" + port + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "fixture-server-" + port + "-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** A server on 127.0.0.1 and an ephemeral port. */
    public static FixtureServer start() {
        return start("127.0.0.1");
    }

    /**
     * A server on the given loopback address (e.g. "127.0.0.2", "::1") and an ephemeral port. Any 127.x.y.z address
     * works on Linux without setup.
     */
    public static FixtureServer start(String bindAddress) {
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("tests bind loopback addresses only, not " + bindAddress);
            }
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(address, 0), 128);
            return new FixtureServer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a fixture server on " + bindAddress, e);
        }
    }

    /** The absolute URI of a path on this server, e.g. {@code uri("/feed.xml")}. */
    public URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': " + path);
        }
        return URI.create("http://" + hostLiteral + ":" + port() + path);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The bound address as it appears in URLs ("127.0.0.1", "[0:0:0:0:0:0:0:1]"). */
    public String host() {
        return hostLiteral;
    }

    /** Adds or replaces the answer for an exact path. Thread-safe. */
    public FixtureServer route(String path, FixtureResponse response) {
        return route(path, request -> response);
    }

    /** Adds or replaces a computed answer for an exact path, e.g. one that changes after the first request. */
    public FixtureServer route(String path, FixtureHandler handler) {
        routes.put(path, handler);
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** The requests received for one path, in arrival order. */
    public List<RecordedRequest> requests(String path) {
        return recorded.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** TCP connections accepted so far (a canary that must never be reached asserts this stays 0). */
    public int connectionCount() {
        return connections.get();
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        workers.shutdownNow();
        try {
            acceptor.join(2000);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // listener closed
            }
            connections.incrementAndGet();
            open.add(socket);
            try {
                workers.execute(() -> serve(socket));
            } catch (RuntimeException e) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) IDLE_CONNECTION_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            while (!closed) {
                Head head = readHead(in);
                if (head == null) {
                    return;
                }
                byte[] body = readBody(in, head.headers);
                RecordedRequest request =
                        new RecordedRequest(head.method, head.path, head.query, head.headers, body, clock.instant());
                recorded.add(request);
                FixtureHandler handler = routes.get(head.path);
                FixtureResponse response = handler == null
                        ? FixtureResponse.ok("text/plain; charset=utf-8", "no route for " + head.path)
                                .withStatus(404)
                        : handler.respond(request);
                boolean keepAlive = write(request, response, out);
                String connection = request.header("connection");
                if (!keepAlive
                        || head.version.equals("HTTP/1.0")
                        || (connection != null
                                && connection.toLowerCase(Locale.ROOT).contains("close"))) {
                    return;
                }
            }
        } catch (SocketTimeoutException | SocketException | EOFException e) {
            // client went away or idled out: normal end of a connection
        } catch (IOException e) {
            // a broken client is not the server's problem
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(socket);
        }
    }

    private record Head(String method, String path, String query, String version, Map<String, String> headers) {}

    private static @Nullable Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (buf.size() == 0) {
                    return null;
                }
                throw new EOFException("request head cut short");
            }
            if (buf.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // tolerate stray CRLF between requests
            }
            buf.write(b);
            if (buf.size() > MAX_REQUEST_HEAD) {
                throw new IOException("request head too large");
            }
            if (b == '\n' && endsWithBlankLine(buf)) {
                break;
            }
        }
        String[] lines = buf.toString(StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length != 3) {
            throw new IOException("bad request line: " + lines[0]);
        }
        String target = requestLine[1];
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI u = URI.create(target);
            target = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new Head(requestLine[0], path, query, requestLine[2], headers);
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream buf) {
        byte[] b = buf.toByteArray();
        int n = b.length;
        return (n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r') || (n >= 2 && b[n - 2] == '\n');
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String te = headers.get("transfer-encoding");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(in);
                int semi = sizeLine.indexOf(';');
                int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
                if (size == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                if (body.size() + size > MAX_REQUEST_BODY) {
                    throw new IOException("request body too large");
                }
                body.write(in.readNBytes(size));
                readLine(in);
            }
        }
        String length = headers.get("content-length");
        if (length == null) {
            return new byte[0];
        }
        int n = Integer.parseInt(length.strip());
        if (n > MAX_REQUEST_BODY) {
            throw new IOException("request body too large");
        }
        byte[] body = in.readNBytes(n);
        if (body.length != n) {
            throw new EOFException("request body cut short");
        }
        return body;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0) {
            throw new EOFException();
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes the response; returns whether the connection may carry another request. */
    private boolean write(RecordedRequest request, FixtureResponse response, OutputStream out)
            throws IOException, InterruptedException {
        if (response.hangs()) {
            closing.await();
            return false;
        }
        if (!response.delayBefore().isZero()) {
            Thread.sleep(response.delayBefore().toMillis());
        }
        int status = response.status();
        boolean notModified = notModified(request, response);
        if (notModified) {
            status = 304;
        }
        boolean noBody = request.method().equals("HEAD") || status == 204 || status == 304 || status < 200;
        StringBuilder head = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason(status))
                .append("\r\n");
        if (!notModified) {
            if (response.contentType() != null) {
                head.append("Content-Type: ").append(response.contentType()).append("\r\n");
            }
            if (response.gzipped()) {
                head.append("Content-Encoding: gzip\r\n");
            }
        }
        if (status != 304 && status != 204 && status >= 200) {
            head.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (response.etagValue() != null) {
            head.append("ETag: ").append(response.etagValue()).append("\r\n");
        }
        if (response.lastModifiedValue() != null) {
            head.append("Last-Modified: ").append(response.lastModifiedValue()).append("\r\n");
        }
        for (String[] h : response.headers()) {
            if (notModified && h[0].toLowerCase(Locale.ROOT).startsWith("content-")) {
                continue;
            }
            head.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (response.closesConnection()) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (!noBody) {
            byte[] body = response.body();
            if (response.dripChunk() > 0) {
                for (int off = 0; off < body.length; off += response.dripChunk()) {
                    if (off > 0) {
                        Thread.sleep(response.dripBetween().toMillis());
                    }
                    out.write(body, off, Math.min(response.dripChunk(), body.length - off));
                    out.flush();
                }
            } else {
                out.write(body);
            }
        }
        out.flush();
        return !response.closesConnection();
    }

    private static boolean notModified(RecordedRequest request, FixtureResponse response) {
        if (response.status() != 200) {
            return false;
        }
        String ifNoneMatch = request.header("if-none-match");
        String etag = response.etagValue();
        if (ifNoneMatch != null) {
            if (etag == null) {
                return false;
            }
            for (String candidate : ifNoneMatch.split(",")) {
                String c = candidate.strip();
                if (c.equals("*") || weak(c).equals(weak(etag))) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = request.header("if-modified-since");
        String lastModified = response.lastModifiedValue();
        if (ifModifiedSince == null || lastModified == null) {
            return false;
        }
        try {
            ZonedDateTime since = ZonedDateTime.parse(ifModifiedSince, HTTP_DATE);
            ZonedDateTime modified = ZonedDateTime.parse(lastModified, HTTP_DATE);
            return !modified.isAfter(since);
        } catch (DateTimeParseException e) {
            return ifModifiedSince.equals(lastModified);
        }
    }

    private static String weak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 410 -> "Gone";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
