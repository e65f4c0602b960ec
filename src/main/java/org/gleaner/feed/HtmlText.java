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

    /** Numeric references to 0x80..0x9F: code points of no text, which HTML parsers read as Windows-1252. */
    private static final Pattern C1_REFERENCE = Pattern.compile("&#(?:(1[2-5][0-9])|[xX]0*([89][0-9a-fA-F]));");

    private static final Pattern REFERENCE =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});");

    private HtmlText() {}

    /** Comments, scripts, styles and tags removed, references decoded. */
    static String fromHtml(String html) {
        String text = COMMENT.matcher(html).replaceAll("");
        text = SCRIPT_OR_STYLE.matcher(text).replaceAll("");
        return decode(TAG.matcher(text).replaceAll(""));
    }

    /**
     * Entry HTML with numeric references to 146 (Windows-1252's right quote, written by tools that took code
     * page numbers for Unicode) and the rest of 0x80..0x9F spelled as the character they mean to HTML parsers
     * (hexadecimal 2019), so the markup says the same to an XML consumer. The five numbers Windows-1252 leaves
     * undefined stay.
     */
    static String windows1252References(String html) {
        if (html.indexOf("&#") < 0) {
            return html;
        }
        Matcher m = C1_REFERENCE.matcher(html);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            int cp = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
            if (cp < 0x80 || cp > 0x9F || ByteDecoder.cp1252(cp) == cp) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(html.length());
            }
            out.append(html, copied, m.start())
                    .append("&#x")
                    .append(Integer.toHexString(ByteDecoder.cp1252(cp)).toUpperCase(java.util.Locale.ROOT))
                    .append(';');
            copied = m.end();
        }
        return out == null ? html : out.append(html, copied, html.length()).toString();
    }

    /**
     * Character references and HTML/XML named entities decoded; unknown names stay as written. References to
     * 0x80..0x9F are read as Windows-1252, as HTML parsers read them.
     */
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
            if (cp >= 0x80 && cp <= 0x9F) {
                cp = ByteDecoder.cp1252(cp);
            }
            if (cp > 0 && cp <= Character.MAX_CODE_POINT && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                out.append(text, copied, m.start()).appendCodePoint(cp);
                copied = m.end();
            }
        }
        return out.append(text, copied, text.length()).toString();
    }
}
