package org.gleaner.feed;

import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Makes the links inside entry HTML absolute, so that what leaves this package (and the "Continue reading"
 * link that {@code extract} looks for) never depends on the feed's URL or xml:base any more. Only URL-valued
 * attributes of tags are touched; text, fragments ({@code #top}) and absolute URLs stay as they are.
 */
final class HtmlLinks {
    /** Attributes whose value is a URL in HTML 4/5 markup found in feeds. */
    static final Set<String> URL_ATTRIBUTES = Set.of(
            "href",
            "src",
            "poster",
            "cite",
            "longdesc",
            "background",
            "action",
            "data",
            "codebase",
            "usemap",
            "profile",
            "lowsrc",
            "dynsrc",
            "srcset");

    private static final Pattern HAS_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern TAG = Pattern.compile("<[A-Za-z][^<>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(\\s)([A-Za-z:-]+)(\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))", Pattern.CASE_INSENSITIVE);

    /** Commas that end a srcset URL end its candidate (the standard's parser strips them from the URL). */
    private static final Pattern TRAILING_COMMAS = Pattern.compile(",+$");

    private HtmlLinks() {}

    static String absolutize(String html, @Nullable URI base) {
        if (base == null || html.indexOf('<') < 0 || !mentionsUrlAttribute(html)) {
            return html;
        }
        Matcher tags = TAG.matcher(html);
        StringBuilder out = null;
        int copied = 0;
        Map<String, String> cache = new HashMap<>();
        while (tags.find()) {
            String tag = tags.group();
            if (!mentionsUrlAttribute(tag)) {
                continue;
            }
            String fixed = absolutizeTag(tag, base, cache);
            if (!fixed.equals(tag)) {
                if (out == null) {
                    out = new StringBuilder(html.length() + 256);
                }
                out.append(html, copied, tags.start()).append(fixed);
                copied = tags.end();
            }
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    private static boolean mentionsUrlAttribute(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String name : URL_ATTRIBUTES) {
            if (lower.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static String absolutizeTag(String tag, URI base, Map<String, String> cache) {
        Matcher attrs = ATTRIBUTE.matcher(tag);
        StringBuilder out = new StringBuilder(tag.length() + 32);
        int copied = 0;
        while (attrs.find()) {
            String name = attrs.group(2).toLowerCase(Locale.ROOT);
            if (!URL_ATTRIBUTES.contains(name)) {
                continue;
            }
            String quoted = attrs.group(4) != null ? attrs.group(4) : attrs.group(5);
            String value = quoted != null ? quoted : attrs.group(6);
            String resolved = name.equals("srcset")
                    ? resolveSrcset(base, value)
                    : cache.computeIfAbsent(value, v -> {
                        String r = resolve(base, v);
                        return r == null ? v : r;
                    });
            if (!resolved.equals(value)) {
                char q = attrs.group(5) != null ? '\'' : '"';
                out.append(tag, copied, attrs.start())
                        .append(attrs.group(1))
                        .append(attrs.group(2))
                        .append(attrs.group(3))
                        .append(q)
                        .append(resolved)
                        .append(q);
                copied = attrs.end();
            }
        }
        return out.append(tag, copied, tag.length()).toString();
    }

    /**
     * A srcset with each candidate's URL made absolute, descriptors kept. Candidates are split the way the HTML
     * standard's srcset parser does: a URL runs to the next whitespace (trailing commas end the candidate),
     * then descriptors run to the next comma.
     */
    static String resolveSrcset(@Nullable URI base, String srcset) {
        StringBuilder out = new StringBuilder(srcset.length() + 64);
        int i = 0;
        int n = srcset.length();
        while (i < n) {
            while (i < n && (Character.isWhitespace(srcset.charAt(i)) || srcset.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(srcset.charAt(i))) {
                i++;
            }
            String url = srcset.substring(start, i);
            String descriptors = "";
            boolean endedByComma = url.endsWith(",");
            url = TRAILING_COMMAS.matcher(url).replaceAll("");
            if (!endedByComma) {
                int d = i;
                while (i < n && srcset.charAt(i) != ',') {
                    i++;
                }
                descriptors = srcset.substring(d, i).strip();
            }
            String resolved = resolve(base, url);
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(resolved == null ? url : resolved);
            if (!descriptors.isEmpty()) {
                out.append(' ').append(descriptors);
            }
        }
        return out.toString();
    }

    /** The absolute form of a relative URL attribute value; null when it should stay as written. */
    static @Nullable String resolve(@Nullable URI base, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.startsWith("#") || HAS_SCHEME.matcher(v).find()) {
            return null;
        }
        String resolved = Links.resolve(base, v.replace("&amp;", "&"));
        return resolved == null ? null : resolved.replace("&", "&amp;").replace("\"", "%22");
    }
}
