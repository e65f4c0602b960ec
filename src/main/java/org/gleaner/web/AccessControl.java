package org.gleaner.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Who may call what. Every state-changing request carries the CSRF token in {@code X-CSRF-Token}
 * (a custom header cannot be sent cross-origin without a CORS preflight, which this server never
 * grants; the token adds a secret on top). When sign-in is required, requests need a session cookie
 * from {@code POST /api/session} or an {@code Authorization: Bearer} API token (scripts; no CSRF token
 * needed since no cookie is involved). On a local-only bind the Host header must name this machine,
 * which stops DNS-rebinding pages from reaching the API through the browser.
 */
final class AccessControl {
    static final String SESSION_COOKIE = "gleaner_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** A signed-in browser stays signed in for a working day, then signs in again. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** Sign-in attempts per client address per window: enough for typos, too few for guessing. */
    static final int SIGN_IN_ATTEMPTS = 5;

    static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(5);
    /** Feed additions and discoveries per client per window: each one makes the server fetch a URL. */
    static final int FEED_ADDS = 20;

    static final Duration FEED_ADD_WINDOW = Duration.ofMinutes(10);

    private static final Set<String> LOCAL_HOST_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private final WebSettings settings;
    private final InstantSource clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    /** On a local-only bind there are no sessions; one token per process guards state changes. */
    private final String processCsrfToken;

    final RateLimiter signIns;
    final RateLimiter feedAdds;

    private record Session(String csrfToken, Instant expires) {}

    AccessControl(WebSettings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.processCsrfToken = newToken();
        this.signIns = new RateLimiter(SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW, clock);
        this.feedAdds = new RateLimiter(FEED_ADDS, FEED_ADD_WINDOW, clock);
    }

    boolean signInRequired() {
        return settings.signInRequired();
    }

    boolean signInConfigured() {
        return settings.adminPasswordHash() != null;
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The host part of the Host header, lower-cased, with an IPv6 literal kept in brackets. */
    static String hostName(@Nullable String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** Rejects requests with a foreign Host on a local-only bind. */
    void checkHost(Context ctx) {
        if (!settings.signInRequired() && !LOCAL_HOST_NAMES.contains(hostName(ctx.header("Host")))) {
            throw new WebError(421, "this server only answers to 127.0.0.1, localhost or [::1]");
        }
    }

    /** Whether the request may read and change data (a session, an API token, or no sign-in needed). */
    boolean authorized(Context ctx) {
        if (!settings.signInRequired()) {
            return true;
        }
        return bearerMatches(ctx) || session(ctx) != null;
    }

    private boolean bearerMatches(Context ctx) {
        String digest = settings.apiTokenDigest();
        String header = ctx.header("Authorization");
        if (digest == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String presented = PasswordHash.tokenDigest(header.substring(7).strip());
        return MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.US_ASCII),
                digest.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private @Nullable Session session(Context ctx) {
        String id = ctx.cookie(SESSION_COOKIE);
        if (id == null) {
            return null;
        }
        Session session = sessions.get(id);
        if (session == null) {
            return null;
        }
        if (!session.expires().isAfter(clock.instant())) {
            sessions.remove(id);
            return null;
        }
        return session;
    }

    /** The CSRF token this client must send with state changes, or null before sign-in. */
    @Nullable
    String csrfToken(Context ctx) {
        if (!settings.signInRequired()) {
            return processCsrfToken;
        }
        Session session = session(ctx);
        return session == null ? null : session.csrfToken();
    }

    /** Throws unless a state-changing request carries the right CSRF token (API-token requests need none). */
    void checkCsrf(Context ctx) {
        if (settings.signInRequired() && bearerMatches(ctx)) {
            return;
        }
        String expected = csrfToken(ctx);
        String presented = ctx.header(CSRF_HEADER);
        if (expected == null
                || presented == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII))) {
            throw new WebError(403, "missing or wrong " + CSRF_HEADER + " header; reload the page");
        }
    }

    /** Checks the password and starts a session; throws 401/429 otherwise. */
    void signIn(Context ctx, String password) {
        Duration wait = signIns.acquire(ctx.ip());
        if (!wait.isZero()) {
            ctx.header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds())));
            throw new WebError(429, "too many sign-in attempts; try again in " + Math.max(1, wait.toSeconds()) + " s");
        }
        String hash = settings.adminPasswordHash();
        if (hash == null) {
            throw new WebError(401, notConfiguredMessage());
        }
        if (!PasswordHash.matches(password.toCharArray(), hash)) {
            throw new WebError(401, "wrong password");
        }
        String id = newToken();
        sessions.put(id, new Session(newToken(), clock.instant().plus(SESSION_LIFETIME)));
        ctx.header("Set-Cookie", cookie(ctx, id, SESSION_LIFETIME.toSeconds()));
    }

    void signOut(Context ctx) {
        String id = ctx.cookie(SESSION_COOKIE);
        if (id != null) {
            sessions.remove(id);
        }
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
    }

    /**
     * HttpOnly and SameSite=Strict always; Secure when the request arrived over HTTPS (directly or via a
     * TLS-terminating proxy). Gleaner itself speaks plain HTTP, where a Secure cookie would never be sent
     * back, so sign-in over plain HTTP to a non-local address works but is only as private as the network.
     */
    private static String cookie(Context ctx, String value, long maxAgeSeconds) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(String.valueOf(ctx.header("X-Forwarded-Proto")));
        return SESSION_COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    static String notConfiguredMessage() {
        return "sign-in is required on this address but no admin password is set: put a hash made with"
                + " 'java -cp gleaner.jar org.gleaner.web.PasswordTool' in the GLEANER_ADMIN_PASSWORD_HASH"
                + " environment variable or in the file admin-password-hash in the data directory";
    }
}
