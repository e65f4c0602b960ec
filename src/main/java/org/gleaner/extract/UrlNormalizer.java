package org.gleaner.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The article key of DESIGN invariant 4: one spelling per story URL.
 *
 * <p>Lower-cases scheme and host, drops default ports, an empty path becomes "/", removes the fragment
 * and tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, {@code mc_cid}, …). The
 * remaining query parameters keep their order: sites that use the query to select the article (e.g.
 * {@code ?p=123&lang=fr}) are served the same way whatever the order, and feeds repeat their own
 * spelling, so sorting would gain little and could merge nothing that is not already merged. Path case
 * and percent-encoding are kept as sent (paths are case-sensitive).
 */
public final class UrlNormalizer {
    private UrlNormalizer() {}

    /** Query parameters that only say how a reader arrived. */
    private static final Set<String> TRACKING = Set.of(
            "fbclid",
            "gclid",
            "dclid",
            "gbraid",
            "wbraid",
            "msclkid",
            "yclid",
            "twclid",
            "ttclid",
            "li_fat_id",
            "mc_cid",
            "mc_eid",
            "_ga",
            "_gl",
            "igshid",
            "igsh",
            "ncid",
            "ocid",
            "cmpid",
            "ito",
            "smid",
            "smtyp",
            "ref_src",
            "ref_url",
            "spm",
            "share",
            "s_cid",
            "wt.mc_id",
            "at_medium",
            "at_campaign",
            "at_custom1",
            "at_custom2",
            "at_custom3",
            "at_custom4",
            "xtor",
            "mkt_tok",
            "vero_id",
            "oly_anon_id",
            "oly_enc_id",
            "rss",
            "feature",
            "cmp",
            "soc_src",
            "soc_trk",
            "sr_share",
            "guccounter",
            "guce_referrer",
            "guce_referrer_sig",
            "__twitter_impression",
            "ns_mchannel",
            "ns_source",
            "ns_campaign",
            "ns_linkname",
            "ns_fee");

    /** Tracking parameter families by prefix. */
    private static final List<String> TRACKING_PREFIXES = List.of("utm_", "pk_", "mtm_", "hsa_", "_hs", "matomo_");

    /** The normalized form of an absolute http(s) URL; other URIs come back as given, minus their fragment. */
    public static String normalize(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null) {
            return withoutFragment(uri.toString());
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int port = uri.getPort();
        if ((port == 80 && scheme.equals("http")) || (port == 443 && scheme.equals("https"))) {
            port = -1;
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(scheme).append("://");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            sb.append(userInfo).append('@');
        }
        sb.append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        sb.append(path);
        String query = cleanQuery(uri.getRawQuery());
        if (query != null) {
            sb.append('?').append(query);
        }
        return sb.toString();
    }

    /**
     * The article key for a fetched page: its declared canonical link when that is a plausible http(s)
     * address on the same registered domain and not just the site's home page (AMP and mobile variants
     * map to the story), else the fetched address; normalized either way.
     */
    public static String articleKey(URI fetched, @Nullable String canonical) {
        if (canonical != null) {
            try {
                URI c = fetched.resolve(canonical.strip());
                String scheme = c.getScheme();
                String domain = Sites.registeredDomain(c);
                boolean web = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
                boolean home = c.getRawPath() == null
                        || c.getRawPath().isEmpty()
                        || c.getRawPath().equals("/");
                boolean fetchedHome =
                        fetched.getRawPath() == null || fetched.getRawPath().length() <= 1;
                if (web && domain != null && domain.equals(Sites.registeredDomain(fetched)) && (!home || fetchedHome)) {
                    return normalize(c);
                }
            } catch (IllegalArgumentException e) {
                // a malformed canonical link is ignored
            }
        }
        return normalize(fetched);
    }

    private static @Nullable String cleanQuery(@Nullable String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (isTracking(name)) {
                continue;
            }
            kept.add(pair);
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    private static boolean isTracking(String name) {
        if (TRACKING.contains(name)) {
            return true;
        }
        for (String p : TRACKING_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutFragment(String s) {
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash);
    }
}
