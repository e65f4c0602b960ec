package org.gleaner.extract;

import org.jsoup.Jsoup;

/** Entry HTML as plain text with paragraph breaks (blank lines between blocks, list items, quotes). */
public final class HtmlText {
    private HtmlText() {}

    /** The text of an HTML fragment; scripts and styles are dropped, entities decoded. */
    public static String toText(String html) {
        return TextRenderer.render(Jsoup.parseBodyFragment(html).body(), e -> false);
    }
}
