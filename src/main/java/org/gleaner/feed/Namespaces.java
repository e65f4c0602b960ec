package org.gleaner.feed;

import java.util.Locale;
import java.util.Map;

/** Namespace URIs of the vocabularies feeds use, and the spellings of them that appear in the wild. */
final class Namespaces {
    static final String XML = "http://www.w3.org/XML/1998/namespace";
    static final String ATOM10 = "http://www.w3.org/2005/Atom";
    static final String ATOM03 = "http://purl.org/atom/ns#";
    static final String RSS10 = "http://purl.org/rss/1.0/";
    static final String RSS090 = "http://my.netscape.com/rdf/simple/0.9/";
    static final String RSS_USERLAND = "http://backend.userland.com/rss2";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String DCTERMS = "http://purl.org/dc/terms/";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String MEDIA = "http://search.yahoo.com/mrss/";
    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String SY = "http://purl.org/rss/1.0/modules/syndication/";
    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String FEEDBURNER = "http://rssnamespace.org/feedburner/ext/1.0";

    /** Prefixes feeds use without declaring them; the usual binding is assumed. */
    private static final Map<String, String> CONVENTIONAL_PREFIXES = Map.ofEntries(
            Map.entry("atom", ATOM10),
            Map.entry("rdf", RDF),
            Map.entry("dc", DC),
            Map.entry("dcterms", DCTERMS),
            Map.entry("content", CONTENT),
            Map.entry("media", MEDIA),
            Map.entry("itunes", ITUNES),
            Map.entry("sy", SY),
            Map.entry("xhtml", XHTML),
            Map.entry("feedburner", FEEDBURNER),
            Map.entry("xml", XML));

    /** Variant spellings (case, trailing slash, old versions) keyed by their lower-cased, slash-less form. */
    private static final Map<String, String> VARIANTS = Map.ofEntries(
            Map.entry("http://www.w3.org/2005/atom", ATOM10),
            Map.entry("http://purl.org/atom/ns", ATOM03),
            Map.entry("http://purl.org/rss/1.0", RSS10),
            Map.entry("http://my.netscape.com/rdf/simple/0.9", RSS090),
            Map.entry("http://backend.userland.com/rss2", RSS_USERLAND),
            Map.entry("http://blogs.law.harvard.edu/tech/rss", RSS_USERLAND),
            Map.entry("http://purl.org/dc/elements/1.1", DC),
            Map.entry("http://purl.org/dc/elements/1.0", DC),
            Map.entry("http://purl.org/dc/terms", DCTERMS),
            Map.entry("http://purl.org/rss/1.0/modules/content", CONTENT),
            Map.entry("http://search.yahoo.com/mrss", MEDIA),
            Map.entry("http://www.itunes.com/dtds/podcast-1.0.dtd", ITUNES),
            Map.entry("http://purl.org/rss/1.0/modules/syndication", SY),
            Map.entry("http://www.w3.org/1999/xhtml", XHTML));

    private Namespaces() {}

    static String canonical(String uri) {
        String key = uri.strip().toLowerCase(Locale.ROOT);
        while (key.endsWith("/") || key.endsWith("#")) {
            key = key.substring(0, key.length() - 1);
        }
        if (key.startsWith("https://")) {
            key = "http://" + key.substring(8);
        }
        return VARIANTS.getOrDefault(key, uri);
    }

    static String forUndeclaredPrefix(String prefix) {
        String known = CONVENTIONAL_PREFIXES.get(prefix.toLowerCase(Locale.ROOT));
        return known != null ? known : "urn:x-undeclared-prefix:" + prefix;
    }
}
