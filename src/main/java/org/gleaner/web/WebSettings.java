package org.gleaner.web;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where to listen and who may use the server.
 *
 * @param signInRequired true unless bound to exactly 127.0.0.1, ::1 or localhost (see {@link #forBind})
 * @param adminPasswordHash the admin password as a {@link PasswordHash}, or null when none is set
 * @param apiTokenDigest {@link PasswordHash#tokenDigest} of the API token for scripts, or null
 */
public record WebSettings(
        String host,
        int port,
        boolean signInRequired,
        @Nullable String adminPasswordHash,
        @Nullable String apiTokenDigest) {
    /**
     * Names that mean "this machine only". Other 127/8 addresses are loopback too, but a bind address
     * other than these is a deliberate choice, so it is treated like any other address: sign-in on.
     */
    private static final Set<String> LOCAL_ONLY = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    /** Sign-in is required unless the bind address is one of the local-only names. */
    public static WebSettings forBind(
            String host, int port, @Nullable String adminPasswordHash, @Nullable String apiTokenDigest) {
        return new WebSettings(
                host, port, !isLocalOnly(host), blankToNull(adminPasswordHash), blankToNull(apiTokenDigest));
    }

    static boolean isLocalOnly(String host) {
        return LOCAL_ONLY.contains(host.strip().toLowerCase(Locale.ROOT));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
