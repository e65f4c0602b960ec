package org.gleaner.feed;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns a link as written in a feed into an absolute URI string. Feeds write relative links, links with
 * spaces and raw non-ASCII characters; {@link URI#resolve} also mishandles empty and query-only references
 * (RFC 2396 rules), which RFC 3986 section 5.2 fixes and this class follows.
 */
final class Links {
    private Links() {}

    /** The absolute form of {@code raw} against {@code base}, or null when it cannot be made absolute. */
    static @Nullable String resolve(@Nullable URI base, @Nullable String raw) {
        URI uri = resolveUri(base, raw);
        return uri == null ? null : uri.toString();
    }

    static @Nullable URI resolveUri(@Nullable URI base, @Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (text.regionMatches(true, 0, "feed://", 0, 7)) {
            text = "http://" + text.substring(7);
        } else if (text.regionMatches(true, 0, "feed:", 0, 5) && text.length() > 5) {
            text = text.substring(5);
        }
        URI ref;
        try {
            ref = new URI(escape(text));
        } catch (URISyntaxException e) {
            return null;
        }
        if (ref.isAbsolute()) {
            return ref.isOpaque() ? ref : normalizeAbsolute(ref);
        }
        if (base == null || !base.isAbsolute() || base.isOpaque()) {
            return null;
        }
        try {
            if (text.isEmpty()) {
                return withoutFragment(base);
            }
            if (text.startsWith("#")) {
                return new URI(withoutFragment(base) + ref.toString());
            }
            URI fixedBase = base;
            if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
                fixedBase = new URI(base.getScheme() + "://" + base.getRawAuthority() + "/"
                        + (base.getRawQuery() == null ? "" : "?" + base.getRawQuery()));
            }
            if (text.startsWith("?")) {
                String s = fixedBase.getScheme() + "://" + fixedBase.getRawAuthority() + fixedBase.getRawPath() + "?"
                        + ref.getRawQuery() + (ref.getRawFragment() == null ? "" : "#" + ref.getRawFragment());
                return new URI(s);
            }
            return normalizeAbsolute(fixedBase.resolve(ref));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static URI withoutFragment(URI uri) throws URISyntaxException {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String s = uri.toString();
        return new URI(s.substring(0, s.indexOf('#')));
    }

    /** Removes dot segments that climb above the root ("/../x" is "/x" by RFC 3986) and lower-cases scheme. */
    private static URI normalizeAbsolute(URI uri) {
        String path = uri.getRawPath();
        if (path == null || uri.getRawAuthority() == null) {
            return uri;
        }
        URI normalized = uri.normalize();
        String p = normalized.getRawPath();
        while (p.startsWith("/../")) {
            p = p.substring(3);
        }
        if (p.equals("/..")) {
            p = "/";
        }
        String scheme = normalized.getScheme().toLowerCase(Locale.ROOT);
        try {
            return new URI(scheme + "://" + normalized.getRawAuthority() + p
                    + (normalized.getRawQuery() == null ? "" : "?" + normalized.getRawQuery())
                    + (normalized.getRawFragment() == null ? "" : "#" + normalized.getRawFragment()));
        } catch (URISyntaxException e) {
            return normalized;
        }
    }

    /** Percent-encodes what RFC 3986 never allows raw (space, quotes, angle brackets, non-ASCII...). */
    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean seenHash = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#') {
                if (seenHash) {
                    out.append("%23");
                    continue;
                }
                seenHash = true;
                out.append(c);
            } else if (c == '%' && !(i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2)))) {
                out.append("%25");
            } else if (c <= 0x20 || c >= 0x7f || "\"<>\\^`{|}".indexOf(c) >= 0) {
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < text.length()) {
                    end++;
                }
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%')
                            .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
