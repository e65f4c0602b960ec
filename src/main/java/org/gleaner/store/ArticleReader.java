package org.gleaner.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Read-only views for the web pages: one search document with everything that pointed at it, and
 * counters for the status page. HTML fields are the sanitized HTML stored at ingest.
 */
public final class ArticleReader {
    private static final String POINTER_COLUMNS = "f.name AS feed, f.title AS feed_title, e.title, e.link, e.author,"
            + " e.published, e.html, e.text, e.article_note";

    private final Database database;

    public ArticleReader(Database database) {
        this.database = database;
    }

    /** One search document: an article (key {@code a:…}) or an entry without an article ({@code e:…}). */
    public record StoredDocument(
            String id,
            @Nullable String url,
            @Nullable String site,
            @Nullable String title,
            @Nullable String byline,
            @Nullable Instant published,
            @Nullable String siteName,
            @Nullable String language,
            @Nullable String description,
            String html,
            String text,
            boolean isArticle,
            List<Pointer> pointers) {
        public StoredDocument {
            pointers = List.copyOf(pointers);
        }
    }

    /**
     * A feed entry that pointed at the document: its excerpt plus the blogger's commentary.
     *
     * @param note why no article is attached to the entry, if none is
     */
    public record Pointer(
            String feed,
            @Nullable String feedTitle,
            @Nullable String title,
            @Nullable String link,
            @Nullable String author,
            @Nullable Instant published,
            String html,
            String text,
            @Nullable String note) {}

    /** Store-wide counts for the status page. */
    public record Counts(
            long feeds,
            long activeFeeds,
            long failingFeeds,
            long entries,
            long articles,
            long entriesWithoutArticle,
            long changeLogHead,
            long databaseBytes) {}

    /** The document with this search key, if it is stored. */
    public Optional<StoredDocument> read(String documentKey) {
        if (DocumentKeys.isArticle(documentKey)) {
            return database.read(connection -> article(connection, documentKey));
        }
        DocumentKeys.EntryRef ref;
        try {
            ref = DocumentKeys.entryRef(documentKey);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
        return database.read(connection -> entry(connection, documentKey, ref));
    }

    private static Optional<StoredDocument> article(Connection connection, String documentKey) throws SQLException {
        String key = DocumentKeys.articleKey(documentKey);
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT url, site, title, byline, published, site_name, language, description, html, text"
                        + " FROM articles WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<Pointer> pointers = pointers(
                        connection,
                        "SELECT " + POINTER_COLUMNS + " FROM entries e JOIN feeds f ON f.id = e.feed_id"
                                + " WHERE e.article_key = ? ORDER BY COALESCE(e.published, e.first_seen)",
                        statement -> statement.setString(1, key));
                return Optional.of(new StoredDocument(
                        documentKey,
                        rs.getString("url"),
                        rs.getString("site"),
                        rs.getString("title"),
                        rs.getString("byline"),
                        Sql.instant(rs, "published"),
                        rs.getString("site_name"),
                        rs.getString("language"),
                        rs.getString("description"),
                        rs.getString("html"),
                        rs.getString("text"),
                        true,
                        pointers));
            }
        }
    }

    private static Optional<StoredDocument> entry(Connection connection, String documentKey, DocumentKeys.EntryRef ref)
            throws SQLException {
        List<Pointer> pointers = pointers(
                connection,
                "SELECT " + POINTER_COLUMNS + ", e.site FROM entries e JOIN feeds f ON f.id = e.feed_id"
                        + " WHERE e.feed_id = ? AND e.key = ?",
                statement -> {
                    statement.setLong(1, ref.feedId());
                    statement.setString(2, ref.entryKey());
                });
        if (pointers.isEmpty()) {
            return Optional.empty();
        }
        Pointer entry = pointers.get(0);
        return Optional.of(new StoredDocument(
                documentKey,
                entry.link(),
                null,
                entry.title(),
                entry.author(),
                entry.published(),
                entry.feedTitle(),
                null,
                null,
                entry.html(),
                entry.text(),
                false,
                pointers));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static List<Pointer> pointers(Connection connection, String sql, Binder binder) throws SQLException {
        List<Pointer> result = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Pointer(
                            rs.getString("feed"),
                            rs.getString("feed_title"),
                            rs.getString("title"),
                            rs.getString("link"),
                            rs.getString("author"),
                            Sql.instant(rs, "published"),
                            rs.getString("html"),
                            rs.getString("text"),
                            rs.getString("article_note")));
                }
            }
        }
        return result;
    }

    /** Counts for the status page; the database size includes its write-ahead log. */
    public Counts counts() {
        return database.read(connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT"
                            + " (SELECT COUNT(*) FROM feeds),"
                            + " (SELECT COUNT(*) FROM feeds WHERE active = 1),"
                            + " (SELECT COUNT(*) FROM feeds WHERE active = 1 AND consecutive_failures > 0),"
                            + " (SELECT COUNT(*) FROM entries),"
                            + " (SELECT COUNT(*) FROM articles),"
                            + " (SELECT COUNT(*) FROM entries WHERE article_key IS NULL),"
                            + " (SELECT COALESCE(MAX(seq), 0) FROM changes)");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Counts(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        databaseBytes(database.file()));
            }
        });
    }

    /** Since when each failing feed has failed, by feed name (feeds that are not failing are absent). */
    public java.util.Map<String, Instant> failingSince() {
        return database.read(connection -> {
            java.util.Map<String, Instant> result = new java.util.HashMap<>();
            try (PreparedStatement s = connection.prepareStatement(
                            "SELECT name, failing_since FROM feeds WHERE failing_since IS NOT NULL");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
            return result;
        });
    }

    private static long databaseBytes(Path file) {
        long total = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path part = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(part)) {
                    total += Files.size(part);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
