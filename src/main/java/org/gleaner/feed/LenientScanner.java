package org.gleaner.feed;

import java.util.ArrayList;
import java.util.List;

/**
 * A forgiving XML tokenizer for documents the JDK parser rejects. It never fails: an end tag closes the
 * innermost open element of that name (and the unclosed ones inside it), an end tag matching nothing is
 * dropped, a stray {@code <} is text, and at the end of a truncated input the still-open elements stay
 * unclosed so the mapper can keep only complete entries. Input has passed {@link XmlRepair}, so the only
 * references left are the five XML ones and numeric ones.
 */
final class LenientScanner {
    /**
     * HTML void elements that publishers leave unclosed in unescaped HTML ({@code <br>}); closed at once so
     * they do not swallow the text after them. RSS's own {@code link} and {@code source} are not in the list.
     */
    private static final java.util.Set<String> HTML_VOID =
            java.util.Set.of("br", "hr", "img", "input", "meta", "wbr", "area", "col", "embed", "param");

    /** Feed elements that never nest, so an open one is implicitly closed by the next. */
    private static final java.util.Set<String> SIBLINGS_ONLY =
            java.util.Set.of("item", "entry", "atom:entry", "rss:item");

    private final String s;
    private final TreeBuilder out;
    private int pos;

    LenientScanner(String s, TreeBuilder out) {
        this.s = s;
        this.out = out;
    }

    void run() {
        int n = s.length();
        StringBuilder text = new StringBuilder();
        while (pos < n && !out.rootClosed()) {
            char c = s.charAt(pos);
            if (c != '<') {
                int next = s.indexOf('<', pos);
                if (next < 0) {
                    next = n;
                }
                text.append(s, pos, next);
                pos = next;
                continue;
            }
            if (s.startsWith("<![CDATA[", pos)) {
                flush(text);
                int end = s.indexOf("]]>", pos + 9);
                int stop = end < 0 ? n : end;
                char[] chars = s.substring(pos + 9, stop).toCharArray();
                out.text(chars, 0, chars.length);
                pos = end < 0 ? n : end + 3;
            } else if (s.startsWith("<!--", pos)) {
                int end = s.indexOf("-->", pos + 4);
                pos = end < 0 ? n : end + 3;
            } else if (s.startsWith("<!", pos) || s.startsWith("<?", pos)) {
                int end = s.indexOf('>', pos + 2);
                pos = end < 0 ? n : end + 1;
            } else if (s.startsWith("</", pos)) {
                int end = s.indexOf('>', pos + 2);
                if (end < 0) {
                    pos = n;
                    break;
                }
                flush(text);
                closeTo(s.substring(pos + 2, end).strip());
                pos = end + 1;
            } else if (pos + 1 < n && isNameStart(s.charAt(pos + 1))) {
                flush(text);
                if (!startTag()) {
                    pos = n;
                }
            } else {
                text.append('<');
                pos++;
            }
        }
        flush(text);
    }

    private void flush(StringBuilder text) {
        if (text.length() > 0) {
            String decoded = decode(text);
            out.text(decoded.toCharArray(), 0, decoded.length());
            text.setLength(0);
        }
    }

    private void closeTo(String qName) {
        List<String> names = out.openNames();
        int index = names.indexOf(qName);
        if (index < 0) {
            return;
        }
        for (int i = 0; i <= index; i++) {
            out.end();
        }
    }

    /** Reads a start tag at {@code pos}; false when the input ends inside it. */
    private boolean startTag() {
        int n = s.length();
        int i = pos + 1;
        int nameStart = i;
        while (i < n && isNameChar(s.charAt(i))) {
            i++;
        }
        String name = s.substring(nameStart, i);
        if (SIBLINGS_ONLY.contains(name) && out.openNames().contains(name)) {
            // a new item while one is open: the publisher forgot </item>
            closeTo(name);
        }
        List<String[]> attrs = new ArrayList<>();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return false;
            }
            char c = s.charAt(i);
            if (c == '>') {
                out.start(name, attrs);
                if (HTML_VOID.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    out.end();
                }
                pos = i + 1;
                return true;
            }
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '>') {
                out.start(name, attrs);
                out.end();
                pos = i + 2;
                return true;
            }
            if (!isNameChar(c)) {
                i++;
                continue;
            }
            int attrStart = i;
            while (i < n && isNameChar(s.charAt(i))) {
                i++;
            }
            String attrName = s.substring(attrStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < n && s.charAt(i) == '=') {
                i++;
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    return false;
                }
                char q = s.charAt(i);
                String value;
                if (q == '"' || q == '\'') {
                    int close = s.indexOf(q, i + 1);
                    if (close < 0) {
                        return false;
                    }
                    value = s.substring(i + 1, close);
                    i = close + 1;
                } else {
                    int vs = i;
                    while (i < n && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '>') {
                        i++;
                    }
                    value = s.substring(vs, i);
                }
                attrs.add(new String[] {attrName, decode(value)});
            } else {
                attrs.add(new String[] {attrName, attrName});
            }
        }
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':' || c == '-' || c == '.';
    }

    static String decode(CharSequence text) {
        String s = text.toString();
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int semi = c == '&' ? XmlRepair.semicolonWithin(s, i, 13) : -1;
            if (semi < 0 || semi - i > 12) {
                out.append(c);
                i++;
                continue;
            }
            String ref = s.substring(i + 1, semi);
            String replacement =
                    switch (ref) {
                        case "amp" -> "&";
                        case "lt" -> "<";
                        case "gt" -> ">";
                        case "quot" -> "\"";
                        case "apos" -> "'";
                        default -> numeric(ref);
                    };
            if (replacement == null) {
                out.append(c);
                i++;
            } else {
                out.append(replacement);
                i = semi + 1;
            }
        }
        return out.toString();
    }

    private static @org.jspecify.annotations.Nullable String numeric(String ref) {
        try {
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(ref.substring(2), 16)));
            }
            if (ref.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(ref.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
