package org.gleaner.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes feed and page HTML safe to display (DESIGN invariant 6): a tight allow-list of structural and
 * inline tags; no scripts, styles, frames, forms, event handlers or {@code style} attributes; URLs only
 * http, https (and mailto for links), made absolute against the page; every link gets
 * {@code rel="noopener noreferrer"}. Anything not on the list is dropped, its text kept.
 */
public final class HtmlSanitizer {
    private HtmlSanitizer() {}

    private static final Safelist SAFELIST = new Safelist()
            .addTags(
                    "a",
                    "abbr",
                    "b",
                    "blockquote",
                    "br",
                    "caption",
                    "cite",
                    "code",
                    "col",
                    "colgroup",
                    "dd",
                    "del",
                    "details",
                    "dfn",
                    "div",
                    "dl",
                    "dt",
                    "em",
                    "figcaption",
                    "figure",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "hr",
                    "i",
                    "img",
                    "ins",
                    "kbd",
                    "li",
                    "mark",
                    "ol",
                    "p",
                    "picture",
                    "pre",
                    "q",
                    "s",
                    "samp",
                    "section",
                    "small",
                    "span",
                    "strike",
                    "strong",
                    "sub",
                    "summary",
                    "sup",
                    "table",
                    "tbody",
                    "td",
                    "tfoot",
                    "th",
                    "thead",
                    "time",
                    "tr",
                    "u",
                    "ul",
                    "article")
            .addAttributes("a", "href", "title")
            .addAttributes("abbr", "title")
            .addAttributes("blockquote", "cite")
            .addAttributes("q", "cite")
            .addAttributes("del", "cite", "datetime")
            .addAttributes("ins", "cite", "datetime")
            .addAttributes("img", "src", "alt", "title", "width", "height")
            .addAttributes("ol", "start", "type", "reversed")
            .addAttributes("li", "value")
            .addAttributes("td", "colspan", "rowspan", "abbr")
            .addAttributes("th", "colspan", "rowspan", "scope", "abbr")
            .addAttributes("col", "span")
            .addAttributes("colgroup", "span")
            .addAttributes("time", "datetime")
            .addAttributes(":all", "lang", "dir")
            .addProtocols("a", "href", "http", "https", "mailto")
            .addProtocols("img", "src", "http", "https")
            .addProtocols("blockquote", "cite", "http", "https")
            .addProtocols("q", "cite", "http", "https")
            .addProtocols("del", "cite", "http", "https")
            .addProtocols("ins", "cite", "http", "https")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer")
            .preserveRelativeLinks(false);

    /**
     * Sanitizes parsed elements without serializing and re-parsing them; the elements are moved out of
     * their document.
     */
    static String sanitize(List<Element> roots, URI baseUri) {
        Document shell = Document.createShell(baseUri.toString());
        for (Element root : roots) {
            if (root.normalName().equals("body")) {
                for (Node child : new ArrayList<>(root.childNodes())) {
                    shell.body().appendChild(child);
                }
            } else {
                shell.body().appendChild(root);
            }
        }
        Document clean = new Cleaner(SAFELIST).clean(shell);
        clean.outputSettings().prettyPrint(false);
        return clean.body().html();
    }

    /** Sanitized HTML; relative URLs resolved against {@code baseUri}, unresolvable ones dropped. */
    public static String sanitize(String html, URI baseUri) {
        Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, baseUri.toString(), SAFELIST, out);
    }
}
