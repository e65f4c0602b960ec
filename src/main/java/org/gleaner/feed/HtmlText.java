package org.gleaner.feed;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from the HTML that feeds put in titles. Titles leave this package as text in every format, so
 * an Atom {@code type="html"} title and an RSS title with a double-escaped ampersand read the same.
 */
final class HtmlText {
    private static final Pattern TAG = Pattern.compile("<[A-Za-z/!][^<>]*>");

    /** Comments go first: the tags inside one ("<!-- <script> -->") are no text either. */
    private static final Pattern COMMENT = Pattern.compile("<!--.*?(?:-->|$)", Pattern.DOTALL);

    /** Script and style bodies are code, never title text; end tags may carry whitespace ("</script >"). */
    private static final Pattern SCRIPT_OR_STYLE = Pattern.compile(
            "<(script|style)(?:\\s[^>]*)?>.*?(?:</\\1\\s*>|$)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final Pattern REFERENCE =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

    private HtmlText() {}

    /** Comments, scripts, styles and tags removed, references decoded. */
    static String fromHtml(String html) {
        String text = COMMENT.matcher(html).replaceAll("");
        text = SCRIPT_OR_STYLE.matcher(text).replaceAll("");
        return decode(TAG.matcher(text).replaceAll(""));
    }

    /** Character references and HTML/XML named entities decoded; unknown names stay as written. */
    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        while (m.find()) {
            String ref = m.group(1);
            int cp = -1;
            if (ref.charAt(0) == '#') {
                try {
                    cp = ref.charAt(1) == 'x' || ref.charAt(1) == 'X'
                            ? Integer.parseInt(ref.substring(2), 16)
                            : Integer.parseInt(ref.substring(1));
                } catch (NumberFormatException e) {
                    cp = -1;
                }
            } else {
                Integer named =
                        switch (ref) {
                            case "amp" -> (int) '&';
                            case "lt" -> (int) '<';
                            case "gt" -> (int) '>';
                            case "quot" -> (int) '"';
                            case "apos" -> (int) '\'';
                            default -> HtmlEntities.codePoint(ref);
                        };
                cp = named == null ? -1 : named;
            }
            if (cp > 0 && cp <= Character.MAX_CODE_POINT && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                out.append(text, copied, m.start()).appendCodePoint(cp);
                copied = m.end();
            }
        }
        return out.append(text, copied, text.length()).toString();
    }
}
