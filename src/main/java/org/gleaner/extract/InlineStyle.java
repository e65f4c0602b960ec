package org.gleaner.extract;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of a {@code style} attribute that is safe to show: declarations of allow-listed properties whose
 * values are plain keywords, lengths and colours. Publishers colour, align and size text this way, and e-mail
 * clients and other feed readers (which get Gleaner's HTML through alerts and watch feeds) show nothing else.
 *
 * <p>No value may load anything or leave the article's box: no {@code url(...)}, no function but the colour
 * ones, no escapes or comments, and no property that positions, layers or animates ({@code position},
 * {@code z-index}, {@code transform}...). The lists follow the Universal Feed Parser's sanitizer, minus its
 * aural properties.
 */
final class InlineStyle {
    private InlineStyle() {}

    /** Longer attributes are not hand-written styling; they are dropped rather than scanned. */
    private static final int MAX_CHARS = 2048;

    /** Properties whose value may be any run of plain tokens ({@link #PLAIN_VALUE}). */
    private static final Set<String> PROPERTIES = Set.of(
            "background-color",
            "border-collapse",
            "border-color",
            "clear",
            "color",
            "direction",
            "display",
            "float",
            "font",
            "font-family",
            "font-size",
            "font-style",
            "font-variant",
            "font-weight",
            "height",
            "letter-spacing",
            "line-height",
            "overflow",
            "text-align",
            "text-decoration",
            "text-indent",
            "unicode-bidi",
            "vertical-align",
            "white-space",
            "width");

    /** Property families allowed when every token of the value is a {@link #KEYWORDS keyword} or a {@link #MEASURE}. */
    private static final Set<String> FAMILIES = Set.of("background", "border", "margin", "padding");

    private static final Set<String> KEYWORDS = Set.of(
            "auto",
            "aqua",
            "black",
            "block",
            "blue",
            "bold",
            "both",
            "bottom",
            "brown",
            "center",
            "collapse",
            "dashed",
            "dotted",
            "fuchsia",
            "gray",
            "green",
            "!important",
            "italic",
            "left",
            "lime",
            "maroon",
            "medium",
            "none",
            "navy",
            "normal",
            "nowrap",
            "olive",
            "pointer",
            "purple",
            "red",
            "right",
            "solid",
            "silver",
            "teal",
            "top",
            "transparent",
            "underline",
            "white",
            "yellow");

    private static final Pattern PROPERTY = Pattern.compile("[a-z]+(-[a-z]+)*");

    /** A colour function; the only parentheses a value may hold. */
    private static final Pattern COLOUR_FUNCTION = Pattern.compile("(?i)(rgba?|hsla?)\\([\\d\\s.,%]*\\)");

    /** Words, numbers, quoted font names, hex colours, commas, {@code !important}: nothing that can load or escape. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[\\w\\s#%.,!'\"-]*");

    private static final Pattern MEASURE =
            Pattern.compile("#[0-9a-fA-F]{3,8}|-?\\d*\\.?\\d+(px|em|rem|ex|pt|pc|cm|mm|in|%)?");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The safe declarations of {@code style}, each as {@code "name: value;"}, joined by spaces; "" when none is. */
    static String clean(String style) {
        if (style.length() > MAX_CHARS) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip();
            if (!value.isEmpty() && PROPERTY.matcher(property).matches() && allowed(property, value)) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(property).append(": ").append(value).append(';');
            }
        }
        return out.toString();
    }

    private static boolean allowed(String property, String value) {
        // a colour function counts as one hex colour, whatever spaces it holds
        String tokens = COLOUR_FUNCTION.matcher(value).replaceAll("#000");
        if (!PLAIN_VALUE.matcher(tokens).matches()) {
            return false;
        }
        if (PROPERTIES.contains(property)) {
            return true;
        }
        int dash = property.indexOf('-');
        if (!FAMILIES.contains(dash < 0 ? property : property.substring(0, dash))) {
            return false;
        }
        for (String token : WHITESPACE.split(tokens)) {
            if (!KEYWORDS.contains(token.toLowerCase(Locale.ROOT))
                    && !MEASURE.matcher(token).matches()) {
                return false;
            }
        }
        return true;
    }
}
