package org.gleaner.extract;

import static org.gleaner.extract.ExtractionRules.*;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.NodeTraversor;
import org.jspecify.annotations.Nullable;

/** Reads a page's metadata from JSON-LD, OpenGraph/Twitter/Dublin Core meta tags and the markup. */
final class MetadataReader {
    private final Document doc;
    private final URI pageUri;
    private final Map<String, String> meta = new HashMap<>();
    private final List<Map<String, Object>> ldArticles = new ArrayList<>();
    private @Nullable String ldPublisher;
    private @Nullable String titleText;
    private @Nullable String firstH1;
    private @Nullable String htmlLang;
    private @Nullable String canonicalHref;
    private @Nullable String preferredTime;
    private @Nullable String firstTime;
    private @Nullable Element bylineElement;

    private static final String[] META_KEY_ATTRIBUTES = {"property", "name", "itemprop", "http-equiv"};

    /** Class names of byline elements, the last resort for the byline. */
    private static final java.util.Set<String> BYLINE_CLASSES =
            java.util.Set.of("byline", "author", "byline-name", "author-name");

    private MetadataReader(Document doc, URI pageUri) {
        this.doc = doc;
        this.pageUri = pageUri;
    }

    /** Everything but the language, which may need the extracted text. */
    static MetadataReader read(Document doc, URI pageUri) {
        MetadataReader r = new MetadataReader(doc, pageUri);
        r.collect();
        return r;
    }

    /** One pass over the page for everything metadata needs. */
    private void collect() {
        NodeTraversor.traverse(
                (node, depth) -> {
                    if (node instanceof Element e) {
                        collect(e);
                    }
                },
                doc);
    }

    private void collect(Element e) {
        switch (e.normalName()) {
            case "meta" -> collectMeta(e);
            case "script" -> {
                if (e.attr("type").strip().equalsIgnoreCase("application/ld+json")) {
                    JsonLite.parse(e.data()).ifPresent(v -> walkLd(v, 0));
                }
            }
            case "title" -> {
                if (titleText == null) {
                    titleText = e.text().strip();
                }
            }
            case "h1" -> {
                if (firstH1 == null) {
                    firstH1 = e.text().strip();
                }
            }
            case "html" -> {
                if (htmlLang == null) {
                    htmlLang = e.attr("lang");
                }
            }
            case "link" -> {
                if (canonicalHref == null
                        && e.hasAttr("href")
                        && e.attr("rel").toLowerCase(Locale.ROOT).contains("canonical")) {
                    canonicalHref = e.attr("href").strip();
                }
            }
            case "time" -> {
                String dt = e.attr("datetime");
                if (!dt.isEmpty()) {
                    boolean preferred =
                            e.hasAttr("pubdate") || e.attr("itemprop").equalsIgnoreCase("datePublished");
                    if (preferredTime == null && preferred) {
                        preferredTime = dt;
                    }
                    if (firstTime == null) {
                        firstTime = dt;
                    }
                }
            }
            default -> {}
        }
        if (bylineElement == null && isBylineElement(e)) {
            bylineElement = e;
        }
    }

