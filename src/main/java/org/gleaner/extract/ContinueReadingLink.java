package org.gleaner.extract;

import static org.gleaner.extract.ExtractionRules.*;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jspecify.annotations.Nullable;

/**
 * Finds the link from a feed entry to the story it excerpts: "[Continue reading…]", "Read the full
 * story at X", "Source: X", "(via X)" in the languages of {@link ExtractionRules#CONTINUE_ANCHORS}.
 * Share, comment and tag links and the "The post … appeared first on …" footer (the blog itself) are
 * never the source.
 */
public final class ContinueReadingLink {
    private ContinueReadingLink() {}

    /** Brackets, ellipses, arrows and trailing punctuation around a "continue" phrase. */
    private static final Pattern DECORATION =
            Pattern.compile("[\\[\\](){}«»‹›<>→⟶➔➜»›…|*]+|\\.{2,}|[:!.\\s]+$|^[:!.\\s]+");

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private static final int PRIORITY_CONTINUE = 0;
    private static final int PRIORITY_LEAD_IN = 1;
    private static final int PRIORITY_SOURCE = 2;
    private static final int PRIORITY_VIA = 3;
    private static final int PRIORITY_NONE = 99;

    /** The link the entry's phrases point at, absolute (http/https only); the last of equally strong ones. */
    public static Optional<URI> find(String entryHtml, URI baseUri) {
        Element body = Jsoup.parseBodyFragment(entryHtml, baseUri.toString()).body();
        URI best = null;
        int bestPriority = PRIORITY_NONE;
        for (Element a : body.select("a[href]")) {
            int priority = priority(a);
            if (priority == PRIORITY_NONE || priority > bestPriority) {
                continue;
            }
            URI target = target(a);
            if (target != null) {
                best = target;
                bestPriority = priority;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the entry is only an excerpt: short, ending in an ellipsis or "[…]", or carrying a continue link. */
    public static boolean looksLikeExcerpt(String entryHtml) {
        String text = HtmlText.toText(entryHtml).strip();
        if (text.length() < EXCERPT_MAX_CHARS || EXCERPT_ENDING.matcher(text).find()) {
            return true;
        }
        Element body = Jsoup.parseBodyFragment(entryHtml).body();
        for (Element a : body.select("a[href]")) {
            if (priority(a) == PRIORITY_CONTINUE) {
                return true;
            }
        }
        return false;
    }

    private static int priority(Element a) {
        String rel = a.attr("rel").toLowerCase(Locale.ROOT);
        if (rel.contains("tag") || rel.contains("category") || rel.contains("author") || rel.contains("reply")) {
            return PRIORITY_NONE;
        }
        String href = a.attr("href").strip();
        if (NOT_A_SOURCE_HREF.matcher(href).find()) {
            return PRIORITY_NONE;
        }
        String anchor = normalize(a.text());
        if (NOT_A_SOURCE_TEXT.matcher(anchor).find()) {
            return PRIORITY_NONE;
        }
        Element block = a;
        for (Element up = a.parent(); up != null && !isBlock(block); up = up.parent()) {
            block = up;
        }
        if (APPEARED_FIRST.matcher(block.text()).find()) {
            return PRIORITY_NONE;
        }
        for (String phrase : CONTINUE_ANCHORS) {
            if (anchor.equals(phrase)
                    || (anchor.startsWith(phrase + " ")
                            && anchor.length() <= phrase.length() + CONTINUE_ANCHOR_EXTRA_CHARS
                            && !phrase.equals("more"))) {
                return PRIORITY_CONTINUE;
            }
        }
        String before = normalize(textBefore(a));
        if (endsWithAny(before, SOURCE_LEAD_INS)) {
            return PRIORITY_LEAD_IN;
        }
        if (endsWithAny(before, SOURCE_LABELS)) {
            return PRIORITY_SOURCE;
        }
        if (endsWithAny(before, VIA_LABELS)) {
            return PRIORITY_VIA;
        }
        return PRIORITY_NONE;
    }

    private static boolean endsWithAny(String text, List<String> phrases) {
        for (String p : phrases) {
            if (text.equals(p) || text.endsWith(" " + p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlock(Element e) {
        return TextRenderer.isBlockTag(e.normalName());
    }

    /** Up to {@link ExtractionRules#LEAD_IN_WINDOW_CHARS} characters of text right before the link. */
    private static String textBefore(Element a) {
        StringBuilder sb = new StringBuilder();
        Node n = a;
        while (n != null && sb.length() < LEAD_IN_WINDOW_CHARS) {
            Node prev = n.previousSibling();
            if (prev == null) {
                Node parent = n.parent();
                if (parent instanceof Element pe && !isBlock(pe)) {
                    n = parent;
                    continue;
                }
                break;
            }
            String t = prev instanceof TextNode tn ? tn.text() : prev instanceof Element pe ? pe.text() : "";
            sb.insert(0, t);
            n = prev;
        }
        String s = sb.toString();
        return s.length() > LEAD_IN_WINDOW_CHARS ? s.substring(s.length() - LEAD_IN_WINDOW_CHARS) : s;
    }

    private static String normalize(String s) {
        String t = s.replace('\u00A0', ' ').replace('’', '\'').toLowerCase(Locale.ROOT);
        t = DECORATION.matcher(t).replaceAll(" ");
        t = SPACES.matcher(t).replaceAll(" ").strip();
        while (!t.isEmpty() && ":!.,-–—(".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static @Nullable URI target(Element a) {
        String abs = a.absUrl("href");
        if (abs.isEmpty()) {
            return null;
        }
        try {
            URI u = new URI(abs);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
