package org.gleaner.feed;

import static org.gleaner.feed.Namespaces.ATOM10;
import static org.gleaner.feed.Namespaces.CONTENT;
import static org.gleaner.feed.Namespaces.DC;
import static org.gleaner.feed.Namespaces.DCTERMS;
import static org.gleaner.feed.Namespaces.ITUNES;
import static org.gleaner.feed.Namespaces.MEDIA;
import static org.gleaner.feed.Namespaces.RDF;
import static org.gleaner.feed.Namespaces.SY;
import static org.gleaner.feed.Namespaces.XHTML;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps an {@link XElement} tree of RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 (with the Dublin Core, content, Media
 * RSS, iTunes, syndication and XHTML extensions) to our records. Field precedence follows what publishers
 * mean, the way the established feed readers settled it:
 *
 * <ul>
 *   <li>summary: RSS description / Atom summary, else media:description, else itunes:summary, else
 *       itunes:subtitle; content: content:encoded / Atom content / xhtml:body.
 *   <li>published: pubDate / Atom published (0.3 issued), else dc:date, dcterms:issued, dcterms:created;
 *       updated: Atom updated (0.3 modified), else atom:updated, dcterms:modified.
 *   <li>author: a display name; "mail@host (Name)" and "Name &lt;mail@host&gt;" give Name; several authors are
 *       joined with ", "; an Atom entry without author inherits its source's or the feed's (RFC 4287 4.2.1).
 *   <li>entry link: RSS link, else a permalink guid, else the Atom alternate link; links and enclosure URLs
 *       resolved against the element's xml:base chain and the feed URL.
 *   <li>entry id: RSS guid as written (an opaque string by common practice); an Atom id written as a path
 *       ({@code /posts/1}) is resolved like a link, any other kept as written.
 *   <li>an entry the document ended inside (truncated download) is dropped; complete ones are kept.
 *   <li>Microsoft CDF (a CHANNEL root) goes through the RSS path: HREF attributes are the last resort for
 *       links, ABSTRACT for descriptions, an item's LASTMOD attribute for its updated time.
 * </ul>
 */
final class XmlFeedMapper {
    private static final Pattern EMAIL_THEN_NAME = Pattern.compile("^\\s*(\\S+@\\S+)\\s*\\(([^)]*)\\)\\s*$");
    private static final Pattern NAME_THEN_EMAIL =
            Pattern.compile("^\\s*(.*?)\\s*[<(]\\s*(?:mailto:)?(\\S+@[^>)]+)[>)]\\s*$");
    private static final Set<String> HTML_LINK_TYPES = Set.of("text/html", "application/xhtml+xml");

    /** Author strings longer than this are not real bylines; they are kept whole, unparsed (regex cost). */
    private static final int MAX_AUTHOR_CHARS = 512;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DIGITS_18 = Pattern.compile("\\d{1,18}");
    private static final Pattern HTTP_URL = Pattern.compile("(?i)https?://\\S+");

    private XmlFeedMapper() {}

    private static String collapseWhitespace(String s) {
        return WHITESPACE.matcher(s).replaceAll(" ");
    }

    /** The feed, or null when the root is not a feed vocabulary this mapper knows. */
    static @Nullable ParsedFeed map(XElement root) {
        String local = root.local.toLowerCase(Locale.ROOT);
        if (local.equals("feed")) {
            // Atom 1.0, 0.3, no namespace, or one of the pre-0.3 drafts' namespaces (echo, pie, necho...):
            // the children share the root's namespace either way
            return atom(root, root.ns);
        }
        if (local.equals("rss") || local.equals("channel") || (root.ns.equals(RDF) && local.equals("rdf"))) {
            return rss(root);
        }
        return null;
    }

    // ---------------------------------------------------------------- RSS

    private static boolean isRssCore(XElement e) {
        return e.ns.isEmpty()
                || e.ns.equals(Namespaces.RSS10)
                || e.ns.equals(Namespaces.RSS090)
                || e.ns.equals(Namespaces.RSS_USERLAND);
    }

