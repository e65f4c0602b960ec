package org.gleaner.feed;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link XElement} trees from qualified-name events (from the JDK parser or the lenient scanner):
 * resolves namespaces itself so undeclared prefixes ({@code dc:creator} without {@code xmlns:dc}) get their
 * conventional binding instead of failing, tracks xml:base and xml:lang, and enforces the budgets.
 */
final class TreeBuilder {
    /** Thrown to stop parsing at once when a budget of {@link ParseLimits} is exceeded. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    private final @Nullable URI documentBase;
    private final Deque<XElement> open = new ArrayDeque<>();
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private @Nullable XElement root;
    private int elementCount;

    TreeBuilder(@Nullable URI documentBase) {
        this.documentBase = documentBase;
    }

    @Nullable
    XElement root() {
        return root;
    }

    /** Open element qualified names, innermost first (the lenient scanner matches end tags against them). */
    List<String> openNames() {
        List<String> names = new ArrayList<>();
        for (XElement e : open) {
            names.add(e.qName);
        }
        return names;
    }

    boolean rootClosed() {
        return root != null && open.isEmpty();
    }

    void start(String qName, List<String[]> rawAttrs) {
        if (rootClosed()) {
            return;
        }
        if (++elementCount > ParseLimits.MAX_ELEMENTS) {
            throw new LimitExceeded("more than " + ParseLimits.MAX_ELEMENTS + " elements");
        }
        if (open.size() >= ParseLimits.MAX_DEPTH) {
            throw new LimitExceeded("elements nested deeper than " + ParseLimits.MAX_DEPTH + " levels");
        }
        if (rawAttrs.size() > ParseLimits.MAX_ATTRIBUTES) {
            throw new LimitExceeded("an element with more than " + ParseLimits.MAX_ATTRIBUTES + " attributes");
        }
        Map<String, String> scope = new HashMap<>();
        for (String[] a : rawAttrs) {
            if (a[0].equals("xmlns")) {
                scope.put("", Namespaces.canonical(a[1]));
            } else if (a[0].startsWith("xmlns:")) {
                scope.put(a[0].substring(6), Namespaces.canonical(a[1]));
            }
        }
        scopes.push(scope);
        List<XElement.Attr> attrs = new ArrayList<>();
        String xmlBase = null;
        String xmlLang = null;
        for (String[] a : rawAttrs) {
            String name = a[0];
            if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                continue;
            }
            int colon = name.indexOf(':');
            String ns = colon > 0 ? resolvePrefix(name.substring(0, colon)) : "";
            String local = colon > 0 ? name.substring(colon + 1) : name;
            if (ns.equals(Namespaces.XML) && local.equals("base")) {
                xmlBase = a[1];
            } else if (ns.equals(Namespaces.XML) && local.equals("lang")) {
                xmlLang = a[1].strip();
            }
            attrs.add(new XElement.Attr(ns, local, name, a[1]));
        }
        XElement parent = open.peek();
        URI parentBase = parent == null ? documentBase : parent.base;
        URI base = parentBase;
        if (xmlBase != null) {
            URI resolved = Links.resolveUri(parentBase, xmlBase);
            if (resolved != null) {
                base = resolved;
            }
        }
        String lang = xmlLang != null ? xmlLang : parent == null ? null : parent.lang;
        int colon = qName.indexOf(':');
        String ns = colon > 0 ? resolvePrefix(qName.substring(0, colon)) : resolvePrefix("");
        String local = colon > 0 ? qName.substring(colon + 1) : qName;
        XElement element = new XElement(ns, local, qName, attrs, base, lang);
        if (parent == null) {
            root = element;
        } else {
            parent.children.add(element);
        }
        open.push(element);
    }

    void end() {
        if (open.isEmpty()) {
            return;
        }
        open.pop().closed = true;
        scopes.pop();
    }

    void text(char[] chars, int start, int length) {
        XElement current = open.peek();
        if (current == null || length == 0) {
            return;
        }
        List<Object> children = current.children;
        if (!children.isEmpty() && children.get(children.size() - 1) instanceof StringBuilder sb) {
            sb.append(chars, start, length);
        } else {
            children.add(new StringBuilder().append(chars, start, length));
        }
    }

    private String resolvePrefix(String prefix) {
        if (prefix.equals("xml")) {
            return Namespaces.XML;
        }
        for (Map<String, String> scope : scopes) {
            String uri = scope.get(prefix);
            if (uri != null) {
                return uri;
            }
        }
        return prefix.isEmpty() ? "" : Namespaces.forUndeclaredPrefix(prefix);
    }
}
