package org.gleaner.feed;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes decoded feed text acceptable to an XML parser without ever letting the parser resolve anything.
 *
 * <ul>
 *   <li>Leading junk (blank lines, PHP warnings) before the first {@code <} and the XML declaration (the text
 *       is already decoded) are removed.
 *   <li>The DOCTYPE is removed. Its internal subset may declare plain text entities, which are substituted
 *       here under {@link ParseLimits}; an external or parameter entity, an entity whose value refers to
 *       other entities or contains markup, or any parameter reference is an attack: {@link Unsafe}.
 *   <li>HTML named entities become numeric references; unknown names and bare ampersands become
 *       "&amp;amp;"; numeric references to 0x80..0x9F are read as Windows-1252 (as browsers do) and
 *       references to characters XML forbids are dropped.
 *   <li>Characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) are dropped.
 * </ul>
 *
 * CDATA sections, comments and processing instructions are copied without entity handling.
 */
final class XmlRepair {
    /** A document that tries to declare dangerous entities. */
    static final class Unsafe extends Exception {
        private static final long serialVersionUID = 1L;

        Unsafe(String message) {
            super(message);
        }
    }

    private static final Pattern ENTITY_DECL = Pattern.compile(
            "<!ENTITY\\s+(%\\s+)?([^\\s\"'>]+)\\s+(?:(SYSTEM|PUBLIC)\\b|\"([^\"]*)\"|'([^']*)')",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern XML_DECL = Pattern.compile("^<\\?xml\\s[^>]*?\\?>|^<\\?xml\\?>");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_:][A-Za-z0-9._:-]{0,31}");

    private XmlRepair() {}

