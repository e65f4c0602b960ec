package org.gleaner.feed;

import java.net.URI;
import java.util.Locale;
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
    static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "poster", "cite", "longdesc", "background");

    private static final Pattern TAG = Pattern.compile("<[A-Za-z][^<>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "(\\s)([A-Za-z:-]+)(\\s*=\\s*)(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))", Pattern.CASE_INSENSITIVE);

    private HtmlLinks() {}

    static String absolutize(String html, @Nullable URI base) {
        if (base == null || html.indexOf('<') < 0) {
            return html;
        }
        Matcher tags = TAG.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 64);
        while (tags.find()) {
            tags.appendReplacement(out, Matcher.quoteReplacement(absolutizeTag(tags.group(), base)));
        }
        tags.appendTail(out);
        return out.toString();
    }

    private static String absolutizeTag(String tag, URI base) {
        Matcher attrs = ATTRIBUTE.matcher(tag);
        StringBuilder out = new StringBuilder(tag.length() + 32);
        while (attrs.find()) {
            String name = attrs.group(2).toLowerCase(Locale.ROOT);
            String quoted = attrs.group(4) != null ? attrs.group(4) : attrs.group(5);
            String value = quoted != null ? quoted : attrs.group(6);
            String replacement = attrs.group();
            if (URL_ATTRIBUTES.contains(name)) {
                String resolved = resolve(base, value);
                if (resolved != null && !resolved.equals(value)) {
                    char q = attrs.group(5) != null ? '\'' : '"';
                    replacement = attrs.group(1) + attrs.group(2) + attrs.group(3) + q + resolved + q;
                }
            }
            attrs.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        attrs.appendTail(out);
        return out.toString();
    }

    /** The absolute form of a relative URL attribute value; null when it should stay as written. */
    static @Nullable String resolve(@Nullable URI base, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.startsWith("#") || v.matches("(?i)^[a-z][a-z0-9+.-]*:.*")) {
            return null;
        }
        String resolved = Links.resolve(base, v.replace("&amp;", "&"));
        return resolved == null ? null : resolved.replace("&", "&amp;").replace("\"", "%22");
    }
}
