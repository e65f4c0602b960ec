package org.gleaner.fetch;

import crawlercommons.robots.BaseRobotRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The one guarded HTTP component (DESIGN invariant 6). Every outbound request of Gleaner goes through here and gets:
 *
 * <ul>
 *   <li>URL normalisation as a browser reads it ({@link Urls}), http/https only;
 *   <li>the {@link AddressPolicy} applied to the address actually connected, on every hop ({@link
 *       GuardedDnsResolver});
 *   <li>redirects followed by this class, not HttpClient: at most {@link FetchLimits#maxRedirects()}, loops detected,
 *       https→http refused, and 301/308 chains reported as {@link FetchOutcome.Fetched#permanentUri()};
 *   <li>connect and response timeouts plus a total deadline enforced by a watchdog that aborts the exchange;
 *   <li>a cap on the decoded body and on the header block; gzip/deflate decoded here;
 *   <li>conditional GET; 304, 410, 429/503 mapped to outcomes; per-host politeness ({@link HostThrottle});
 *   <li>robots.txt for article pages ({@link RobotsRules}).
 * </ul>
 *
 * Problems of one URL come back as {@link FetchOutcome} values; only broken machinery throws. Thread-safe: one
 * instance serves the whole application and pools connections.
 */
public final class HttpFetcher implements AutoCloseable {

    /** A Retry-After pause shorter than this is waited out; a longer one returns RateLimited at once. */
    private static final Duration MAX_RETRY_AFTER_WAIT = Duration.ofSeconds(10);

    /** A 429/503 without Retry-After pauses the host this long. */
    private static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(60);

    /** Retry-After values beyond this are treated as this: a typo must not silence a host for a year. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    /** Longest wait for a turn at a host before the first hop; a queue that long means the caller overloads it. */
    private static final Duration MAX_POLITENESS_WAIT = Duration.ofMinutes(5);

    /** A redirect body is read to keep the connection reusable, but only this much of it. */
    private static final long MAX_REDIRECT_BODY = 64 * 1024;

    /** Per line and per count limits given to HttpClient's parser; the exact per-request cap is checked after. */
    private static final int MAX_HEADER_LINE = 64 * 1024;

    private static final int MAX_HEADER_COUNT = 128;

    /** Normalised URLs remembered at most (more than the feeds of a large installation; about 3 MiB). */
    private static final int REMEMBERED_URLS = 16_384;

    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d{1,10}");

    private static final String ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/feed+json, "
            + "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
    private static final String ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.8";

    /** Headers a caller of {@link #post} may not set: they belong to the transport. */
    private static final Set<String> RESERVED_HEADERS =
            Set.of("host", "content-length", "transfer-encoding", "connection", "content-type", "user-agent");

    private final FetchSettings settings;
    private final InstantSource clock;
    private final HostThrottle throttle;
    private final RobotsRules robots;
    private final GuardedDnsResolver resolver;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor watchdog;
    private final ConcurrentHashMap<String, URI> normalized = new ConcurrentHashMap<>();

    public HttpFetcher(FetchSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.throttle = new HostThrottle(clock, settings.perHostDelay(), settings.perHostConcurrency());
        this.robots = new RobotsRules(clock);
        this.resolver = new GuardedDnsResolver(settings.addressPolicy());
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver)
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom()
                                .setMaxLineLength(MAX_HEADER_LINE)
                                .setMaxHeaderCount(MAX_HEADER_COUNT)
                                .build())
                        .build())
                .setConnectionConfigResolver(route -> connectionConfig())
                // Per-host pools without one pool-wide lock and list: a strict pool's lease walks a list of
                // every idle connection, which with a thousand hosts costs more than the request. Only the
                // per-host cap is enforced; idle connections are closed after 30 s.
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setMaxConnPerRoute(settings.perHostConcurrency() + 2)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setRetryStrategy(new StaleConnectionRetry())
                .setUserAgent(settings.userAgent())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        AtomicInteger n = new AtomicInteger();
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gleaner-fetch-deadline-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /** Fetches with the global address policy. Never throws for problems of the URL. */
    public FetchOutcome fetch(FetchRequest request) {
        return fetch(request, settings.addressPolicy());
    }

    /** Fetches with a specific policy, e.g. the global one {@link AddressPolicy#plus plus} a feed's allow-list. */
    public FetchOutcome fetch(FetchRequest request, AddressPolicy policy) {
        URI requested = request.uri();
        URI current;
        try {
            current = normalizeRemembered(requested);
        } catch (Urls.BadUrlException e) {
            return new FetchOutcome.Failed(requested, Failure.BAD_URL, null, messageOf(e));
        }
        FetchLimits limits = request.limits();
        List<Header> conditional = new ArrayList<>();
        if (request.etag() != null) {
            conditional.add(header("If-None-Match", request.etag()));
        }
        if (request.lastModified() != null) {
            conditional.add(header("If-Modified-Since", request.lastModified()));
        }
        conditional.add(header("Accept", request.purpose() == FetchRequest.Purpose.FEED ? ACCEPT_FEED : ACCEPT_PAGE));
        boolean checkRobots =
                request.purpose() == FetchRequest.Purpose.ARTICLE && settings.honourRobots() && !request.ignoreRobots();

        Deadline deadline = new Deadline(limits.totalDeadline());
        Set<URI> visited = new LinkedHashSet<>();
        visited.add(current);
        boolean allPermanent = true;
        int redirects = 0;
        try {
            while (true) {
                if (checkRobots) {
                    checkRobots(requested, current, policy);
                }
                Response response =
                        exchange(requested, "GET", current, conditional, null, limits, policy, deadline, redirects);
                if (!isRedirect(response.status)) {
                    URI permanent = redirects > 0 && allPermanent ? current : null;
                    return finish(request, requested, current, permanent, response);
                }
                String location = response.header("Location");
                if (location == null || location.isBlank()) {
                    return new FetchOutcome.Failed(
                            requested,
                            Failure.PROTOCOL,
                            response.status,
                            "HTTP " + response.status + " redirect without a Location header from " + current);
                }
                URI next = redirectTarget(requested, current, location, response.status);
                if (visited.contains(next)) {
                    return new FetchOutcome.Failed(
                            requested,
                            Failure.REDIRECT_LOOP,
                            response.status,
                            "redirect loop: "
                                    + String.join(
                                            " → ",
                                            visited.stream().map(URI::toString).toList()) + " → " + next);
                }
                redirects++;
                if (redirects > limits.maxRedirects()) {
                    return new FetchOutcome.Failed(
                            requested,
                            Failure.TOO_MANY_REDIRECTS,
                            response.status,
                            "more than " + limits.maxRedirects() + " redirects (gave up at " + next + ")");
                }
                if (response.status != 301 && response.status != 308) {
                    allPermanent = false;
                }
                visited.add(next);
                current = next;
            }
        } catch (Stop stop) {
            return stop.outcome;
        }
    }

    /**
     * POSTs a body (webhooks) through the same guarded path: address policy, deadlines, caps on the answer,
     * politeness. Redirects are never followed: a 3xx is a {@link Failure#HTTP_ERROR}.
     */
    public FetchOutcome post(
            URI uri, byte[] body, String contentType, Map<String, String> headers, FetchLimits limits) {
        return post(uri, body, contentType, headers, limits, settings.addressPolicy());
    }

    /** {@link #post(URI, byte[], String, Map, FetchLimits)} with a specific address policy. */
    public FetchOutcome post(
            URI uri,
            byte[] body,
            String contentType,
            Map<String, String> headers,
            FetchLimits limits,
            AddressPolicy policy) {
        URI target;
        try {
            target = Urls.normalize(uri);
        } catch (Urls.BadUrlException e) {
            return new FetchOutcome.Failed(uri, Failure.BAD_URL, null, messageOf(e));
        }
        ContentType type;
        try {
            type = ContentType.parse(contentType);
        } catch (RuntimeException e) {
            return new FetchOutcome.Failed(uri, Failure.BAD_URL, null, "invalid content type '" + contentType + "'");
        }
        List<Header> extra = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (!RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                extra.add(header(name, value));
            }
        });
        try {
            Response response = exchange(
                    uri,
                    "POST",
                    target,
                    extra,
                    new ByteArrayEntity(body, type),
                    limits,
                    policy,
                    new Deadline(limits.totalDeadline()),
                    0);
            if (isRedirect(response.status)) {
                return new FetchOutcome.Failed(
                        uri,
                        Failure.HTTP_ERROR,
                        response.status,
                        statusText(response) + ": redirects are not followed for POST");
            }
            return finish(null, uri, target, null, response);
        } catch (Stop stop) {
            return stop.outcome;
        }
    }

    /**
     * {@link Urls#normalize} of a URL fetched before: feeds are fetched from the same URLs again and again, and
     * parsing each one anew cost more than the rest of the fetcher's own work on a 304. Only URLs that normalised
     * are kept; the table is emptied when it reaches {@link #REMEMBERED_URLS}.
     */
    private URI normalizeRemembered(URI uri) throws Urls.BadUrlException {
        String key = uri.toString();
        URI known = normalized.get(key);
        if (known != null) {
            return known;
        }
        URI result = Urls.normalize(uri);
        if (normalized.size() >= REMEMBERED_URLS) {
            normalized.clear();
        }
        normalized.put(key, result);
        return result;
    }

    /** The per-host politeness shared by every request of this fetcher. */
    public HostThrottle throttle() {
        return throttle;
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        resolver.shutdown();
        client.close(CloseMode.GRACEFUL);
        connections.close(CloseMode.GRACEFUL);
    }

    private void checkRobots(URI requested, URI current, AddressPolicy policy) throws Stop {
        FetchOutcome[] robotsOutcome = new FetchOutcome[1];
        BaseRobotRules rules = robots.rulesFor(current, robotsUri -> {
            robotsOutcome[0] = fetch(
                    new FetchRequest(
                            robotsUri,
                            FetchRequest.Purpose.DISCOVERY,
                            null,
                            null,
                            FetchLimits.pageDefaults().withMaxBytes(RobotsRules.MAX_ROBOTS_BYTES),
                            true),
                    policy);
            return robotsOutcome[0];
        });
        if (robotsOutcome[0] instanceof FetchOutcome.RateLimited limited) {
            // The host asked us to back off; the article would get the same answer.
            throw new Stop(new FetchOutcome.RateLimited(requested, limited.status(), limited.retryAt()));
        }
        if (rules == null) {
            return;
        }
        Duration crawlDelay = RobotsRules.crawlDelay(rules);
        if (crawlDelay != null) {
            throttle.raiseDelay(Urls.hostKey(current), crawlDelay);
        }
        if (!rules.isAllowed(current.toString())) {
            String message = rules.isDeferVisits()
                    ? "robots.txt of " + current.getHost() + " could not be read (server error); articles there wait"
                            + " until it can (RFC 9309)"
                    : "robots.txt of " + current.getHost() + " disallows " + current.getRawPath() + " for Gleaner";
            throw new Stop(new FetchOutcome.Failed(requested, Failure.ROBOTS_DISALLOWED, null, message));
        }
    }

    private static URI redirectTarget(URI requested, URI current, String location, int status) throws Stop {
        try {
            return Redirects.next(current, location);
        } catch (Redirects.RefusedException e) {
            throw new Stop(new FetchOutcome.Failed(requested, e.failure, status, messageOf(e)));
        }
    }

    /** One request/response on one hop, with the throttle, policy, timeouts and caps around it. */
    private Response exchange(
            URI requested,
            String method,
            URI uri,
            List<Header> headers,
            @Nullable HttpEntity body,
            FetchLimits limits,
            AddressPolicy policy,
            Deadline deadline,
            int hop)
            throws Stop {
        String host = Urls.hostKey(uri);
        Instant paused = throttle.pausedUntil(host);
        if (paused != null && Duration.between(clock.instant(), paused).compareTo(MAX_RETRY_AFTER_WAIT) > 0) {
            throw new Stop(new FetchOutcome.RateLimited(requested, throttle.pauseStatus(host), paused));
        }
        HostThrottle.Permit permit;
        try {
            permit = throttle.acquire(
                    host, hop == 0 && !deadline.started() ? MAX_POLITENESS_WAIT : deadline.remaining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(
                    new FetchOutcome.Failed(requested, Failure.TIMEOUT, null, "fetch of " + uri + " was interrupted"));
        }
        if (permit == null) {
            throw new Stop(new FetchOutcome.Failed(
                    requested, Failure.TIMEOUT, null, "no turn to contact " + host + " before the deadline"));
        }
        try (permit) {
            deadline.start();
            if (deadline.remaining().isZero()) {
                throw new Stop(timedOut(requested, limits));
            }
            return execute(requested, method, uri, headers, body, limits, policy, deadline, hop);
        }
    }

    private Response execute(
            URI requested,
            String method,
            URI uri,
            List<Header> headers,
            @Nullable HttpEntity body,
            FetchLimits limits,
            AddressPolicy policy,
            Deadline deadline,
            int hop)
            throws Stop {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        request.addHeader("Accept-Encoding", "gzip, deflate");
        for (Header h : headers) {
            request.addHeader(h);
        }
        if (body != null) {
            request.setEntity(body);
        }
        Duration remaining = deadline.remaining();
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setResponseTimeout(timeout(min(limits.responseTimeout(), remaining)))
                .setConnectionRequestTimeout(timeout(remaining))
                .setRedirectsEnabled(false)
                .build());
        // Pooled connections are reused only by requests under the same policy: a connection opened for a feed
        // whose allow-list admits 10.0.0.0/8 must not serve a request whose policy does not.
        context.setUserToken(policy);
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = watchdog.schedule(
                () -> {
                    expired.set(true);
                    request.cancel();
                },
                remaining.toNanos(),
                TimeUnit.NANOSECONDS);
        resolver.enter(new GuardedDnsResolver.Scope(policy, min(limits.connectTimeout(), remaining)));
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, context);
            int status = response.getCode();
            int headerBytes = response.getReasonPhrase() == null
                    ? 16
                    : 16 + response.getReasonPhrase().length();
            for (Header h : response.getHeaders()) {
                headerBytes += h.getName().length() + h.getValue().length() + 4;
            }
            if (headerBytes > limits.maxHeaderBytes()) {
                request.cancel();
                throw new Stop(new FetchOutcome.Failed(
                        requested,
                        Failure.TOO_LARGE,
                        status,
                        "response headers from " + uri.getHost() + " exceeded " + size(limits.maxHeaderBytes())));
            }
            long cap = isRedirect(status) ? Math.min(limits.maxBytes(), MAX_REDIRECT_BODY) : limits.maxBytes();
            byte[] bytes = new byte[0];
            HttpEntity entity = response.getEntity();
            if (entity != null && !"HEAD".equals(method)) {
                Header encoding = response.getFirstHeader("Content-Encoding");
                long declared = entity.getContentLength();
                boolean identity = encoding == null || encoding.getValue().isBlank();
                if (identity && declared > cap) {
                    request.cancel();
                    if (isRedirect(status)) {
                        return new Response(status, response.getReasonPhrase(), response.getHeaders(), bytes);
                    }
                    throw new Stop(tooLarge(requested, status, limits));
                }
                try (InputStream in = entity.getContent()) {
                    bytes = BodyReader.read(
                            in, encoding == null ? null : encoding.getValue(), cap, deadline.deadlineNanos());
                } catch (BodyReader.TooLargeException e) {
                    request.cancel();
                    if (isRedirect(status)) {
                        return new Response(status, response.getReasonPhrase(), response.getHeaders(), new byte[0]);
                    }
                    throw new Stop(tooLarge(requested, status, limits));
                }
            }
            return new Response(status, response.getReasonPhrase(), response.getHeaders(), bytes);
        } catch (IOException e) {
            request.cancel();
            throw new Stop(failure(requested, uri, e, expired.get() || deadline.expired(), limits, hop));
        } finally {
            alarm.cancel(false);
            resolver.exit();
            if (response != null) {
                try {
                    response.close();
                } catch (IOException ignored) {
                    // the connection is discarded either way; nothing to tell the caller
                }
            }
        }
    }

    private FetchOutcome finish(
            @Nullable FetchRequest request, URI requested, URI finalUri, @Nullable URI permanent, Response response) {
        int status = response.status;
        CacheHints hints = hints(response);
        if (status >= 200 && status < 300) {
            return new FetchOutcome.Fetched(
                    requested,
                    finalUri,
                    contentBase(finalUri, response.header("Content-Location")),
                    permanent,
                    status,
                    response.body,
                    response.header("Content-Type"),
                    response.header("ETag"),
                    response.header("Last-Modified"),
                    hints);
        }
        if (status == 304) {
            if (request == null || (request.etag() == null && request.lastModified() == null)) {
                return new FetchOutcome.Failed(
                        requested,
                        Failure.PROTOCOL,
                        status,
                        "HTTP 304 Not Modified to a request that was not conditional");
            }
            String etag = response.header("ETag");
            String lastModified = response.header("Last-Modified");
            return new FetchOutcome.NotModified(
                    requested,
                    permanent,
                    etag != null ? etag : request.etag(),
                    lastModified != null ? lastModified : request.lastModified(),
                    hints);
        }
        if (status == 410) {
            return new FetchOutcome.Failed(
                    requested, Failure.GONE, status, "HTTP 410 Gone: " + finalUri + " was removed for good");
        }
        if (status == 429 || status == 503) {
            Instant retryAt = hints.retryAfter();
            Instant pauseUntil = retryAt != null ? retryAt : clock.instant().plus(DEFAULT_RATE_LIMIT_PAUSE);
            throttle.pauseUntil(Urls.hostKey(finalUri), pauseUntil, status);
            return new FetchOutcome.RateLimited(requested, status, retryAt);
        }
        return new FetchOutcome.Failed(requested, Failure.HTTP_ERROR, status, statusText(response));
    }

    /**
     * Where relative references in a body point: its {@code Content-Location}, resolved against where the body came
     * from. RFC 7231 took that header out of base-URI resolution because browsers never used it for HTML, but feeds
     * were written against RFC 2616's rule and the feed parsers readers use still honour it. It grants a publisher
     * nothing it lacks: a feed may name any absolute URL itself, and every fetch of such a URL still passes the
     * address policy. A value that does not resolve to a URL Gleaner would fetch (http or https, with a host) is
     * ignored.
     */
    private static URI contentBase(URI finalUri, @Nullable String contentLocation) {
        if (contentLocation == null || contentLocation.isBlank()) {
            return finalUri;
        }
        try {
            return Urls.resolveHeader(finalUri, contentLocation);
        } catch (Urls.BadUrlException e) {
            return finalUri;
        }
    }

    private CacheHints hints(Response response) {
        Duration maxAge = null;
        String cacheControl = response.header("Cache-Control");
        if (cacheControl != null) {
            for (String directive : cacheControl.split(",")) {
                String d = directive.strip().toLowerCase(Locale.ROOT);
                if (d.startsWith("max-age=")) {
                    try {
                        long seconds = Long.parseLong(d.substring("max-age=".length())
                                .replace("\"", "")
                                .strip());
                        if (seconds >= 0) {
                            maxAge = Duration.ofSeconds(seconds);
                        }
                    } catch (NumberFormatException ignored) {
                        // an unreadable max-age is no hint at all
                    }
                }
            }
        }
        Instant expires = httpDate(response.header("Expires"));
        Instant retryAfter = retryAfter(response.header("Retry-After"));
        if (maxAge == null && expires == null && retryAfter == null) {
            return CacheHints.none();
        }
        return new CacheHints(maxAge, expires, retryAfter);
    }

    /** Retry-After as delta-seconds or an HTTP date, capped at {@link #MAX_RETRY_AFTER}; null when unreadable. */
    private @Nullable Instant retryAfter(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant now = clock.instant();
        String v = value.strip();
        Instant at;
        if (DELTA_SECONDS.matcher(v).matches()) {
            at = now.plusSeconds(Long.parseLong(v));
        } else {
            at = httpDate(v);
            if (at == null) {
                return null;
            }
        }
        if (at.isBefore(now)) {
            return now;
        }
        Instant max = now.plus(MAX_RETRY_AFTER);
        return at.isAfter(max) ? max : at;
    }

    private static @Nullable Instant httpDate(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DateUtils.parseStandardDate(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private FetchOutcome.Failed failure(
            URI requested, URI uri, IOException e, boolean deadlinePassed, FetchLimits limits, int hop) {
        String where = uri.getHost() + ":" + port(uri);
        if (e instanceof GuardedDnsResolver.BlockedAddressException blocked) {
            String message = hop > 0
                    ? "redirect to a " + blocked.kind + " address " + blocked.address + " refused"
                    : "refused to connect to " + blocked.kind + " address " + blocked.address
                            + (Urls.isIpLiteral(uri.getHost()) ? "" : " (" + uri.getHost() + ")");
            return new FetchOutcome.Failed(requested, Failure.BLOCKED_ADDRESS, null, message);
        }
        if (deadlinePassed || e instanceof BodyReader.DeadlineException) {
            return timedOut(requested, limits);
        }
        if (e instanceof GuardedDnsResolver.LookupTimeoutException) {
            return new FetchOutcome.Failed(
                    requested,
                    Failure.TIMEOUT,
                    null,
                    "looking up " + uri.getHost() + " took longer than " + seconds(limits.connectTimeout()));
        }
        if (e instanceof UnknownHostException) {
            return new FetchOutcome.Failed(
                    requested, Failure.UNKNOWN_HOST, null, "host " + uri.getHost() + " not found");
        }
        if (e instanceof ConnectTimeoutException) {
            return new FetchOutcome.Failed(
                    requested,
                    Failure.TIMEOUT,
                    null,
                    "connection to " + where + " timed out after " + seconds(limits.connectTimeout()));
        }
        if (e instanceof SocketTimeoutException) {
            return new FetchOutcome.Failed(
                    requested, Failure.TIMEOUT, null, where + " sent nothing for " + seconds(limits.responseTimeout()));
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new FetchOutcome.Failed(requested, Failure.CONNECT, null, "connection refused by " + where);
        }
        if (e instanceof SSLException) {
            return new FetchOutcome.Failed(
                    requested, Failure.CONNECT, null, "TLS handshake with " + where + " failed: " + e.getMessage());
        }
        if (e instanceof MessageConstraintException) {
            return new FetchOutcome.Failed(
                    requested,
                    Failure.TOO_LARGE,
                    null,
                    "response headers from " + uri.getHost() + " exceeded " + size(limits.maxHeaderBytes()));
        }
        if (e instanceof BodyReader.UnsupportedEncodingException || e instanceof java.util.zip.ZipException) {
            return new FetchOutcome.Failed(
                    requested,
                    Failure.PROTOCOL,
                    null,
                    uri.getHost() + " sent a body we cannot decode: " + e.getMessage());
        }
        if (e instanceof InterruptedIOException) {
            return new FetchOutcome.Failed(requested, Failure.TIMEOUT, null, "fetch of " + uri + " was interrupted");
        }
        if (e instanceof SocketException || e instanceof ConnectionClosedException) {
            return new FetchOutcome.Failed(
                    requested, Failure.CONNECT, null, "connection to " + where + " broke: " + e.getMessage());
        }
        return new FetchOutcome.Failed(
                requested,
                Failure.PROTOCOL,
                null,
                where + " broke HTTP: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    private static FetchOutcome.Failed timedOut(URI requested, FetchLimits limits) {
        return new FetchOutcome.Failed(
                requested, Failure.TIMEOUT, null, "did not complete within " + seconds(limits.totalDeadline()));
    }

    private static FetchOutcome.Failed tooLarge(URI requested, int status, FetchLimits limits) {
        return new FetchOutcome.Failed(
                requested, Failure.TOO_LARGE, status, "response exceeded " + size(limits.maxBytes()));
    }

    private static String statusText(Response response) {
        String reason = response.reason;
        if (reason == null || reason.isBlank()) {
            reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(response.status, Locale.ROOT);
        }
        return "HTTP " + response.status + (reason == null ? "" : " " + reason);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    private ConnectionConfig connectionConfig() {
        GuardedDnsResolver.Scope scope = resolver.current();
        Duration connect = scope == null ? FetchLimits.feedDefaults().connectTimeout() : scope.connectTimeout;
        return ConnectionConfig.custom()
                .setConnectTimeout(timeout(connect))
                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                .build();
    }

    private static Header header(String name, String value) {
        return new org.apache.hc.core5.http.message.BasicHeader(name, value);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Timeout timeout(Duration d) {
        return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
    }

    static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String messageOf(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** A response with its body already read and the connection released. */
    private static final class Response {
        final int status;
        final @Nullable String reason;
        final Header[] headers;
        final byte[] body;

        Response(int status, @Nullable String reason, Header[] headers, byte[] body) {
            this.status = status;
            this.reason = reason;
            this.headers = headers;
            this.body = body;
        }

        @Nullable
        String header(String name) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }

    /** Ends the exchange early with an outcome; internal control flow only. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final transient FetchOutcome outcome;

        Stop(FetchOutcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }

    /**
     * The total deadline, measured with the monotonic clock (a wall clock jump must not cut or extend it). It starts
     * when the first hop gets its turn at the host, so time queued behind other requests to the same host is not
     * charged to this one.
     */
    private static final class Deadline {
        private final long totalNanos;
        private long startNanos;
        private boolean started;

        Deadline(Duration total) {
            this.totalNanos = total.toNanos();
        }

        void start() {
            if (!started) {
                started = true;
                startNanos = System.nanoTime();
            }
        }

        boolean started() {
            return started;
        }

        long deadlineNanos() {
            return startNanos + totalNanos;
        }

        Duration remaining() {
            if (!started) {
                return Duration.ofNanos(totalNanos);
            }
            long left = deadlineNanos() - System.nanoTime();
            return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
        }

        boolean expired() {
            return started && System.nanoTime() - deadlineNanos() > 0;
        }
    }

    /**
     * Retries once, immediately, only when a pooled connection turned out to be closed by the server before it
     * answered (NoHttpResponseException and friends), and only for idempotent requests. Never retries on a status
     * code: 429/503 are outcomes for the caller, not something to hammer.
     */
    private static final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {
        StaleConnectionRetry() {
            super(
                    1,
                    TimeValue.ZERO_MILLISECONDS,
                    List.of(
                            InterruptedIOException.class,
                            UnknownHostException.class,
                            ConnectException.class,
                            NoRouteToHostException.class,
                            SSLException.class,
                            MessageConstraintException.class),
                    List.of());
        }

        @Override
        public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
            return super.retryRequest(request, exception, execCount, context);
        }

        @Override
        public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
            return false;
        }
    }
}
