package org.gleaner.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small lenient JSON reader for JSON-LD blocks (Jackson is not allowed in this package). Objects
 * become {@code Map<String, Object>}, arrays {@code List<Object>}, strings {@code String}, numbers
 * {@code Double}, booleans {@code Boolean}; JSON null is {@link #NULL}. Raw control characters inside
 * strings and trailing commas, both common in hand-written JSON-LD, are tolerated.
 */
final class JsonLite {
    /** JSON null. */
    static final Object NULL = new Object();

    private static final int MAX_DEPTH = 64;

    private final String s;
    private int pos;

    private JsonLite(String s) {
        this.s = s;
    }

    /** The parsed value, or empty when the text is not JSON. */
    static Optional<Object> parse(String text) {
        JsonLite p = new JsonLite(text);
        try {
            p.ws();
            Object v = p.value(0);
            return Optional.of(v);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF') {
                pos++;
            } else if (c == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*') {
                int end = s.indexOf("*/", pos + 2);
                pos = end < 0 ? s.length() : end + 2;
            } else {
                break;
            }
        }
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("too deep");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> word("true", true);
            case 'f' -> word("false", false);
            case 'n' -> word("null", NULL);
            default -> number();
        };
    }

    private Object word(String word, Object value) {
        if (!s.startsWith(word, pos)) {
            throw new IllegalArgumentException("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        ws();
        while (s.charAt(pos) != '}') {
            if (s.charAt(pos) != '"') {
                throw new IllegalArgumentException("expected key");
            }
            String key = string();
            ws();
            if (s.charAt(pos) != ':') {
                throw new IllegalArgumentException("expected :");
            }
            pos++;
            ws();
            map.put(key, value(depth + 1));
            ws();
            if (s.charAt(pos) == ',') {
                pos++;
                ws();
            } else if (s.charAt(pos) != '}') {
                throw new IllegalArgumentException("expected , or }");
            }
        }
        pos++;
        return map;
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++;
        ws();
        while (s.charAt(pos) != ']') {
            list.add(value(depth + 1));
            ws();
            if (s.charAt(pos) == ',') {
                pos++;
                ws();
            } else if (s.charAt(pos) != ']') {
                throw new IllegalArgumentException("expected , or ]");
            }
        }
        pos++;
        return list;
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }

    private Double number() {
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw new IllegalArgumentException("unexpected character");
        }
        return Double.valueOf(s.substring(start, pos));
    }
}
