package org.gleaner.extract;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The registered domain of a host ("www.bbc.co.uk" → "bbc.co.uk"), from a compact table of the
 * multi-part public suffixes common among news sites instead of the full public-suffix list: a host
 * under an unlisted multi-part suffix yields the last two labels.
 */
public final class Sites {
    private Sites() {}

    /** Second-level public suffixes under which registrations happen one level deeper. */
    private static final Set<String> MULTI_PART_SUFFIXES = Set.of(
            "co.uk",
            "org.uk",
            "ac.uk",
            "gov.uk",
            "ltd.uk",
            "plc.uk",
            "me.uk",
            "net.uk",
            "sch.uk",
            "nhs.uk",
            "com.au",
            "net.au",
            "org.au",
            "edu.au",
            "gov.au",
            "asn.au",
            "id.au",
            "co.nz",
            "org.nz",
            "net.nz",
            "govt.nz",
            "ac.nz",
            "co.jp",
            "ne.jp",
            "or.jp",
            "ac.jp",
            "go.jp",
            "gr.jp",
            "co.kr",
            "or.kr",
            "go.kr",
            "ac.kr",
            "com.br",
            "net.br",
            "org.br",
            "gov.br",
            "jor.br",
            "com.cn",
            "net.cn",
            "org.cn",
            "gov.cn",
            "edu.cn",
            "com.hk",
            "org.hk",
            "net.hk",
            "edu.hk",
            "gov.hk",
            "com.tw",
            "org.tw",
            "net.tw",
            "gov.tw",
            "edu.tw",
            "co.in",
            "net.in",
            "org.in",
            "gov.in",
            "ac.in",
            "nic.in",
            "co.za",
            "org.za",
            "gov.za",
            "web.za",
            "com.mx",
            "org.mx",
            "gob.mx",
            "com.ar",
            "org.ar",
            "gob.ar",
            "com.co",
            "com.pe",
            "com.ve",
            "com.uy",
            "com.tr",
            "org.tr",
            "gov.tr",
            "com.sg",
            "org.sg",
            "gov.sg",
            "edu.sg",
            "com.my",
            "org.my",
            "com.ph",
            "com.pk",
            "com.eg",
            "com.sa",
            "com.qa",
            "com.kw",
            "com.lb",
            "co.il",
            "org.il",
            "ac.il",
            "gov.il",
            "com.ua",
            "org.ua",
            "co.id",
            "or.id",
            "go.id",
            "ac.id",
            "com.vn",
            "co.th",
            "or.th",
            "go.th",
            "com.ng",
            "co.ke",
            "or.ke",
            "com.gh",
            "com.pl",
            "co.at",
            "or.at",
            "gv.at",
            "com.es",
            "com.pt",
            "com.gr",
            "com.cy",
            "co.hu",
            "com.ru",
            "org.ru",
            "co.nl",
            "blogspot.com",
            "github.io",
            "wordpress.com",
            "substack.com",
            "medium.com",
            "tumblr.com");

    /** The registered domain in lower case; the host itself for IP literals and one-label hosts; null without a host. */
    public static @Nullable String registeredDomain(URI uri) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return host;
        }
        String[] labels = host.split("\\.");
        if (labels.length <= 2) {
            return host;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = MULTI_PART_SUFFIXES.contains(lastTwo) ? 3 : 2;
        StringBuilder sb = new StringBuilder();
        for (int i = labels.length - keep; i < labels.length; i++) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(labels[i]);
        }
        return sb.toString();
    }
}
