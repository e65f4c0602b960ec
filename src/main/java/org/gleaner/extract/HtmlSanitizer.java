package org.gleaner.extract;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Makes feed and page HTML safe to display (DESIGN invariant 6) with an allow-list: structural and inline
 * tags only; no scripts, style sheets, frames, forms or event handlers; a {@code style} attribute keeps only
 * its plain declarations ({@link InlineStyle}); URLs only
 * http, https (and mailto for links), made absolute against the page, a responsive image's
 * {@code srcset} candidate by candidate; every link gets {@code rel="noopener noreferrer"}. A tag not on
 * the list is dropped and its text kept, except the tags whose content is code or UI, which go whole. An
 * {@code <object>} or {@code <applet>} goes, but its fallback content (what a browser shows when it
 * cannot run the plugin) stays, sanitized like the rest.
 *
 * <p>The output is written straight from the parsed tree (every text and attribute value escaped)
 * instead of copying it into a cleaned tree first: extraction sanitizes every article, so this is on
 * the hot path.
 */
public final class HtmlSanitizer {
    private HtmlSanitizer() {}

    /** Allowed tags and their allowed attributes (besides {@link #GLOBAL_ATTRIBUTES}). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("a", Set.of("href", "title")),
            Map.entry("abbr", Set.of("title")),
            Map.entry("article", Set.of()),
            Map.entry("b", Set.of()),
            Map.entry("blockquote", Set.of("cite")),
            Map.entry("br", Set.of()),
            Map.entry("caption", Set.of()),
            Map.entry("cite", Set.of()),
            Map.entry("code", Set.of()),
            Map.entry("col", Set.of("span")),
            Map.entry("colgroup", Set.of("span")),
            Map.entry("dd", Set.of()),
            Map.entry("del", Set.of("cite", "datetime")),
            Map.entry("details", Set.of()),
            Map.entry("dfn", Set.of()),
            Map.entry("div", Set.of()),
            Map.entry("dl", Set.of()),
            Map.entry("dt", Set.of()),
            Map.entry("em", Set.of()),
            Map.entry("figcaption", Set.of()),
            Map.entry("figure", Set.of()),
            Map.entry("h1", Set.of()),
            Map.entry("h2", Set.of()),
            Map.entry("h3", Set.of()),
            Map.entry("h4", Set.of()),
            Map.entry("h5", Set.of()),
            Map.entry("h6", Set.of()),
            Map.entry("hr", Set.of()),
            Map.entry("i", Set.of()),
            Map.entry("img", Set.of("src", "srcset", "alt", "title", "width", "height")),
            Map.entry("ins", Set.of("cite", "datetime")),
            Map.entry("kbd", Set.of()),
            Map.entry("li", Set.of("value")),
            Map.entry("mark", Set.of()),
            Map.entry("ol", Set.of("start", "type", "reversed")),
            Map.entry("p", Set.of()),
            Map.entry("pre", Set.of()),
            Map.entry("q", Set.of("cite")),
            Map.entry("s", Set.of()),
            Map.entry("samp", Set.of()),
            Map.entry("section", Set.of()),
            Map.entry("small", Set.of()),
            Map.entry("span", Set.of()),
            Map.entry("strike", Set.of()),
            Map.entry("strong", Set.of()),
            Map.entry("sub", Set.of()),
            Map.entry("summary", Set.of()),
            Map.entry("sup", Set.of()),
            Map.entry("table", Set.of()),
            Map.entry("tbody", Set.of()),
            Map.entry("td", Set.of("colspan", "rowspan", "abbr")),
            Map.entry("tfoot", Set.of()),
            Map.entry("th", Set.of("colspan", "rowspan", "scope", "abbr")),
            Map.entry("thead", Set.of()),
            Map.entry("time", Set.of("datetime")),
            Map.entry("tr", Set.of()),
            Map.entry("u", Set.of()),
            Map.entry("ul", Set.of()));

    /** Attributes allowed on every allowed tag. */
    private static final Set<String> GLOBAL_ATTRIBUTES = Set.of("lang", "dir", "style");

