package org.gleaner.store;

import org.gleaner.model.Entry;

/**
 * Keys of search documents: a story with a source article is one document however many entries point
 * at it; an entry without an article is a document of its own.
 */
public final class DocumentKeys {
    private static final String ARTICLE = "a:";
    private static final String ENTRY = "e:";

    private DocumentKeys() {}

    public static String article(String articleKey) {
        return ARTICLE + articleKey;
    }

    public static String entry(long feedId, String entryKey) {
        return ENTRY + feedId + ":" + entryKey;
    }

    /** The document an entry belongs to now. */
    public static String of(long feedId, Entry entry) {
        String articleKey = entry.articleKey();
        return articleKey != null ? article(articleKey) : entry(feedId, entry.key());
    }

    static boolean isArticle(String documentKey) {
        return documentKey.startsWith(ARTICLE);
    }

    static String articleKey(String documentKey) {
        return documentKey.substring(ARTICLE.length());
    }

    /** The feed id and entry key of an entry document; any other kind of key is a caller's mistake. */
    static EntryRef entryRef(String documentKey) {
        if (!documentKey.startsWith(ENTRY)) {
            throw new IllegalArgumentException("not an entry document key: " + documentKey);
        }
        String rest = documentKey.substring(ENTRY.length());
        int colon = rest.indexOf(':');
        return new EntryRef(Long.parseLong(rest.substring(0, colon)), rest.substring(colon + 1));
    }

    record EntryRef(long feedId, String entryKey) {}
}
