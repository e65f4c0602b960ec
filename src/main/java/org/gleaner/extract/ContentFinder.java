package org.gleaner.extract;

import static org.gleaner.extract.ExtractionRules.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Finds the main content of a page body, Readability style, without mutating the tree until the end:
 * elements are classified once (class/id hints matched one time each), then every attempt computes
 * per-element statistics in one post-order pass, scores paragraphs into their ancestors, picks the best
 * container with its related siblings, and cleans it conditionally. Attempts relax the removals until
 * enough text survives.
 */
// jsoup nodes are compared by identity on purpose: equal markup in two places is two nodes
@SuppressWarnings("ReferenceEquality")
final class ContentFinder {

    /** Per-element facts computed once. */
    private static final class Info {
        int weight;
        boolean alwaysDrop;
        boolean unlikely;
        boolean adSlot;
        boolean embeddedPost;
        boolean byline;
        boolean authorBox;
    }

    /** Per-element statistics of one attempt (text inside skipped elements excluded). */
    private static final class Stats {
        int text;
        int links;
        int commas;
        int inlineText;
        int inlineCommas;
        int paragraphs;
        int images;
        int listItems;
        int headingText;
        int listText;
        int blockChildren;
        boolean hasCode;
        boolean hasDataTable;
        double score;
        boolean candidate;

        double linkDensity() {
            return text == 0 ? 0 : (double) links / text;
        }
    }

    /** The outcome of one attempt: the content roots in document order and what to leave out of them. */
    record Found(List<Element> roots, Predicate<Element> skip, String text, double linkDensity) {}

    /** Typical element count of a news page: maps are sized once instead of growing. */
    private static final int EXPECTED_ELEMENTS = 4096;

    /** Typical count of distinct class/id tokens on a page. */
    private static final int EXPECTED_TOKENS = 2048;

    private static final int HINT_UNLIKELY = 1;
    private static final int HINT_MAYBE = 2;
    private static final int HINT_POSITIVE = 4;
    private static final int HINT_NEGATIVE = 8;
    private static final int HINT_AD = 16;
    private static final int HINT_EMBED = 32;
    private static final int HINT_STRONG_UNLIKELY = 64;
    private static final int HINT_BYLINE = 128;
    private static final int HINT_AUTHOR_BOX = 256;

    private static final int FLAG_STRIP_UNLIKELY = 1;
    private static final int FLAG_WEIGHT_CLASSES = 2;
    private static final int FLAG_CLEAN_CONDITIONALLY = 4;

    private static final Pattern SENTENCE_END = Pattern.compile("\\.( |$)");

    private final Element body;
    private final IdentityHashMap<Element, Info> infos = new IdentityHashMap<>(EXPECTED_ELEMENTS);
    private final Map<String, Integer> hintCache = new HashMap<>(EXPECTED_TOKENS);

    ContentFinder(Element body) {
        this.body = body;
        classify();
    }

    /** The best content found, relaxing removals while too little text survives. */
    Found find() {
        int[] attempts = {
            FLAG_STRIP_UNLIKELY | FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
            FLAG_WEIGHT_CLASSES | FLAG_CLEAN_CONDITIONALLY,
            FLAG_CLEAN_CONDITIONALLY,
            0
        };
        List<Found> tried = new ArrayList<>();
        int longest = 0;
        for (int flags : attempts) {
            Found f = attempt(flags);
            tried.add(f);
            longest = Math.max(longest, f.text().length());
            if (f.text().length() >= RELAX_BELOW_CHARS) {
                break;
            }
        }
        // the strictest attempt that kept nearly as much text as the most lenient one
        for (Found f : tried) {
            if (f.text().length() >= RELAX_KEEP_SHARE * longest) {
                return f;
            }
        }
        return tried.get(tried.size() - 1);
    }

    /** Classification of every element: tag, visibility, role and class/id verdicts, once. */
    private void classify() {
        NodeTraversor.traverse(
                (node, depth) -> {
                    if (node instanceof Element e) {
                        infos.put(e, classifyOne(e));
                    }
                },
                body);
    }