    /** Attributes holding URLs, checked against {@link #SCHEMES}. */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "cite");

    /** URL schemes allowed in links; images and citations get http and https only. */
    private static final Set<String> SCHEMES = Set.of("http", "https", "mailto");

    /** Tags dropped with everything inside them: code, styling, embedded documents and UI. */
    private static final Set<String> DROPPED_WITH_CONTENT = Set.of(
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "math",
            "iframe",
            "frame",
            "frameset",
            "embed",
            "param",
            "head",
            "title",
            "meta",
            "link",
            "base",
            "form",
            "input",
            "button",
            "select",
            "textarea",
            "option",
            "canvas",
            "audio",
            "video",
            "source",
            "track",
            "dialog");

    /**
     * Between srcset candidates: a comma before whitespace (a comma inside a URL, as in some CDN paths, has
     * none after it and stays part of the URL).
     */
    private static final Pattern SRCSET_SEPARATOR = Pattern.compile(",\\s+|,$|^\\s*,");

    /** A candidate's width ("640w") or density ("2x") descriptor; anything else drops the candidate. */
    private static final Pattern SRCSET_DESCRIPTOR = Pattern.compile("(\\d+(\\.\\d+)?[wx])?");

    /** Tags written without an end tag. */
    private static final Set<String> VOID = Set.of("br", "hr", "img", "col");

    /** Sanitized HTML; relative URLs resolved against {@code baseUri}, unresolvable ones dropped. */
    public static String sanitize(String html, URI baseUri) {
        Element body = Jsoup.parseBodyFragment(html, baseUri.toString()).body();
        StringBuilder out = new StringBuilder(html.length());
        for (Node child : body.childNodes()) {
            write(child, out);
        }
        return out.toString();
    }

    /** Sanitizes parsed elements in place of serializing and re-parsing them; {@code body} contributes its children. */
    static String sanitize(List<Element> roots) {
        StringBuilder out = new StringBuilder();
        for (Element root : roots) {
            if (root.normalName().equals("body")) {
                for (Node child : root.childNodes()) {
                    write(child, out);
                }
            } else {
                write(root, out);
            }
        }
        return out.toString();
    }

    private static void write(Node root, StringBuilder out) {
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof TextNode t) {
                            escape(t.getWholeText(), out);
                            return FilterResult.CONTINUE;
                        }
                        if (!(node instanceof Element e)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        String tag = e.normalName();
                        Set<String> attributes = ALLOWED.get(tag);
                        if (attributes == null) {
                            return DROPPED_WITH_CONTENT.contains(tag)
                                    ? FilterResult.SKIP_ENTIRELY
                                    : FilterResult.CONTINUE;
                        }
                        out.append('<').append(tag);
                        writeAttributes(e, tag, attributes, out);
                        out.append('>');
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (ALLOWED.containsKey(tag) && !VOID.contains(tag)) {
                                out.append("</").append(tag).append('>');
                            }
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
    }

    private static void writeAttributes(Element e, String tag, Set<String> allowed, StringBuilder out) {
        for (Attribute a : e.attributes()) {
            String name = a.getKey().toLowerCase(Locale.ROOT);
            if (!allowed.contains(name) && !GLOBAL_ATTRIBUTES.contains(name)) {
                continue;
            }
            String value = a.getValue();
            if (name.equals("style")) {
                value = InlineStyle.clean(value);
                if (value.isEmpty()) {
                    continue;
                }
            } else if (name.equals("srcset")) {
                value = safeSrcset(e, value);
                if (value == null) {
                    continue;
                }
            } else if (URL_ATTRIBUTES.contains(name)) {
                value = safeUrl(e, a.getKey(), tag.equals("a"));
                if (value == null) {
                    continue;
                }
            }
            out.append(' ').append(name).append("=\"");
            escape(value, out);
            out.append('"');
        }
        if (tag.equals("a")) {
            out.append(" rel=\"noopener noreferrer\"");
        }
    }

    /**
     * A responsive image's candidates ({@code url [descriptor]}, comma separated), each URL made absolute and
     * kept only when it is http or https like {@code src}; null when none is left.
     */
    private static @org.jspecify.annotations.Nullable String safeSrcset(Element e, String srcset) {
        StringBuilder out = new StringBuilder(srcset.length() + 64);
        for (String candidate : SRCSET_SEPARATOR.split(srcset)) {
            String c = candidate.strip();
            if (c.isEmpty()) {
                continue;
            }
            int space = indexOfWhitespace(c);
            String url = space < 0 ? c : c.substring(0, space);
            String descriptor = space < 0 ? "" : c.substring(space).strip();
            if (!SRCSET_DESCRIPTOR.matcher(descriptor).matches()) {
                continue;
            }
            String abs = org.jsoup.internal.StringUtil.resolve(e.baseUri(), url);
            int colon = abs.indexOf(':');
            String scheme = colon <= 0 ? "" : abs.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                continue;
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(abs);
            if (!descriptor.isEmpty()) {
                out.append(' ').append(descriptor);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The absolute URL when its scheme is allowed, else null. */
    private static @org.jspecify.annotations.Nullable String safeUrl(Element e, String key, boolean link) {
        String raw = e.attr(key);
        if (isPlainAbsoluteHttp(raw)) {
            // already absolute: resolving it again would return it unchanged
            return raw;
        }
        String abs = e.absUrl(key);
        int colon = abs.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = abs.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || (!link && scheme.equals("mailto"))) {
            return null;
        }
        return abs;
    }

    private static boolean isPlainAbsoluteHttp(String url) {
        boolean http = url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7);
        if (!http) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '\\' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\u00A0' -> out.append("&nbsp;");
                default -> out.append(c);
            }
        }
    }
}