    private static @Nullable XElement core(XElement parent, String name) {
        for (XElement e : parent.elements()) {
            if (isRssCore(e) && e.local.equalsIgnoreCase(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<XElement> cores(XElement parent, String name) {
        List<XElement> out = new ArrayList<>();
        for (XElement e : parent.elements()) {
            if (isRssCore(e) && e.local.equalsIgnoreCase(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static ParsedFeed rss(XElement root) {
        XElement channel = root.local.equalsIgnoreCase("channel") ? root : core(root, "channel");
        List<XElement> itemElements = new ArrayList<>();
        if (channel != null) {
            itemElements.addAll(cores(channel, "item"));
        }
        if (channel != root) {
            itemElements.addAll(cores(root, "item"));
        }
        XElement c = channel != null ? channel : root;
        List<ParsedEntry> entries = new ArrayList<>();
        for (XElement item : itemElements) {
            if (item.closed) {
                entries.add(rssItem(item));
            }
        }
        String link = linkText(core(c, "link"));
        if (link == null) {
            link = atomLink(c.all(ATOM10, "link"), "alternate");
        }
        if (link == null) {
            link = cdfHref(c);
        }
        String language = firstText(core(c, "language"), c.first(DC, "language"));
        if (language == null) {
            language = c.lang != null ? c.lang : root.lang;
        }
        language = languageTag(language);
        String author = authorOf(core(c, "managingEditor"));
        if (author == null) {
            // not in RSS 2.0, but publishers write it the way they write an item's author
            author = authorOf(core(c, "author"));
        }
        if (author == null) {
            author = joinAuthors(c.all(DC, "creator"));
        }
        if (author == null) {
            // dc:author is no Dublin Core term, but publishers write it for dc:creator
            author = joinAuthors(c.all(DC, "author"));
        }
        if (author == null) {
            author = authorOf(c.first(ITUNES, "author"));
        }
        if (author == null) {
            author = atomAuthors(c, ATOM10);
        }
        return new ParsedFeed(
                orBlank(rssTitle(firstText(core(c, "title"), c.first(DC, "title"))), core(c, "title")),
                link,
                orBlank(
                        firstText(
                                markupOrText(core(c, "description")),
                                markupOrText(c.first(ITUNES, "subtitle")),
                                markupOrText(c.first(ITUNES, "summary")),
                                markupOrText(core(c, "abstract"))),
                        core(c, "description")),
                language,
                author,
                entries,
                hints(c));
    }

    private static ParsedEntry rssItem(XElement item) {
        XElement guid = core(item, "guid");
        String id = text(guid);
        if (id == null) {
            id = nonBlank(item.attr(RDF, "about"));
        }
        if (id == null) {
            id = firstText(item.first(ATOM10, "id"), item.first(DC, "identifier"));
        }
        // FeedBurner's origLink is the publisher's own URL; the item link is a tracking redirect to it
        String link = linkText(item.first(Namespaces.FEEDBURNER, "origLink"));
        if (link == null) {
            link = linkText(core(item, "link"));
        }
        if (link == null && guid != null && !"false".equalsIgnoreCase(strip(guid.attr("isPermaLink")))) {
            String g = text(guid);
            if (g != null && HTTP_URL.matcher(g).matches()) {
                link = Links.resolve(guid.base, g);
            }
        }
        if (link == null) {
            link = atomLink(item.all(ATOM10, "link"), "alternate");
        }
        if (link == null) {
            link = cdfHref(item);
        }
        String summary = markupOrText(core(item, "description"));
        if (summary == null) {
            summary = markupOrText(item.first(DC, "description"));
        }
        if (summary == null) {
            summary = atomText(item.first(ATOM10, "summary"));
        }
        if (summary == null) {
            summary = mediaDescription(item);
        }
        if (summary == null) {
            summary = firstText(
                    markupOrText(item.first(ITUNES, "summary")), markupOrText(item.first(ITUNES, "subtitle")));
        }
        if (summary == null) {
            summary = markupOrText(core(item, "abstract"));
        }
        String content = markupOrText(item.first(CONTENT, "encoded"));
        if (content == null) {
            XElement body = item.first(XHTML, "body");
            if (body == null) {
                body = item.first(XHTML, "div");
            }
            content = body == null ? null : nonBlank(body.innerMarkup().strip());
        }
        if (content == null) {
            content = atomContent(item.first(ATOM10, "content"));
        }
        if (content == null) {
            // <fullitem>, the full-text element of early RSS 0.9x publishing tools
            content = markupOrText(core(item, "fullitem"));
        }
        String author = authorOf(core(item, "author"));
        if (author == null) {
            author = joinAuthors(item.all(DC, "creator"));
        }
        if (author == null) {
            author = joinAuthors(item.all(DC, "author"));
        }
        if (author == null) {
            author = authorOf(item.first(ITUNES, "author"));
        }
        if (author == null) {
            author = atomAuthors(item, ATOM10);
        }
        Instant published = firstDate(
                core(item, "pubDate"),
                item.first(DC, "date"),
                item.first(DCTERMS, "issued"),
                item.first(DCTERMS, "created"),
                item.first(ATOM10, "published"));
        Instant updated = firstDate(item.first(ATOM10, "updated"), item.first(DCTERMS, "modified"));
        if (updated == null) {
            updated = FeedDates.parse(nonBlank(item.attrIgnoreCase("lastmod")));
        }
        Set<String> categories = new LinkedHashSet<>();
        for (XElement category : cores(item, "category")) {
            addCategory(categories, category.text());
        }
        commonCategories(item, ATOM10, categories);
        Map<String, Enclosure> enclosures = new LinkedHashMap<>();
        for (XElement e : cores(item, "enclosure")) {
            addEnclosure(enclosures, e, e.attr("url"), e.attr("type"), e.attr("length"));
        }
        atomEnclosures(item, ATOM10, enclosures);
        return new ParsedEntry(
                id,
                orBlank(rssTitle(firstText(core(item, "title"), item.first(DC, "title"))), core(item, "title")),
                link,
                summary,
                content,
                author,
                published,
                updated,
                List.copyOf(categories),
                List.copyOf(enclosures.values()));
    }

    private static FeedHints hints(XElement channel) {
        Duration ttl = null;
        String ttlText = text(core(channel, "ttl"));
        if (ttlText != null && ttlText.matches("\\d{1,7}") && Long.parseLong(ttlText) > 0) {
            ttl = Duration.ofMinutes(Long.parseLong(ttlText));
        }
        Duration interval = null;
        String period = text(channel.first(SY, "updatePeriod"));
        String frequency = text(channel.first(SY, "updateFrequency"));
        if (period != null || frequency != null) {
            Duration base =
                    switch (period == null ? "daily" : period.toLowerCase(Locale.ROOT)) {
                        case "hourly" -> Duration.ofHours(1);
                        case "daily" -> Duration.ofDays(1);
                        case "weekly" -> Duration.ofDays(7);
                        case "monthly" -> Duration.ofDays(30);
                        case "yearly" -> Duration.ofDays(365);
                        default -> null;
                    };
            long times = 1;
            if (frequency != null) {
                times = frequency.matches("\\d{1,6}") ? Long.parseLong(frequency) : 0;
            }
            if (base != null && times > 0) {
                interval = base.dividedBy(times);
            }
        }
        return ttl == null && interval == null ? FeedHints.none() : new FeedHints(ttl, interval);
    }

    // ---------------------------------------------------------------- Atom

    private static ParsedFeed atom(XElement feed, String ns) {
        List<ParsedEntry> entries = new ArrayList<>();
        String feedAuthor = atomAuthors(feed, ns);
        for (XElement entry : feed.all(ns, "entry")) {
            if (entry.closed) {
                entries.add(atomEntry(entry, ns, feedAuthor));
            }
        }
        String subtitle = atomText(feed.first(ns, "subtitle"));
        if (subtitle == null) {
            subtitle = atomText(feed.first(ns, "tagline"));
        }
        subtitle = orBlank(subtitle, feed.first(ns, "subtitle"));
        String language = feed.lang;
        if (language == null) {
            language = text(feed.first(DC, "language"));
        }
        language = languageTag(language);
        return new ParsedFeed(
                orBlank(atomTitle(feed.first(ns, "title")), feed.first(ns, "title")),
                atomLink(feed.all(ns, "link"), "alternate"),
                subtitle,
                language,
                feedAuthor,
                entries,
                hints(feed));
    }

    private static ParsedEntry atomEntry(XElement entry, String ns, @Nullable String feedAuthor) {
        String author = atomAuthors(entry, ns);
        if (author == null) {
            author = joinAuthors(entry.all(DC, "creator"));
        }
        if (author == null) {
            XElement source = entry.first(ns, "source");
            author = source == null ? null : atomAuthors(source, ns);
        }
        if (author == null) {
            author = feedAuthor;
        }
        String summary = atomText(entry.first(ns, "summary"));
        if (summary == null) {
            summary = mediaDescription(entry);
        }
        if (summary == null) {
            summary = markupOrText(entry.first(ITUNES, "summary"));
        }
        String content = atomContent(entry.first(ns, "content"));
        if (content == null) {
            content = markupOrText(entry.first(CONTENT, "encoded"));
        }
        Instant published = firstDate(
                entry.first(ns, "published"),
                entry.first(ns, "issued"),
                entry.first(ns, "created"),
                entry.first(DC, "date"),
                entry.first(DCTERMS, "issued"),
                entry.first(DCTERMS, "created"));
        Instant updated =
                firstDate(entry.first(ns, "updated"), entry.first(ns, "modified"), entry.first(DCTERMS, "modified"));
        Set<String> categories = new LinkedHashSet<>();
        commonCategories(entry, ns, categories);
        Map<String, Enclosure> enclosures = new LinkedHashMap<>();
        atomEnclosures(entry, ns, enclosures);
        String link = linkText(entry.first(Namespaces.FEEDBURNER, "origLink"));
        if (link == null) {
            link = atomLink(entry.all(ns, "link"), "alternate");
        }
        return new ParsedEntry(
                atomId(entry.first(ns, "id"), entry.first(DC, "identifier")),
                orBlank(atomTitle(entry.first(ns, "title")), entry.first(ns, "title")),
                link,
                summary,
                content,
                author,
                published,
                updated,
                List.copyOf(categories),
                List.copyOf(enclosures.values()));
    }

    /** The href of the best link with the relation: an HTML type first, then any; rel defaults to alternate. */
    private static @Nullable String atomLink(List<XElement> links, String rel) {
        XElement any = null;
        for (XElement link : links) {
            String r = strip(link.attr("rel"));
            if (!(r == null ? "alternate" : r.toLowerCase(Locale.ROOT)).equals(rel)
                    && !(r != null && r.equalsIgnoreCase("http://www.iana.org/assignments/relation/" + rel))) {
                continue;
            }
            String href = hrefOf(link);
            if (href == null) {
                continue;
            }
            String type = strip(link.attr("type"));
            if (type == null || HTML_LINK_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
                return Links.resolve(link.base, href);
            }
            if (any == null) {
                any = link;
            }
        }
        return any == null ? null : Links.resolve(any.base, hrefOf(any));
    }

    private static @Nullable String hrefOf(XElement link) {
        String href = link.attr("href");
        if (href == null) {
            href = nonBlank(link.text());
        }
        return href;
    }

    private static void atomEnclosures(XElement entry, String ns, Map<String, Enclosure> out) {
        for (XElement link : entry.all(ns, "link")) {
            if ("enclosure".equalsIgnoreCase(strip(link.attr("rel")))) {
                addEnclosure(out, link, link.attr("href"), link.attr("type"), link.attr("length"));
            }
        }
    }

    private static @Nullable String atomAuthors(XElement parent, String ns) {
        List<String> names = new ArrayList<>();
        for (XElement author : parent.all(ns, "author")) {
            String name = text(author.first(ns, "name"));
            if (name == null) {
                name = text(author.first(ns, "email"));
            }
            if (name == null && !author.hasElementChildren()) {
                name = authorOf(author);
            }
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /**
     * An Atom text construct as the feed gives it: text as text, html as the (unescaped) markup string,
     * xhtml as the markup inside the wrapping div. Atom 0.3's MIME types and mode="escaped|base64|xml" too.
     */
    private static @Nullable String atomText(@Nullable XElement e) {
        if (e == null) {
            return null;
        }
        String type = strip(e.attr("type"));
        String mode = strip(e.attr("mode"));
        String t = type == null ? "text" : type.toLowerCase(Locale.ROOT);
        if ("base64".equalsIgnoreCase(mode) || (mode == null && !isTextualType(t))) {
            // RFC 4287 4.1.3.3: a MIME type that is not text or XML means base64; publishers use it in
            // summaries too. Decoded HTML is HTML like any other: its links resolve against the element's base.
            String decoded = base64Text(e.text());
            return decoded != null && isHtmlType(t) ? HtmlLinks.absolutize(decoded, e.base) : decoded;
        }
        if (t.equals("xhtml") || t.equals("application/xhtml+xml") || e.hasElementChildren()) {
            List<XElement> kids = e.elements();
            if (kids.size() == 1
                    && kids.get(0).local.equals("div")
                    && onlyWhitespaceText(e)
                    && (kids.get(0).ns.equals(XHTML) || t.equals("xhtml"))) {
                return nonBlank(kids.get(0).innerMarkup().strip());
            }
            return nonBlank(e.innerMarkup().strip());
        }
        String text = e.text().strip();
        return nonBlank(
                t.equals("html") || t.equals("text/html")
                        ? HtmlLinks.absolutize(HtmlText.windows1252References(text), e.base)
                        : text);
    }

    private static @Nullable String atomContent(@Nullable XElement e) {
        if (e == null || e.attr("src") != null) {
            return null;
        }
        return atomText(e);
    }

    private static boolean isHtmlType(String t) {
        return t.equals("html") || t.equals("text/html") || t.equals("xhtml") || t.equals("application/xhtml+xml");
    }

    /** Atom's text/html/xhtml, any text/* type, XML types, and values that are no MIME type at all. */
    private static boolean isTextualType(String t) {
        return t.indexOf('/') < 0 || t.startsWith("text/") || t.endsWith("+xml") || t.endsWith("/xml");
    }

    /** BCP 47 wants hyphens; "en_US" is the locale spelling servers leak into feeds. */
    private static @Nullable String languageTag(@Nullable String language) {
        return language == null ? null : nonBlank(language.strip().replace('_', '-'));
    }

    private static boolean onlyWhitespaceText(XElement e) {
        for (Object child : e.children) {
            if (child instanceof CharSequence cs && !cs.toString().isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String base64Text(String encoded) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(encoded.strip());
            if (!ByteDecoder.isValidUtf8(bytes)) {
                return null;
            }
            return nonBlank(new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- shared

    private static @Nullable String mediaDescription(XElement item) {
        XElement d = item.first(MEDIA, "description");
        if (d == null) {
            for (XElement holder : item.elements()) {
                if (holder.ns.equals(MEDIA) && (holder.local.equals("group") || holder.local.equals("content"))) {
                    d = holder.first(MEDIA, "description");
                    if (d == null && holder.local.equals("group")) {
                        for (XElement inner : holder.all(MEDIA, "content")) {
                            d = inner.first(MEDIA, "description");
                            if (d != null) {
                                break;
                            }
                        }
                    }
                    if (d != null) {
                        break;
                    }
                }
            }
        }
        return markupOrText(d);
    }

    private static void commonCategories(XElement item, String atomNs, Set<String> out) {
        for (XElement subject : item.all(DC, "subject")) {
            XElement bag = subject.first(RDF, "Bag");
            if (bag != null) {
                for (XElement li : bag.all(RDF, "li")) {
                    addCategory(out, li.text());
                }
            } else {
                addCategory(out, subject.text());
            }
        }
        for (XElement category : item.all(atomNs, "category")) {
            String term = category.attr("term");
            addCategory(
                    out,
                    term != null ? term : category.attr("label") != null ? category.attr("label") : category.text());
        }
        if (!atomNs.equals(ATOM10)) {
            for (XElement category : item.all(ATOM10, "category")) {
                addCategory(out, category.attr("term"));
            }
        }
        for (XElement category : item.all(ITUNES, "category")) {
            addCategory(out, category.attr("text"));
            for (XElement sub : category.all(ITUNES, "category")) {
                addCategory(out, sub.attr("text"));
            }
        }
        for (XElement category : item.all(MEDIA, "category")) {
            addCategory(out, category.text());
        }
        String keywords = text(item.first(ITUNES, "keywords"));
        if (keywords != null) {
            for (String k : keywords.split(",")) {
                addCategory(out, k);
            }
        }
    }

    private static void addCategory(Set<String> out, @Nullable String term) {
        String t = nonBlank(term == null ? null : term.strip().transform(XmlFeedMapper::collapseWhitespace));
        if (t != null) {
            out.add(t);
        }
    }

    private static void addEnclosure(
            Map<String, Enclosure> out,
            XElement e,
            @Nullable String url,
            @Nullable String type,
            @Nullable String length) {
        String resolved = Links.resolve(e.base, url);
        if (resolved == null || out.containsKey(resolved)) {
            return;
        }
        Long bytes = null;
        String l = strip(length);
        if (l != null && DIGITS_18.matcher(l).matches()) {
            bytes = Long.parseLong(l);
        }
        out.put(resolved, new Enclosure(resolved, strip(type), bytes));
    }

    private static @Nullable Instant firstDate(@Nullable XElement... candidates) {
        for (XElement e : candidates) {
            Instant date = e == null ? null : FeedDates.parse(e.text());
            if (date != null) {
                return date;
            }
        }
        return null;
    }

    /**
     * Microsoft CDF (Channel Definition Format, the 1997 IE4 push format) puts a channel's or an item's
     * address in an HREF attribute and its description in an ABSTRACT child; element and attribute names
     * are upper case, matched here without regard to case like the RSS core names.
     */
    private static @Nullable String cdfHref(XElement e) {
        String raw = nonBlank(e.attrIgnoreCase("href"));
        return raw == null ? null : Links.resolve(e.base, raw);
    }

    private static @Nullable String linkText(@Nullable XElement link) {
        if (link == null) {
            return null;
        }
        String raw = nonBlank(link.text());
        if (raw == null) {
            raw = nonBlank(link.attr("href"));
        }
        return raw == null ? null : Links.resolve(link.base, raw);
    }

    private static @Nullable String joinAuthors(List<XElement> creators) {
        List<String> names = new ArrayList<>();
        for (XElement c : creators) {
            String name = authorOf(c);
            if (name != null && !names.contains(name)) {
                names.add(name);
            }
        }
        return names.isEmpty() ? null : String.join(", ", names);
    }

    /** A display name from "mail (Name)", "Name &lt;mail&gt;", "Name" or "mail". */
    static @Nullable String authorOf(@Nullable XElement e) {
        if (e == null) {
            return null;
        }
        if (e.hasElementChildren()) {
            String name = firstText(e.first(e.ns, "name"), e.first(ATOM10, "name"));
            if (name == null) {
                name = firstText(e.first(e.ns, "email"), e.first(ATOM10, "email"));
            }
            if (name != null) {
                return name;
            }
        }
        return authorName(e.text());
    }

    static @Nullable String authorName(@Nullable String raw) {
        String text = nonBlank(raw == null ? null : raw.strip().transform(XmlFeedMapper::collapseWhitespace));
        if (text == null || text.length() > MAX_AUTHOR_CHARS) {
            return text;
        }
        Matcher m = EMAIL_THEN_NAME.matcher(text);
        if (m.matches()) {
            String name = nonBlank(m.group(2).strip());
            return name != null ? name : m.group(1);
        }
        m = NAME_THEN_EMAIL.matcher(text);
        if (m.matches()) {
            String name = nonBlank(m.group(1).replaceAll("^\"|\"$", "").strip());
            return name != null ? name : m.group(2).strip();
        }
        if (text.startsWith("mailto:")) {
            return text.substring(7);
        }
        return text;
    }

    /** The element's text, or the markup of its children when a publisher put HTML in unescaped. */
    private static @Nullable String markupOrText(@Nullable XElement e) {
        if (e == null) {
            return null;
        }
        if (e.hasElementChildren()) {
            return nonBlank(e.innerMarkup().strip());
        }
        return nonBlank(
                HtmlLinks.absolutize(HtmlText.windows1252References(e.text().strip()), e.base));
    }

    /** Titles are text: whitespace runs (line breaks in the source) collapse to one space. */
    /** RSS titles are text, but publishers escape twice ("AT&amp;amp;T"): references are decoded once more. */
    private static @Nullable String rssTitle(@Nullable String title) {
        return title == null ? null : plain(HtmlText.decode(title));
    }

    /** Atom titles of type html or xhtml become text: the feed's markup is dropped, references decoded. */
    private static @Nullable String atomTitle(@Nullable XElement e) {
        String value = atomText(e);
        if (e == null || value == null) {
            return null;
        }
        String type = strip(e.attr("type"));
        String t = type == null ? "text" : type.toLowerCase(Locale.ROOT);
        boolean markup = t.equals("html")
                || t.equals("xhtml")
                || t.equals("text/html")
                || t.equals("application/xhtml+xml")
                || e.hasElementChildren();
        return plain(markup ? HtmlText.fromHtml(value) : value);
    }

    /**
     * A title or description the document has but leaves empty is "" rather than null: inspecting a feed shows
     * an empty {@code <title/>} apart from a missing one. Consumers treat both as absent.
     */
    private static @Nullable String orBlank(@Nullable String value, @Nullable XElement element) {
        return value == null && element != null && !element.hasElementChildren() ? "" : value;
    }

    private static @Nullable String plain(@Nullable String title) {
        return title == null
                ? null
                : nonBlank(title.transform(XmlFeedMapper::collapseWhitespace).strip());
    }

    /**
     * An Atom entry's id. RFC 4287 makes it an absolute IRI; one written as a path ({@code /2024/05/post}) is a
     * publisher's relative URL, read against the element's base like a link (as feedparser reads it), so it is
     * the same full address however it was written. Any other id is kept exactly as written: ids are compared
     * character by character (section 4.2.6.1), so a normalized one would make a known entry look new, and a
     * bare token such as {@code 42} is an opaque key a sloppy generator wrote, not an address.
     */
    private static @Nullable String atomId(@Nullable XElement id, @Nullable XElement dcIdentifier) {
        String text = text(id);
        if (text == null) {
            return text(dcIdentifier);
        }
        if (id == null || !text.startsWith("/")) {
            return text;
        }
        String resolved = Links.resolve(id.base, text);
        return resolved == null ? text : resolved;
    }

    private static @Nullable String firstText(@Nullable XElement... candidates) {
        for (XElement e : candidates) {
            String t = text(e);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static @Nullable String firstText(@Nullable String... candidates) {
        for (String s : candidates) {
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static @Nullable String text(@Nullable XElement e) {
        return e == null ? null : nonBlank(e.text().strip());
    }

    private static @Nullable String strip(@Nullable String s) {
        return s == null ? null : nonBlank(s.strip());
    }

    private static @Nullable String nonBlank(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