    private Info classifyOne(Element e) {
        Info info = new Info();
        String tag = e.normalName();
        if (ALWAYS_REMOVE_TAGS.contains(tag) || FURNITURE_TAGS.contains(tag)) {
            info.alwaysDrop = true;
            return info;
        }
        if (e.hasAttr("hidden")
                || ("true".equals(e.attr("aria-hidden")) && !tag.equals("img"))
                || (e.hasAttr("style") && HIDDEN_STYLE.matcher(e.attr("style")).find())) {
            info.alwaysDrop = true;
            return info;
        }
        String role = e.attr("role");
        if (!role.isEmpty() && UNLIKELY_ROLES.matcher(role).matches()) {
            info.alwaysDrop = true;
            return info;
        }
        String cls = e.className();
        String id = e.id();
        if (cls.isEmpty() && id.isEmpty()) {
            return info;
        }
        int c = cls.isEmpty() ? 0 : hints(cls);
        int i = id.isEmpty() ? 0 : hints(id);
        int both = c | i;
        if (!tag.equals("body") && !tag.equals("a") && !tag.equals("html")) {
            info.unlikely = (both & HINT_UNLIKELY) != 0 && (both & HINT_MAYBE) == 0;
            info.alwaysDrop = (both & HINT_STRONG_UNLIKELY) != 0 && (both & HINT_MAYBE) == 0;
        }
        info.adSlot = (both & HINT_AD) != 0;
        info.embeddedPost = (both & HINT_EMBED) != 0;
        info.byline = (both & HINT_BYLINE) != 0;
        info.authorBox = (both & HINT_AUTHOR_BOX) != 0;
        int w = weight(c) + weight(i);
        info.weight = info.embeddedPost ? Math.max(w, 0) : w;
        return info;
    }

    private static int weight(int hints) {
        return ((hints & HINT_POSITIVE) != 0 ? CLASS_WEIGHT : 0) - ((hints & HINT_NEGATIVE) != 0 ? CLASS_WEIGHT : 0);
    }

    /** Every class/id keyword list with the verdict bit it sets, scanned together in one pass. */
    private static final KeywordTable HINT_TABLE = new KeywordTable()
            .add(UNLIKELY_CANDIDATES, HINT_UNLIKELY)
            .add(MAYBE_CANDIDATE, HINT_MAYBE)
            .add(POSITIVE, HINT_POSITIVE)
            .add(NEGATIVE, HINT_NEGATIVE)
            .add(EMBEDDED_POST, HINT_EMBED)
            .add(STRONG_UNLIKELY, HINT_STRONG_UNLIKELY)
            .add(BYLINE_HINTS, HINT_BYLINE)
            .add(AUTHOR_BOX, HINT_AUTHOR_BOX);

