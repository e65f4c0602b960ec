package org.gleaner.extract;

import java.util.Set;
import java.util.function.Predicate;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Turns an element tree into plain text: every block (paragraph, heading, list item, quote, table row)
 * becomes its own paragraph, paragraphs are separated by a blank line, a single {@code <br>} is a line
 * break, whitespace is collapsed except inside {@code <pre>}.
 */
final class TextRenderer {
    /** Elements that start and end a paragraph. */
    private static final Set<String> BLOCKS = Set.of(
            "address",
            "article",
            "aside",
            "blockquote",
            "body",
            "center",
            "dd",
            "details",
            "dialog",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hgroup",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "summary",
            "table",
            "tbody",
            "thead",
            "tfoot",
            "tr",
            "ul",
            "caption",
            "html");

    /** Table cells: separated inside their row. */
    private static final Set<String> CELLS = Set.of("td", "th");

    /** Never text. */
    private static final Set<String> SKIPPED =
            Set.of("script", "style", "noscript", "template", "head", "svg", "canvas", "select", "textarea", "button");

    private final StringBuilder out = new StringBuilder();
    private final StringBuilder para = new StringBuilder();
    private int preDepth;
    private boolean cellOpen;

    private TextRenderer() {}

    /** The text of {@code root}, leaving out every element {@code skip} accepts. */
    static String render(Element root, Predicate<Element> skip) {
        TextRenderer r = new TextRenderer();
        r.append(root, skip);
        return r.finish();
    }

    /** The text of several roots in order, as one document. */
    static String render(Iterable<Element> roots, Predicate<Element> skip) {
        TextRenderer r = new TextRenderer();
        for (Element root : roots) {
            r.append(root, skip);
            r.breakParagraph();
        }
        return r.finish();
    }

    private void append(Element root, Predicate<Element> skip) {
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof TextNode t) {
                            text(t.getWholeText());
                            return FilterResult.CONTINUE;
                        }
                        if (!(node instanceof Element e)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        String tag = e.normalName();
                        if (SKIPPED.contains(tag) || skip.test(e)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (tag.equals("br")) {
                            lineBreak();
                        } else if (BLOCKS.contains(tag)) {
                            breakParagraph();
                            if (tag.equals("pre")) {
                                preDepth++;
                            }
                        } else if (CELLS.contains(tag)) {
                            if (cellOpen && para.length() > 0) {
                                trimTrailingSpace();
                                para.append(" | ");
                            }
                            cellOpen = true;
                        } else if (tag.equals("img") && para.length() > 0) {
                            space();
                        }
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (node instanceof Element e) {
                            String tag = e.normalName();
                            if (BLOCKS.contains(tag)) {
                                breakParagraph();
                                if (tag.equals("pre")) {
                                    preDepth--;
                                }
                            }
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
    }

    private void text(String s) {
        if (preDepth > 0) {
            para.append(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                space();
            } else {
                para.append(c);
            }
        }
    }

    private void space() {
        int n = para.length();
        if (n > 0 && !isSpace(para.charAt(n - 1)) && para.charAt(n - 1) != '\n') {
            para.append(' ');
        }
    }

    private void lineBreak() {
        trimTrailingSpace();
        int n = para.length();
        if (n > 0 && para.charAt(n - 1) == '\n') {
            // two breaks in a row end the paragraph
            para.setLength(n - 1);
            breakParagraph();
        } else if (n > 0) {
            para.append('\n');
        }
    }

    private void trimTrailingSpace() {
        int n = para.length();
        while (n > 0 && para.charAt(n - 1) == ' ') {
            n--;
        }
        para.setLength(n);
    }

    private void breakParagraph() {
        cellOpen = false;
        String p = para.toString().strip();
        para.setLength(0);
        if (p.isEmpty()) {
            return;
        }
        if (out.length() > 0) {
            out.append("\n\n");
        }
        out.append(p);
    }

    private String finish() {
        breakParagraph();
        return out.toString();
    }

    static boolean isBlockTag(String tag) {
        return BLOCKS.contains(tag);
    }

    static boolean isSpace(char c) {
        return c == ' '
                || c == '\n'
                || c == '\t'
                || c == '\r'
                || c == '\f'
                || c == '\u00A0'
                || c == '\u2009'
                || c == '\u200B'
                || c == '\u202F'
                || c == '\u3000';
    }
}
