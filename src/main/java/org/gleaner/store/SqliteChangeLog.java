package org.gleaner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.gleaner.model.Change;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.SearchDocument;
import org.gleaner.store.DocumentKeys.EntryRef;
import org.jspecify.annotations.Nullable;

/** The change log and search documents, read from SQLite. */
public final class SqliteChangeLog implements ChangeLog {
    private final Database database;

    public SqliteChangeLog(Database database) {
        this.database = database;
    }

    @Override
    public List<Change> readAfter(long afterSequence, int limit) {
        return database.read(connection -> {
            List<Change> changes = new ArrayList<>();
            PreparedStatement s = database.statement(
                    connection, "SELECT seq, doc_key FROM changes WHERE seq > ? ORDER BY seq LIMIT ?");
            s.setLong(1, afterSequence);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(rs.getLong(1), rs.getString(2)));
                }
            }
            return changes;
        });
    }

    @Override
    public long head() {
        return database.read(connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM changes");
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public Optional<SearchDocument> document(String documentKey) {
        return database.read(connection -> document(connection, documentKey));
    }

    @Override
    public void documents(Collection<String> documentKeys, BiConsumer<String, Optional<SearchDocument>> consumer) {
        // One read transaction for the batch: beginning and ending one per document cost a rebuild a
        // fifth of its reading time. The consumer runs while the read connection is held, so it must
        // not wait on the store (the indexer only queues the document).
        database.read(connection -> {
            for (String key : documentKeys) {
                consumer.accept(key, document(connection, key));
            }
            return documentKeys.size();
        });
    }

    private Optional<SearchDocument> document(Connection connection, String documentKey) throws SQLException {
        // statements come from the database's cache: preparing them cost more than running them when
        // a rebuild reads every document
        return DocumentKeys.isArticle(documentKey)
                ? articleDocument(connection, documentKey)
                : entryDocument(connection, documentKey);
    }

    private static final String SOURCE_COLUMNS =
            "e.title, e.text, e.author, e.published, e.first_seen, e.link, e.site, f.name, f.tags";

    private Optional<SearchDocument> articleDocument(Connection connection, String documentKey) throws SQLException {
        String articleKey = DocumentKeys.articleKey(documentKey);
        PreparedStatement s = database.statement(
                connection,
                "SELECT title, byline, published, site, language, url, text, story_id FROM articles WHERE key = ?");
        s.setString(1, articleKey);
        try (ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            Sources sources = sources(
                    connection,
                    "SELECT " + SOURCE_COLUMNS + " FROM entries e JOIN feeds f ON f.id = e.feed_id"
                            + " WHERE e.article_key = ? ORDER BY e.first_seen, f.name",
                    s2 -> s2.setString(1, articleKey));
            String url = rs.getString("url");
            String title = firstNonBlank(rs.getString("title"), sources.firstTitle, url);
            List<String> authors = new ArrayList<>();
            addIfPresent(authors, rs.getString("byline"));
            authors.addAll(sources.authors);
            Instant published = Sql.instant(rs, "published");
            return Optional.of(new SearchDocument(
                    documentKey,
                    title,
                    rs.getString("text"),
                    String.join("\n\n", sources.texts),
                    List.copyOf(new LinkedHashSet<>(authors)),
                    List.copyOf(sources.feeds),
                    rs.getString("site"),
                    List.copyOf(sources.tags),
                    rs.getString("language"),
                    published != null ? published : sources.earliest,
                    url,
                    storyId(rs.getString("story_id"), documentKey)));
        }
    }

    /** Syndicated copies share the story id of the first copy stored; it is a document key too. */
    private static String storyId(@Nullable String storyArticleKey, String documentKey) {
        return storyArticleKey == null ? documentKey : DocumentKeys.article(storyArticleKey);
    }

    private Optional<SearchDocument> entryDocument(Connection connection, String documentKey) throws SQLException {
        EntryRef ref = DocumentKeys.entryRef(documentKey);
        Sources sources = sources(
                connection,
                "SELECT " + SOURCE_COLUMNS + " FROM entries e JOIN feeds f ON f.id = e.feed_id"
                        + " WHERE e.feed_id = ? AND e.key = ? AND e.article_key IS NULL",
                s -> {
                    s.setLong(1, ref.feedId());
                    s.setString(2, ref.entryKey());
                });
        if (sources.texts.isEmpty()) {
            return Optional.empty();
        }
        String url = sources.firstLink != null ? sources.firstLink : "";
        return Optional.of(new SearchDocument(
                documentKey,
                firstNonBlank(sources.firstTitle, url, ref.entryKey()),
                "",
                String.join("\n\n", sources.texts),
                List.copyOf(sources.authors),
                List.copyOf(sources.feeds),
                sources.firstSite,
                List.copyOf(sources.tags),
                null,
                sources.earliest,
                url,
                documentKey));
    }

    /** What the entries pointing at one document contribute to it. */
    private static final class Sources {
        final List<String> texts = new ArrayList<>();
        final Set<String> authors = new LinkedHashSet<>();
        final Set<String> feeds = new LinkedHashSet<>();
        final Set<String> tags = new LinkedHashSet<>();

        @Nullable
        String firstTitle;

        @Nullable
        String firstLink;

        @Nullable
        String firstSite;

        @Nullable
        Instant earliest;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private Sources sources(Connection connection, String sql, Binder binder) throws SQLException {
        Sources sources = new Sources();
        PreparedStatement s = database.statement(connection, sql);
        binder.bind(s);
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                if (sources.firstTitle == null) {
                    sources.firstTitle = rs.getString("title");
                    sources.firstLink = rs.getString("link");
                    sources.firstSite = rs.getString("site");
                }
                sources.texts.add(rs.getString("text"));
                addIfPresent(sources.authors, rs.getString("author"));
                sources.feeds.add(rs.getString("name"));
                sources.tags.addAll(Sql.splitList(rs.getString("tags")));
                Instant published = Sql.instant(rs, "published");
                Instant when = published != null ? published : Sql.instant(rs, "first_seen");
                if (when != null && (sources.earliest == null || when.isBefore(sources.earliest))) {
                    sources.earliest = when;
                }
            }
        }
        return sources;
    }

    private static void addIfPresent(java.util.Collection<String> target, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            target.add(value.strip());
        }
    }

    private static String firstNonBlank(@Nullable String a, @Nullable String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        if (b != null && !b.isBlank()) {
            return b.strip();
        }
        return fallback;
    }
}