    /**
     * The verdicts of one class or id string: the OR of its tokens' verdicts, each token matched once per
     * page (utility-class pages repeat the same tokens in hundreds of different class strings).
     */
    private int hints(String value) {
        int h = 0;
        int n = value.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(value.charAt(i))) {
                i++;
            }
            if (i > start) {
                h |= tokenHints(value.substring(start, i));
            }
        }
        return h;
    }

    private int tokenHints(String token) {
        Integer cached = hintCache.get(token);
        if (cached != null) {
            return cached;
        }
        String v = token.toLowerCase(Locale.ROOT);
        int h = HINT_TABLE.match(" " + v + " ");
        if (v.contains("ad") && AD_SLOT.matcher(v).find()) {
            h |= HINT_AD;
        }
        hintCache.put(token, h);
        return h;
    }

    private Info info(Element e) {
        Info i = infos.get(e);
        return i == null ? new Info() : i;
    }

    private boolean skipped(Element e, int flags) {
        Info i = info(e);
        return i.alwaysDrop || i.adSlot || ((flags & FLAG_STRIP_UNLIKELY) != 0 && i.unlikely);
    }

    private Found attempt(int flags) {
        IdentityHashMap<Element, Stats> stats = computeStats(flags);
        List<Element> ranked = new ArrayList<>();
        scoreParagraphs(stats, flags, ranked);
        for (Element c : ranked) {
            Stats s = stats(stats, c);
            s.score *= 1 - s.linkDensity();
        }
        ranked.sort((a, b) -> Double.compare(stats(stats, b).score, stats(stats, a).score));
        Element top = ranked.isEmpty() ? null : ranked.get(0);
        if (top == null || top == body) {
            Predicate<Element> skip = e -> skipped(e, flags) || e.normalName().equals("h1");
            return new Found(
                    List.of(body),
                    skip,
                    TextRenderer.render(List.of(body), skip),
                    stats(stats, body).linkDensity());
        }
        top = betterAncestor(top, stats(stats, top).score, ranked, stats);
        Element parent = top.parent();
        List<Element> roots = new ArrayList<>();
        if (parent == null) {
            roots.add(top);
        } else {
            Stats ts = stats.get(top);
            double threshold = Math.max(SIBLING_MIN_SCORE, (ts == null ? 0 : ts.score) * SIBLING_SCORE_SHARE);
            String topClass = top.className();
            for (Element sibling : parent.children()) {
                if (sibling == top) {
                    roots.add(sibling);
                    continue;
                }
                Stats ss = stats.get(sibling);
                if (ss == null || skipped(sibling, flags)) {
                    continue;
                }
                double bonus = 0;
                if (!topClass.isEmpty() && topClass.equals(sibling.className()) && ts != null) {
                    bonus += ts.score * SIBLING_SCORE_SHARE;
                }
                if (ss.candidate && ss.score + bonus >= threshold) {
                    roots.add(sibling);
                } else if (bonus > 0 && ss.paragraphs > 0 && ss.linkDensity() < SIBLING_LINK_DENSITY) {
                    // a sibling section of the story too deep below its paragraphs to have been scored
                    roots.add(sibling);
                } else if (sibling.normalName().equals("p")) {
                    double ld = ss.linkDensity();
                    if (ss.text > SIBLING_PARAGRAPH_CHARS && ld < SIBLING_LINK_DENSITY) {
                        roots.add(sibling);
                    } else if ((ss.text > 0)
                            && ss.text <= SIBLING_PARAGRAPH_CHARS
                            && ss.links == 0
                            && SENTENCE_END.matcher(sibling.text()).find()) {
                        roots.add(sibling);
                    }
                }
            }
        }
        Set<Element> dropped = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Element> leaves = new ArrayList<>();
        for (Element root : roots) {
            clean(root, stats, flags, dropped, leaves);
        }
        dropPromoTail(leaves, stats, dropped);
        Predicate<Element> skip = skipper(flags, dropped);
        int text = 0;
        int links = 0;
        for (Element root : roots) {
            Stats rs = stats(stats, root);
            text += rs.text;
            links += rs.links;
        }
        return new Found(roots, skip, TextRenderer.render(roots, skip), text == 0 ? 0 : (double) links / text);
    }

    private Predicate<Element> skipper(int flags, Set<Element> dropped) {
        // the h1 is the headline, which is metadata, not body text
        return e -> skipped(e, flags) || dropped.contains(e) || e.normalName().equals("h1");
    }

    /** Readability's walk up from the winner: shared ancestors of close runners-up, rising scores, only children. */
    private static Stats stats(IdentityHashMap<Element, Stats> stats, Element e) {
        Stats s = stats.get(e);
        return s == null ? new Stats() : s;
    }

    private Element betterAncestor(
            Element top, double topScore, List<Element> ranked, IdentityHashMap<Element, Stats> stats) {
        List<List<Element>> alternatives = new ArrayList<>();
        for (int i = 1; i < Math.min(ranked.size(), TOP_CANDIDATES); i++) {
            Element alt = ranked.get(i);
            if (stats(stats, alt).score / topScore >= PARENT_SCORE_SHARE) {
                alternatives.add(alt.parents());
            }
        }
        if (alternatives.size() >= MIN_SHARED_CANDIDATES) {
            Element p = top.parent();
            while (p != null && p != body) {
                int containing = 0;
                for (List<Element> ancestors : alternatives) {
                    if (containsIdentity(ancestors, p)) {
                        containing++;
                    }
                }
                if (containing >= MIN_SHARED_CANDIDATES) {
                    top = p;
                    break;
                }
                p = p.parent();
            }
        }
        Stats ts = stats.get(top);
        double lastScore = ts == null ? topScore : ts.score;
        double floor = lastScore / 3;
        Element p = top.parent();
        while (p != null && p != body) {
            Stats ps = stats.get(p);
            if (ps == null || !ps.candidate) {
                p = p.parent();
                continue;
            }
            if (ps.score < floor) {
                break;
            }
            if (ps.score > lastScore) {
                top = p;
                break;
            }
            lastScore = ps.score;
            p = p.parent();
        }
        p = top.parent();
        while (p != null && p != body && p.childrenSize() == 1) {
            top = p;
            p = p.parent();
        }
        return top;
    }

    private static boolean containsIdentity(List<Element> list, Element e) {
        for (Element x : list) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }

    /** One post-order pass: text, link text, commas, counts of paragraphs, images, list items. */
    private IdentityHashMap<Element, Stats> computeStats(int flags) {
        IdentityHashMap<Element, Stats> map = new IdentityHashMap<>(EXPECTED_ELEMENTS);
        List<Stats> stack = new ArrayList<>();
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (node instanceof TextNode t) {
                            if (!stack.isEmpty()) {
                                Stats top = stack.get(stack.size() - 1);
                                countText(t.getWholeText(), top);
                            }
                            return FilterResult.CONTINUE;
                        }
                        if (!(node instanceof Element e)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (e != body && skipped(e, flags)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        stack.add(new Stats());
                        return FilterResult.CONTINUE;
                    }

                    @Override
                    public FilterResult tail(Node node, int depth) {
                        if (!(node instanceof Element e)) {
                            return FilterResult.CONTINUE;
                        }
                        Stats s = stack.remove(stack.size() - 1);
                        String tag = e.normalName();
                        boolean block = BLOCK_TAGS.contains(tag);
                        switch (tag) {
                            case "a" -> s.links = s.text;
                            case "p" -> s.paragraphs++;
                            case "img", "picture" -> s.images++;
                            case "li" -> s.listItems++;
                            case "h1", "h2", "h3", "h4", "h5", "h6" -> s.headingText = s.text;
                            case "ul", "ol" -> s.listText = s.text;
                            case "pre", "code" -> s.hasCode = true;
                            case "table" -> s.hasDataTable |= isDataTable(e);
                            default -> {}
                        }
                        map.put(e, s);
                        if (!stack.isEmpty()) {
                            Stats parent = stack.get(stack.size() - 1);
                            parent.text += s.text;
                            parent.links += s.links;
                            parent.commas += s.commas;
                            parent.paragraphs += s.paragraphs;
                            parent.images += s.images;
                            parent.listItems += s.listItems;
                            parent.headingText += s.headingText;
                            parent.listText += s.listText;
                            parent.hasCode |= s.hasCode;
                            parent.hasDataTable |= s.hasDataTable;
                            if (block) {
                                parent.blockChildren++;
                            } else {
                                parent.inlineText += s.inlineText;
                                parent.inlineCommas += s.inlineCommas;
                            }
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                body);
        return map;
    }

    private static void countText(String s, Stats st) {
        int n = 0;
        int commas = 0;
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (TextRenderer.isSpace(c)) {
                if (!space) {
                    n++;
                    space = true;
                }
            } else {
                n++;
                space = false;
                if (COMMA_CHARS.indexOf(c) >= 0) {
                    commas++;
                }
            }
        }
        st.text += n;
        st.inlineText += n;
        st.commas += commas;
        st.inlineCommas += commas;
    }

    private static boolean isDataTable(Element table) {
        String role = table.attr("role");
        if (role.equals("presentation") || table.attr("datatable").equals("0")) {
            return false;
        }
        if (!table.attr("summary").isEmpty()) {
            return true;
        }
        for (Element child : table.children()) {
            String t = child.normalName();
            if (t.equals("caption") || t.equals("thead") || t.equals("colgroup") || t.equals("tfoot")) {
                return true;
            }
        }
        return table.selectFirst("th") != null;
    }

    /** Scores every paragraph into up to five ancestors. */
    private void scoreParagraphs(IdentityHashMap<Element, Stats> stats, int flags, List<Element> candidates) {
        boolean weighted = (flags & FLAG_WEIGHT_CLASSES) != 0;
        // In document order, not the map's: an identity map's order changes from run to run, and with it
        // the order of candidates of equal score and the rounding of the sums, so a page's extraction did.
        for (Element e : body.getAllElements()) {
            Stats s = stats.get(e);
            if (s == null) {
                continue;
            }
            String tag = e.normalName();
            Element first;
            int len;
            int commas;
            if ((s.blockChildren == 0)
                    && (SCORED_TAGS.contains(tag)
                            || tag.equals("div")
                            || tag.equals("article")
                            || tag.equals("main"))) {
                first = e.parent();
                len = s.text;
                commas = s.commas;
            } else if (s.blockChildren > 0 && (tag.equals("div") || tag.equals("section") || tag.equals("article"))) {
                first = e;
                len = s.inlineText;
                commas = s.inlineCommas;
            } else {
                continue;
            }
            if (len < MIN_PARAGRAPH_CHARS || first == null) {
                continue;
            }
            double score = 1 + commas + Math.min(len / CHARS_PER_POINT, MAX_LENGTH_POINTS);
            Element a = first;
            for (int level = 0; level < ANCESTOR_LEVELS && a != null; level++) {
                Stats as = stats.get(a);
                if (as == null) {
                    break;
                }
                if (!as.candidate) {
                    as.candidate = true;
                    as.score = baseScore(a) + (weighted ? info(a).weight : 0);
                    candidates.add(a);
                }
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                as.score += score / divider;
                if (a == body) {
                    break;
                }
                a = a.parent();
            }
        }
    }

    private static int baseScore(Element e) {
        return switch (e.normalName()) {
            case "div", "article" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "address", "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
    }

    /** Readability's conditional cleaning, top down; removed subtrees are not judged again. */
    /**
     * Drops furniture inside the chosen content, top down: short bylines, captions, labels and teasers
     * always; containers judged by Readability's "clean conditionally" unless this attempt relaxed it.
     */
    private void clean(
            Element root,
            IdentityHashMap<Element, Stats> stats,
            int flags,
            Set<Element> dropped,
            List<Element> leaves) {
        boolean weighted = (flags & FLAG_WEIGHT_CLASSES) != 0;
        boolean conditionally = (flags & FLAG_CLEAN_CONDITIONALLY) != 0;
        NodeTraversor.filter(
                new NodeFilter() {
                    @Override
                    public FilterResult head(Node node, int depth) {
                        if (!(node instanceof Element e)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (skipped(e, flags)) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        Stats s = stats.get(e);
                        if (s == null) {
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        Info info = info(e);
                        if (e != root
                                && ((conditionally && shouldDrop(e, s, weighted))
                                        || isClutterLeaf(e, s)
                                        || (info.byline && s.text <= BYLINE_BLOCK_MAX_CHARS)
                                        || (info.authorBox && s.text <= AUTHOR_BOX_MAX_CHARS))) {
                            dropped.add(e);
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (s.blockChildren == 0 && s.text > 0 && BLOCK_TAGS.contains(e.normalName())) {
                            leaves.add(e);
                        }
                        return FilterResult.CONTINUE;
                    }
                },
                root);
    }

    /** The last few paragraphs of a story that only promote: "Follow us on…", newsletters, tip lines. */
    private static void dropPromoTail(
            List<Element> leaves, IdentityHashMap<Element, Stats> stats, Set<Element> dropped) {
        for (int i = leaves.size() - 1; i >= 0 && i >= leaves.size() - PROMO_TAIL_PARAGRAPHS; i--) {
            Element leaf = leaves.get(i);
            Stats s = stats(stats, leaf);
            if (s.text <= PROMO_MAX_CHARS && PROMO_TAIL.matcher(leaf.text()).find()) {
                dropped.add(leaf);
            }
        }
    }

    /** Leaf blocks that are furniture by their words: labels, captions, teasers, shortcodes. */
    private static boolean isClutterLeaf(Element e, Stats s) {
        String tag = e.normalName();
        if (tag.equals("figcaption")) {
            return true;
        }
        if (s.blockChildren > 0 || s.text > CAPTION_MAX_CHARS || !BLOCK_TAGS.contains(tag)) {
            return false;
        }
        String text = e.text();
        if (s.text <= BOILERPLATE_LINE_MAX_CHARS
                && BOILERPLATE_LINE.matcher(text).matches()) {
            return true;
        }
        if ((s.text <= COPYRIGHT_LINE_MAX_CHARS && text.indexOf('©') >= 0)
                || (text.startsWith("[") && SHORTCODE.matcher(text).matches())
                || CAPTION_LABEL.matcher(text).lookingAt()) {
            return true;
        }
        int tail = Math.max(0, text.length() - CAPTION_CREDIT_TAIL_CHARS);
        if (text.indexOf(':', tail) >= 0 || text.indexOf(')', tail) >= 0) {
            if (CAPTION_CREDIT.matcher(text).region(tail, text.length()).find()) {
                return true;
            }
        }
        if (s.links > 0 && s.text <= TEASER_MAX_CHARS) {
            return s.linkDensity() >= LINK_PARAGRAPH_DENSITY
                    || TEASER_PREFIX.matcher(text).lookingAt();
        }
        return false;
    }

    private boolean shouldDrop(Element e, Stats s, boolean weighted) {
        String tag = e.normalName();
        Info info = info(e);
        int weight = weighted ? info.weight : 0;
        if ((tag.equals("h2") || tag.equals("h3")) && weighted && weight < 0) {
            return true;
        }
        if (tag.startsWith("h") && tag.length() == 2 && s.text > 0 && s.linkDensity() > HEADING_MAX_LINK_DENSITY) {
            return true;
        }
        if (!CONDITIONAL_TAGS.contains(tag) || info.embeddedPost) {
            return false;
        }
        if (tag.equals("table") && s.hasDataTable) {
            return false;
        }
        if (s.hasCode) {
            return false;
        }
        if (weight < 0) {
            return true;
        }
        boolean isList = tag.equals("ul") || tag.equals("ol") || (s.text > 0 && (double) s.listText / s.text > 0.9);
        if (s.commas >= CONDITIONAL_MIN_COMMAS) {
            return false;
        }
        int p = s.paragraphs;
        int img = s.images;
        int li = s.listItems - 100;
        double headingDensity = s.text == 0 ? 0 : (double) s.headingText / s.text;
        double ld = s.linkDensity();
        boolean inFigure = e.closest("figure") != null;
        boolean drop = (img > 1 && (double) p / img < 0.5 && !inFigure)
                || (!isList && li > p)
                || (!isList
                        && headingDensity < 0.9
                        && s.text < CONDITIONAL_MIN_CHARS
                        && (img == 0 || img > 2)
                        && !inFigure)
                || (!isList && weight < CLASS_WEIGHT && ld > MAX_LINK_DENSITY)
                || (weight >= CLASS_WEIGHT && ld > MAX_LINK_DENSITY_POSITIVE);
        if (isList && drop) {
            // a list of images stays
            return s.listItems != img;
        }
        return drop;
    }
}
