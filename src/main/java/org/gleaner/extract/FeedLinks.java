package org.gleaner.extract;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Feed discovery for {@code gleaner feeds add PAGE_URL}: the feeds a web page advertises. */
public final class FeedLinks {
    private FeedLinks() {}

    /** Media types of feeds in {@code <link rel="alternate">}. */
    private static final Set<String> FEED_TYPES = Set.of(
            "application/rss+xml",
            "application/atom+xml",
            "application/feed+json",
            "application/json+feed",
            "application/rdf+xml",
            "application/x-rss+xml",
            "application/x-atom+xml",
            "text/xml",
            "application/xml",
            "application/json");

    /** Link targets that are feeds by their path, used only when no {@code <link>} declares one. */
    private static final Pattern FEED_PATH = Pattern.compile(
            "(?:/feed/?|/rss/?|/atom/?|\\.rss|\\.atom|/rss\\.xml|/atom\\.xml|/feed\\.xml|/index\\.xml|/feed\\.json)$",
            Pattern.CASE_INSENSITIVE);

    /** Declared feeds in document order (absolute, http/https, no duplicates); else feed-looking links on the page. */
    public static List<URI> discover(String html, URI pageUri) {
        Document doc = Jsoup.parse(html, pageUri.toString());
        Set<URI> found = new LinkedHashSet<>();
        for (Element link : doc.select("link[href]")) {
            Set<String> rels = Set.of(link.attr("rel").toLowerCase(Locale.ROOT).split("\\s+"));
            String type =
                    link.attr("type").toLowerCase(Locale.ROOT).split(";")[0].strip();
            boolean jsonOk = !type.equals("application/json")
                    || link.attr("title").toLowerCase(Locale.ROOT).contains("feed");
            if (rels.contains("alternate") && FEED_TYPES.contains(type) && jsonOk) {
                add(found, link.absUrl("href"));
            }
        }
        if (found.isEmpty()) {
            for (Element a : doc.select("a[href]")) {
                String abs = a.absUrl("href");
                String path = abs.contains("?") ? abs.substring(0, abs.indexOf('?')) : abs;
                if (FEED_PATH.matcher(path).find()) {
                    add(found, abs);
                }
            }
        }
        return new ArrayList<>(found);
    }

    private static void add(Set<URI> found, String abs) {
        if (abs.isEmpty()) {
            return;
        }
        try {
            URI u = new URI(abs);
            String scheme = u.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                found.add(u);
            }
        } catch (java.net.URISyntaxException e) {
            // an unparsable href is not a feed
        }
    }
}