    /** The repaired text, or null when there is no markup at all. */
    static @org.jspecify.annotations.Nullable String repair(String text) throws Unsafe, TreeBuilder.LimitExceeded {
        int lt = text.indexOf('<');
        if (lt < 0) {
            return null;
        }
        int declaration = text.indexOf("<?xml");
        if (declaration > lt) {
            // junk (server warnings, blank lines) before the declaration
            lt = declaration;
        }
        String s = text.substring(lt);
        Matcher decl = XML_DECL.matcher(s);
        if (decl.find()) {
            s = s.substring(decl.end());
        }
        Map<String, String> declared = new HashMap<>();
        StringBuilder out = new StringBuilder(s.length() + 64);
        int i = 0;
        int n = s.length();
        boolean prolog = true;
        while (i < n) {
            if (out.length() > ParseLimits.MAX_CHARS) {
                throw new TreeBuilder.LimitExceeded("document larger than " + ParseLimits.MAX_CHARS + " characters");
            }
            char c = s.charAt(i);
            if (c == '<') {
                if (s.startsWith("<![CDATA[", i)) {
                    i = copyUntil(s, i, "]]>", out);
                    continue;
                }
                if (s.startsWith("<!--", i)) {
                    i = copyUntil(s, i, "-->", out);
                    continue;
                }
                if (s.startsWith("<?", i)) {
                    i = copyUntil(s, i, "?>", out);
                    continue;
                }
                if (s.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                    int end = doctypeEnd(s, i);
                    if (prolog) {
                        readDeclarations(s.substring(i, end), declared);
                    } else if (s.substring(i, end).toUpperCase(Locale.ROOT).contains("<!ENTITY")) {
                        throw new Unsafe("the document declares entities after its root element");
                    }
                    i = end;
                    continue;
                }
                if (i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
                    prolog = false;
                }
                out.append(c);
                i++;
            } else if (c == '&') {
                i = reference(s, i, declared, out);
            } else {
                int run = i;
                while (run < n && isPlain(s.charAt(run))) {
                    run++;
                }
                if (run > i) {
                    out.append(s, i, run);
                    i = run;
                } else {
                    appendIfLegal(s, i, out);
                    i += Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)) ? 2 : 1;
                }
            }
        }
        return out.toString();
    }

    /** A character copied as is: legal in XML and not the start of markup or a reference. */
    private static boolean isPlain(char c) {
        return c != '<' && c != '&' && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c < 0xD800;
    }

    private static int copyUntil(String s, int from, String terminator, StringBuilder out) {
        int end = s.indexOf(terminator, from);
        int stop = end < 0 ? s.length() : end + terminator.length();
        for (int k = from; k < stop; k++) {
            appendIfLegal(s, k, out);
        }
        return stop;
    }

    private static void appendIfLegal(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD)) {
            out.append(c);
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
        }
    }

    /** Index just past the DOCTYPE starting at {@code from}, skipping quoted strings and the internal subset. */
    private static int doctypeEnd(String s, int from) {
        int i = from + 9;
        int n = s.length();
        boolean inSubset = false;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int close = s.indexOf(c, i + 1);
                i = close < 0 ? n : close + 1;
                continue;
            }
            if (inSubset && s.startsWith("<!--", i)) {
                int close = s.indexOf("-->", i + 4);
                i = close < 0 ? n : close + 3;
                continue;
            }
            if (c == '[') {
                inSubset = true;
            } else if (c == ']') {
                inSubset = false;
            } else if (c == '>' && !inSubset) {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static void readDeclarations(String doctype, Map<String, String> declared) throws Unsafe {
        int open = doctype.indexOf('[');
        if (open < 0) {
            return;
        }
        String subset = doctype.substring(open + 1);
        String withoutLiterals = subset.replaceAll("\"[^\"]*\"|'[^']*'", "\"\"");
        if (withoutLiterals.indexOf('%') >= 0) {
            throw new Unsafe("the DOCTYPE uses parameter entities");
        }
        int declarations = countOccurrences(withoutLiterals.toUpperCase(Locale.ROOT), "<!ENTITY");
        Matcher m = ENTITY_DECL.matcher(subset);
        int matched = 0;
        while (m.find()) {
            matched++;
            if (m.group(1) != null) {
                throw new Unsafe("the DOCTYPE declares a parameter entity");
            }
            if (m.group(3) != null) {
                throw new Unsafe("the DOCTYPE declares an external entity '" + m.group(2) + "'");
            }
            String value = m.group(4) != null ? m.group(4) : m.group(5);
            if (value == null) {
                throw new Unsafe("the DOCTYPE declares an entity that cannot be read");
            }
            if (value.length() > ParseLimits.MAX_ENTITY_VALUE_CHARS) {
                throw new Unsafe("the DOCTYPE declares an entity longer than " + ParseLimits.MAX_ENTITY_VALUE_CHARS
                        + " characters (entity expansion)");
            }
            if (value.indexOf('<') >= 0
                    || value.replaceAll("&#[0-9]{1,7};|&#x[0-9a-fA-F]{1,6};", "")
                                    .indexOf('&')
                            >= 0
                    || value.indexOf('%') >= 0) {
                throw new Unsafe("the DOCTYPE declares entity '" + m.group(2) + "' that refers to other entities"
                        + " (entity expansion)");
            }
            declared.put(m.group(2), value);
            if (declared.size() > ParseLimits.MAX_DECLARED_ENTITIES) {
                throw new Unsafe("the DOCTYPE declares more than " + ParseLimits.MAX_DECLARED_ENTITIES + " entities");
            }
        }
        if (matched != declarations) {
            throw new Unsafe("the DOCTYPE declares an entity that cannot be read");
        }
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    /** Copies or fixes the reference starting at the ampersand at {@code i}; returns the next index. */
    private static int reference(String s, int i, Map<String, String> declared, StringBuilder out) {
        int semi = semicolonWithin(s, i + 1, 34);
        if (semi > i + 1 && semi - i <= 34) {
            String ref = s.substring(i + 1, semi);
            if (ref.charAt(0) == '#') {
                int cp = numericValue(ref);
                if (cp >= 0) {
                    if (cp >= 0x80 && cp < 0xA0) {
                        cp = ByteDecoder.cp1252(cp);
                    }
                    if (isXmlChar(cp)) {
                        out.append("&#").append(cp).append(';');
                    } else if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        // no such character: mark the spot, as HTML parsers do; control characters just go
                        out.append("&#xFFFD;");
                    }
                    return semi + 1;
                }
            } else if (NAME.matcher(ref).matches()) {
                switch (ref) {
                    case "amp", "lt", "gt", "quot", "apos" ->
                        out.append('&').append(ref).append(';');
                    default -> {
                        String value = declared.get(ref);
                        Integer cp = HtmlEntities.codePoint(ref);
                        if (value != null) {
                            out.append(value);
                        } else if (cp != null) {
                            out.append("&#").append(cp).append(';');
                        } else {
                            out.append("&amp;").append(ref).append(';');
                        }
                    }
                }
                return semi + 1;
            }
        }
        out.append("&amp;");
        return i + 1;
    }

    /** The index of ';' at most {@code limit} characters after {@code from}, else -1 (keeps scanning linear). */
    static int semicolonWithin(String s, int from, int limit) {
        int end = Math.min(s.length(), from + limit);
        for (int k = from; k < end; k++) {
            if (s.charAt(k) == ';') {
                return k;
            }
        }
        return -1;
    }

    private static int numericValue(String ref) {
        try {
            if (ref.length() > 2 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X')) {
                String hex = ref.substring(2);
                return hex.length() <= 6 && HEX.matcher(hex).matches() ? Integer.parseInt(hex, 16) : -1;
            }
            String dec = ref.substring(1);
            return dec.length() >= 1 && dec.length() <= 7 && DIGITS.matcher(dec).matches() ? Integer.parseInt(dec) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9
                || cp == 0xA
                || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
