package org.gleaner.store;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.FeedStatus;

/** Feeds and their fetch state. */
public final class FeedStore {
    private static final String STATUS_COLUMNS = "f.id, f.name, f.url, f.tags, f.title, f.etag, f.last_modified,"
            + " f.last_fetched, f.last_status, f.last_outcome, f.last_error, f.consecutive_failures, f.next_check,"
            + " (SELECT COUNT(*) FROM entries e WHERE e.feed_id = f.id) AS entry_count";

    private static final String BY_NAME = "SELECT " + STATUS_COLUMNS + " FROM feeds f WHERE f.name = ?";

    private final Database database;

    public FeedStore(Database database) {
        this.database = database;
    }

    /**
     * Makes the stored feeds match the configuration: new names are inserted, changed URLs or tags
     * updated, and feeds no longer configured marked inactive (their entries stay searchable).
     *
     * @return the stored id of every configured feed, by name
     */
    public Map<String, Long> sync(List<FeedSpec> specs) {
        return database.inTransaction(connection -> {
            try (PreparedStatement deactivate = connection.prepareStatement("UPDATE feeds SET active = 0")) {
                deactivate.executeUpdate();
            }
            Map<String, Long> ids = new HashMap<>();
            // A changed config URL resets the fetch URL and its validators; an unchanged one keeps the
            // URL a permanent redirect moved us to.
            String upsert = "INSERT INTO feeds (name, config_url, url, tags, active) VALUES (?, ?, ?, ?, 1)"
                    + " ON CONFLICT (name) DO UPDATE SET active = 1, tags = excluded.tags,"
                    + " url = CASE WHEN feeds.config_url = excluded.config_url THEN feeds.url ELSE excluded.url END,"
                    + " etag = CASE WHEN feeds.config_url = excluded.config_url THEN feeds.etag END,"
                    + " last_modified = CASE WHEN feeds.config_url = excluded.config_url THEN feeds.last_modified END,"
                    + " config_url = excluded.config_url"
                    + " RETURNING id";
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                for (FeedSpec spec : specs) {
                    statement.setString(1, spec.name());
                    statement.setString(2, spec.url().toString());
                    statement.setString(3, spec.url().toString());
                    statement.setString(4, Sql.joinList(spec.tags()));
                    try (ResultSet rs = statement.executeQuery()) {
                        rs.next();
                        ids.put(spec.name(), rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Every feed, active ones first, by name. */
    public List<FeedStatus> list() {
        return database.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + STATUS_COLUMNS + " FROM feeds f ORDER BY f.active DESC, f.name")) {
                return readStatuses(statement);
            }
        });
    }

    public Optional<FeedStatus> byName(String name) {
        return database.read(connection -> {
            PreparedStatement statement = database.statement(connection, BY_NAME);
            statement.setString(1, name);
            return readStatuses(statement).stream().findFirst();
        });
    }

    private static List<FeedStatus> readStatuses(PreparedStatement statement) throws SQLException {
        List<FeedStatus> result = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                result.add(new FeedStatus(
                        rs.getLong("id"),
                        rs.getString("name"),
                        URI.create(rs.getString("url")),
                        Sql.splitList(rs.getString("tags")),
                        rs.getString("title"),
                        rs.getString("etag"),
                        rs.getString("last_modified"),
                        Sql.instant(rs, "last_fetched"),
                        Sql.integer(rs, "last_status"),
                        rs.getString("last_outcome"),
                        rs.getString("last_error"),
                        rs.getInt("consecutive_failures"),
                        Sql.instant(rs, "next_check"),
                        rs.getLong("entry_count")));
            }
        }
        return result;
    }

    /** The content hash of every stored entry of a feed, by entry key: unchanged entries are skipped. */
    public Map<String, String> entryHashes(long feedId) {
        return database.read(connection -> {
            Map<String, String> hashes = new HashMap<>();
            PreparedStatement statement =
                    database.statement(connection, "SELECT key, content_hash FROM entries WHERE feed_id = ?");
            statement.setLong(1, feedId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    hashes.put(rs.getString(1), rs.getString(2));
                }
            }
            return hashes;
        });
    }

    /** When the feed's stored entries were published (first seen, for undated ones), newest first. */
    public List<Instant> recentEntryDates(long feedId, int limit) {
        return database.read(connection -> {
            List<Instant> dates = new ArrayList<>();
            PreparedStatement statement = database.statement(
                    connection,
                    "SELECT COALESCE(published, first_seen) FROM entries WHERE feed_id = ?"
                            + " ORDER BY COALESCE(published, first_seen) DESC LIMIT ?");
            statement.setLong(1, feedId);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    dates.add(Instant.ofEpochMilli(rs.getLong(1)));
                }
            }
            return dates;
        });
    }
}
