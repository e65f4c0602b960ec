package org.gleaner.feed;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A parsed XML element with namespaces resolved and xml:base / xml:lang in effect. Mutable while built. */
final class XElement {
    /** The void elements of HTML, written as {@code <br />} when markup is serialized. */
    private static final Set<String> VOID = Set.of(
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
            "wbr");

    record Attr(String ns, String local, String qName, String value) {}

    final String ns;
    final String local;
    final String qName;
    final List<Attr> attrs;
    final @Nullable URI base;
    final @Nullable String lang;
    final List<Object> children = new ArrayList<>();
    /** False when the document ended before this element's end tag (a truncated document). */
    boolean closed;

    XElement(String ns, String local, String qName, List<Attr> attrs, @Nullable URI base, @Nullable String lang) {
        this.ns = ns;
        this.local = local;
        this.qName = qName;
        this.attrs = attrs;
        this.base = base;
        this.lang = lang;
    }

    boolean is(String namespace, String name) {
        return ns.equals(namespace) && local.equals(name);
    }

    List<XElement> elements() {
        List<XElement> out = new ArrayList<>();
        for (Object child : children) {
            if (child instanceof XElement e) {
                out.add(e);
            }
        }
        return out;
    }

    List<XElement> all(String namespace, String name) {
        List<XElement> out = new ArrayList<>();
        for (Object child : children) {
            if (child instanceof XElement e && e.is(namespace, name)) {
                out.add(e);
            }
        }
        return out;
    }

    @Nullable
    XElement first(String namespace, String name) {
        for (Object child : children) {
            if (child instanceof XElement e && e.is(namespace, name)) {
                return e;
            }
        }
        return null;
    }

    @Nullable
    String attr(String name) {
        return attr("", name);
    }

    @Nullable
    String attr(String namespace, String name) {
        for (Attr a : attrs) {
            if (a.ns().equals(namespace) && a.local().equals(name)) {
                return a.value();
            }
        }
        return null;
    }

    /** An attribute by local name ignoring case and namespace (OPML writers spell xmlUrl many ways). */
    @Nullable
    String attrIgnoreCase(String name) {
        for (Attr a : attrs) {
            if (a.local().equalsIgnoreCase(name)) {
                return a.value();
            }
        }
        return null;
    }

    boolean hasElementChildren() {
        for (Object child : children) {
            if (child instanceof XElement) {
                return true;
            }
        }
        return false;
    }

    /** All descendant text, concatenated. */
    String text() {
        StringBuilder out = new StringBuilder();
        appendText(out);
        return out.toString();
    }

    private void appendText(StringBuilder out) {
        for (Object child : children) {
            if (child instanceof XElement e) {
                e.appendText(out);
            } else {
                out.append((CharSequence) child);
            }
        }
    }

    /**
     * The children serialized as markup; XHTML elements lose their prefix so the result is plain HTML, and
     * relative URLs in link attributes are resolved against each element's own xml:base.
     */
    String innerMarkup() {
        StringBuilder out = new StringBuilder();
        for (Object child : children) {
            if (child instanceof XElement e) {
                e.appendMarkup(out);
            } else {
                escape(out, (CharSequence) child, false);
            }
        }
        return out.toString();
    }

    private void appendMarkup(StringBuilder out) {
        String name = ns.equals(Namespaces.XHTML) || ns.isEmpty() ? local : qName;
        out.append('<').append(name);
        for (Attr a : attrs) {
            out.append(' ').append(a.ns().isEmpty() ? a.local() : a.qName()).append("=\"");
            String value = a.value();
            if (a.ns().isEmpty() && HtmlLinks.URL_ATTRIBUTES.contains(a.local().toLowerCase(java.util.Locale.ROOT))) {
                String resolved = HtmlLinks.resolve(base, value);
                if (resolved != null) {
                    value = resolved.replace("&amp;", "&");
                }
            }
            escape(out, value, true);
            out.append('"');
        }
        if (children.isEmpty() && VOID.contains(name)) {
            out.append(" />");
            return;
        }
        out.append('>').append(innerMarkup()).append("</").append(name).append('>');
    }

    private static void escape(StringBuilder out, CharSequence text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }
}