    private static boolean isBylineElement(Element e) {
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.attr("rel").equals("author") || e.attr("itemprop").equals("author")) {
            return true;
        }
        String cls = e.className();
        if (!cls.contains("author") && !cls.contains("byline")) {
            return false;
        }
        for (String c : cls.split("\\s+")) {
            if (BYLINE_CLASSES.contains(c.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private void collectMeta(Element m) {
        String content = m.attr("content").strip();
        if (content.isEmpty()) {
            return;
        }
        for (String attr : META_KEY_ATTRIBUTES) {
            String key = m.attr(attr).strip().toLowerCase(Locale.ROOT);
            if (!key.isEmpty()) {
                // several names in one attribute ("og:title twitter:title") are allowed
                for (String k : key.split("\\s+")) {
                    meta.putIfAbsent(k, content);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void walkLd(Object v, int depth) {
        if (depth > 4) {
            return;
        }
        if (v instanceof List<?> list) {
            for (Object o : list) {
                walkLd(o, depth + 1);
            }
        } else if (v instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            Object graph = map.get("@graph");
            if (graph != null) {
                walkLd(graph, depth + 1);
            }
            String type = typeOf(map);
            if (type.endsWith("article")
                    || type.contains("blogposting")
                    || type.equals("report")
                    || type.contains("newsarticle")) {
                ldArticles.add(map);
            }
            if (ldPublisher == null
                    && (type.equals("newsmediaorganization") || type.equals("organization"))
                    && depth <= 2) {
                String name = str(map.get("name"));
                if (name != null) {
                    ldPublisher = name;
                }
            }
        }
    }

    private static String typeOf(Map<String, Object> map) {
        Object t = map.get("@type");
        if (t instanceof List<?> l && !l.isEmpty()) {
            t = l.get(0);
        }
        return t instanceof String s ? s.toLowerCase(Locale.ROOT) : "";
    }

    private static @Nullable String str(@Nullable Object o) {
        if (o instanceof String s) {
            String t = s.strip();
            return t.isEmpty() ? null : t;
        }
        return null;
    }

    private @Nullable Object ld(String key) {
        for (Map<String, Object> a : ldArticles) {
            Object v = a.get(key);
            if (v != null && v != JsonLite.NULL) {
                return v;
            }
        }
        return null;
    }

    private @Nullable String meta(String... keys) {
        for (String k : keys) {
            String v = meta.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    /** The JSON-LD articleBody, if the page declares one. */
    @Nullable
    String articleBody() {
        return str(ld("articleBody"));
    }

    PageMetadata metadata(@Nullable String language) {
        String siteName = siteName();
        return new PageMetadata(
                title(siteName),
                byline(),
                published(),
                date(
                        ld("dateModified"),
                        meta("article:modified_time", "og:updated_time", "datemodified", "last-modified")),
                canonical(),
                siteName,
                language,
                description(),
                leadImage());
    }

    private @Nullable String siteName() {
        String s = meta("og:site_name", "application-name", "twitter:site");
        if (s != null
                && s.startsWith("@")
                && meta.get("og:site_name") == null
                && meta.get("application-name") == null) {
            s = null;
        }
        if (s == null) {
            Object pub = ld("publisher");
            if (pub instanceof Map<?, ?> m) {
                s = str(m.get("name"));
            }
        }
        if (s == null) {
            s = ldPublisher;
        }
        return s;
    }

    private @Nullable String title(@Nullable String siteName) {
        String ogTitle = meta("og:title", "twitter:title");
        String ldTitle = str(ld("headline"));
        String raw = titleText == null ? "" : titleText;
        String h1 = firstH1;
        String t = ogTitle != null ? ogTitle : ldTitle != null ? ldTitle : !raw.isEmpty() ? raw : h1;
        if (t == null || t.isEmpty()) {
            return null;
        }
        return cleanTitle(t, siteName, h1);
    }

    /** Strips a " | Site Name" prefix or suffix. */
    static String cleanTitle(String title, @Nullable String siteName, @Nullable String h1) {
        String t = title.replaceAll("\\s+", " ").strip();
        Matcher m = TITLE_SEPARATOR.matcher(t);
        List<int[]> seps = new ArrayList<>();
        while (m.find()) {
            seps.add(new int[] {m.start(), m.end()});
        }
        if (seps.isEmpty()) {
            return t;
        }
        if (h1 != null && !h1.isEmpty() && t.startsWith(h1) && h1.length() < t.length()) {
            for (int[] s : seps) {
                if (s[0] == h1.length()) {
                    return h1;
                }
            }
        }
        int[] last = seps.get(seps.size() - 1);
        String tail = t.substring(last[1]).strip();
        int[] first = seps.get(0);
        String head = t.substring(0, first[0]).strip();
        if (siteName != null) {
            String site = siteName.strip();
            if (tail.equalsIgnoreCase(site)
                    || (site.toLowerCase(Locale.ROOT).contains(tail.toLowerCase(Locale.ROOT)) && tail.length() >= 3)) {
                return t.substring(0, last[0]).strip();
            }
            if (head.equalsIgnoreCase(site)) {
                return t.substring(first[1]).strip();
            }
        }
        String sep = t.substring(last[0], last[1]).strip();
        if ((sep.equals("|") || sep.equals("-") || sep.equals("–") || sep.equals("—") || sep.equals("·"))
                && words(tail) <= SITE_NAME_MAX_WORDS
                && words(t.substring(0, last[0])) >= 3) {
            return t.substring(0, last[0]).strip();
        }
        return t;
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    private @Nullable String byline() {
        String b = authorName(ld("author"));
        if (b == null) {
            b = meta("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator");
            if (b != null && (b.startsWith("http://") || b.startsWith("https://"))) {
                b = null;
            }
        }
        if (b == null) {
            if (bylineElement != null) {
                b = bylineElement.text();
            }
        }
        if (b == null) {
            return null;
        }
        b = BYLINE_PREFIX.matcher(b.replaceAll("\\s+", " ").strip()).replaceFirst("");
        if (b.isEmpty() || b.length() > BYLINE_MAX_CHARS) {
            return null;
        }
        return b;
    }

    private static @Nullable String authorName(@Nullable Object o) {
        if (o instanceof String s) {
            return str(s);
        }
        if (o instanceof Map<?, ?> m) {
            return str(m.get("name"));
        }
        if (o instanceof List<?> l) {
            List<String> names = new ArrayList<>();
            for (Object x : l) {
                String n = authorName(x);
                if (n != null && !names.contains(n)) {
                    names.add(n);
                }
            }
            return names.isEmpty() ? null : String.join(", ", names);
        }
        return null;
    }

    private @Nullable Instant published() {
        Instant i = date(
                ld("datePublished"),
                meta(
                        "article:published_time",
                        "og:published_time",
                        "datepublished",
                        "date",
                        "pubdate",
                        "publishdate",
                        "publish-date",
                        "dc.date.issued",
                        "dc.date",
                        "dcterms.created",
                        "parsely-pub-date",
                        "sailthru.date",
                        "article.published",
                        "published_time"));
        if (i != null) {
            return i;
        }
        String time = preferredTime != null ? preferredTime : firstTime;
        if (time != null) {
            i = parseDate(time);
            if (i != null) {
                return i;
            }
        }
        Matcher m = URL_DATE.matcher(pageUri.getRawPath() == null ? "" : pageUri.getRawPath());
        if (m.find()) {
            try {
                return LocalDate.of(
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)))
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (java.time.DateTimeException e) {
                return null;
            }
        }
        return null;
    }

    private static @Nullable Instant date(@Nullable Object ldValue, @Nullable String metaValue) {
        String s = str(ldValue);
        if (s != null) {
            Instant i = parseDate(s);
            if (i != null) {
                return i;
            }
        }
        return metaValue == null ? null : parseDate(metaValue);
    }

    private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendPattern("HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]")
            .appendPattern("[XX][X]")
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter SPACE_SEPARATED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .appendPattern("HH:mm[:ss]")
            .optionalStart()
            .appendPattern("[XXX][XX][X]")
            .optionalEnd()
            .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
            .toFormatter(Locale.ROOT);

    /** ISO-8601 in its common web spellings, RFC 1123, or a bare date (midnight UTC); null if none fits. */
    static @Nullable Instant parseDate(String raw) {
        String s = raw.strip();
        boolean isoDate = s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-';
        if (!isoDate) {
            return s.indexOf(',') > 0 ? parse(s, RFC_1123) : null;
        }
        if (s.length() == 10) {
            return parse(s, BARE_DATE);
        }
        char last = s.charAt(s.length() - 1);
        boolean hasZone = last == 'Z' || last == 'z' || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10;
        if (s.charAt(10) == 'T' || s.charAt(10) == 't') {
            Instant i = hasZone ? parse(s, ISO_OFFSET) : parse(s, ISO_LOCAL);
            if (i == null && hasZone) {
                i = parse(s, OFFSET_NO_COLON);
            }
            if (i != null) {
                return i;
            }
        } else if (s.charAt(10) == ' ') {
            Instant i = parse(s, SPACE_SEPARATED);
            if (i != null) {
                return i;
            }
        }
        return parse(s.substring(0, 10), BARE_DATE);
    }

    private static final DateTimeFormatter ISO_OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final DateTimeFormatter ISO_LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final DateTimeFormatter BARE_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    /** Parses with one formatter, without throwing: an offset gives its instant, none means UTC. */
    private static @Nullable Instant parse(String s, DateTimeFormatter f) {
        java.text.ParsePosition pos = new java.text.ParsePosition(0);
        java.time.temporal.TemporalAccessor t = f.parseUnresolved(s, pos);
        if (t == null || pos.getErrorIndex() >= 0 || pos.getIndex() != s.length()) {
            return null;
        }
        try {
            java.time.temporal.TemporalAccessor resolved = f.parse(s);
            if (resolved.isSupported(ChronoField.OFFSET_SECONDS)) {
                return OffsetDateTime.from(resolved).toInstant();
            }
            if (resolved.isSupported(ChronoField.HOUR_OF_DAY)) {
                return LocalDateTime.from(resolved).toInstant(ZoneOffset.UTC);
            }
            return LocalDate.from(resolved).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private @Nullable String canonical() {
        String href = canonicalHref != null ? canonicalHref : meta("og:url");
        if (href == null || href.isEmpty()) {
            return null;
        }
        return absolute(href);
    }

    private @Nullable String absolute(String href) {
        try {
            URI u = pageUri.resolve(href.strip().replace(" ", "%20"));
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            return u.toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private @Nullable String description() {
        String d = meta("description", "og:description", "twitter:description", "dc.description");
        if (d == null) {
            d = str(ld("description"));
        }
        return d == null ? null : d.replaceAll("\\s+", " ").strip();
    }

    private @Nullable String leadImage() {
        String img = meta("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src");
        if (img == null) {
            img = imageUrl(ld("image"));
        }
        return img == null ? null : absolute(img);
    }

    private static @Nullable String imageUrl(@Nullable Object o) {
        if (o instanceof String s) {
            return str(s);
        }
        if (o instanceof Map<?, ?> m) {
            return str(m.get("url"));
        }
        if (o instanceof List<?> l && !l.isEmpty()) {
            return imageUrl(l.get(0));
        }
        return null;
    }

    /** The declared language's primary subtag, lower case, or null. */
    @Nullable
    String declaredLanguage() {
        String lang = htmlLang == null ? "" : htmlLang;
        if (lang.isBlank()) {
            String m = meta("content-language", "og:locale", "dc.language", "language");
            lang = m == null ? "" : m;
        }
        if (lang.isBlank()) {
            String ld = str(ld("inLanguage"));
            lang = ld == null ? "" : ld;
        }
        String primary = lang.strip().split("[-_,;\\s]")[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2,3}") ? primary : null;
    }
}
