package org.gleaner.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Names for feeds the configuration leaves unnamed: host plus path, lower case, words joined by
 * {@code -}, without the parts every feed URL has. {@code https://feeds.bbci.co.uk/news/world/rss.xml}
 * becomes {@code feeds-bbci-co-uk-news-world}.
 */
public final class Slugs {
    /** Path words that say "this is a feed" and nothing about which feed; dropped from slugs. */
    private static final Set<String> FEED_WORDS =
            Set.of("feed", "feeds", "rss", "rss2", "atom", "xml", "rdf", "index", "all", "default");

    /** File extensions of feed documents and the scripts serving them; dropped from path words. */
    private static final Set<String> FEED_EXTENSIONS =
            Set.of("xml", "rss", "atom", "rdf", "json", "php", "cgi", "asp", "aspx", "jsp", "html", "htm");

    /** Host prefix that distinguishes nothing. */
    private static final String WWW = "www.";

    private Slugs() {}

    /** The slug for a feed URL; never empty for an http(s) URL with a host. */
    public static String fromUrl(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith(WWW)) {
            host = host.substring(WWW.length());
        }
        List<String> words = new ArrayList<>();
        words.add(host);
        String path = url.getPath() == null ? "" : url.getPath();
        for (String segment : path.split("/")) {
            String word = segment.toLowerCase(Locale.ROOT);
            int dot = word.lastIndexOf('.');
            if (dot > 0 && FEED_EXTENSIONS.contains(word.substring(dot + 1))) {
                word = word.substring(0, dot);
            }
            if (!word.isEmpty() && !FEED_WORDS.contains(word)) {
                words.add(word);
            }
        }
        String slug = clean(String.join("-", words));
        return slug.isEmpty() ? "feed" : slug;
    }

    /** Lower-case letters and digits joined by single dashes. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean dash = false;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (dash && out.length() > 0) {
                    out.append('-');
                }
                dash = false;
                out.append(c);
            } else {
                dash = true;
            }
        }
        return out.toString();
    }
}
