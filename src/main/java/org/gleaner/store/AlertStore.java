package org.gleaner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Alerts and the change-log cursor of the alert matcher. The alerts of a batch of changes, their
 * outbox rows and the advanced cursor are written in one transaction (DESIGN invariant 3): a crash
 * before the commit re-matches the same changes, and the unique (watch, story) key keeps the replay
 * from producing a second alert.
 */
public final class AlertStore {
    private static final String COLUMNS = "id, watch_id, story_id, doc_key, title, url, published, passage, matched_at";

    private final Database database;

    public AlertStore(Database database) {
        this.database = database;
    }

    /** The last change-log sequence a consumer has fully applied; 0 before its first batch. */
    public long cursor(String consumer) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq FROM cursors WHERE consumer = ?")) {
                s.setString(1, consumer);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /**
     * Starts a consumer at {@code sequence} unless it already has a cursor: watches created on a
     * database full of articles alert on what arrives next, not on history (that is the backfill's job).
     */
    public void startCursor(String consumer, long sequence) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO cursors (consumer, seq) VALUES (?, ?) ON CONFLICT (consumer) DO NOTHING")) {
                s.setString(1, consumer);
                s.setLong(2, sequence);
                return s.executeUpdate();
            }
        });
    }

    /**
     * Stores the matches of the changes up to {@code sequence} and moves {@code consumer}'s cursor
     * there, in one transaction. Matches of paused or deleted watches and stories a watch already
     * alerted on are skipped. Each new alert gets one outbox row per enabled channel of its watch,
     * due at once or at the end of the watch's digest window.
     *
     * @return the alerts that are new
     */
    public List<Alert> commitMatches(String consumer, long sequence, List<Alert.Match> matches, Instant now) {
        return database.inTransaction(c -> {
            List<Alert> added = insert(c, matches, sequence, now);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cursors (consumer, seq) VALUES (?, ?)"
                    + " ON CONFLICT (consumer) DO UPDATE SET seq = excluded.seq")) {
                s.setString(1, consumer);
                s.setLong(2, sequence);
                s.executeUpdate();
            }
            return added;
        });
    }

    /** Stores matches found outside the change log (a new watch's backfill); no cursor moves. */
    public List<Alert> addMatches(List<Alert.Match> matches, Instant now) {
        return database.inTransaction(c -> insert(c, matches, 0L, now));
    }

    private static List<Alert> insert(Connection c, List<Alert.Match> matches, long sequence, Instant now)
            throws SQLException {
        List<Alert> added = new ArrayList<>();
        Map<Long, Watch.@Nullable Pace> paces = new HashMap<>();
        try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO alerts (watch_id, story_id, doc_key, title, url, published, passage, matched_at,"
                                + " change_seq) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?"
                                + " WHERE EXISTS (SELECT 1 FROM watches WHERE id = ? AND paused = 0)"
                                + " ON CONFLICT (watch_id, story_id) DO NOTHING RETURNING id");
                PreparedStatement outbox =
                        c.prepareStatement("INSERT INTO deliveries (alert_id, channel_id, due_at, next_attempt)"
                                + " SELECT ?, id, ?, ? FROM watch_channels"
                                + " WHERE watch_id = ? AND disabled_reason IS NULL"
                                + " ON CONFLICT (alert_id, channel_id) DO NOTHING")) {
            for (Alert.Match m : matches) {
                insert.setLong(1, m.watchId());
                insert.setString(2, m.storyId());
                insert.setString(3, m.documentKey());
                insert.setString(4, m.title());
                insert.setString(5, m.url());
                Sql.setInstant(insert, 6, m.published());
                insert.setString(7, m.passage());
                insert.setLong(8, now.toEpochMilli());
                insert.setLong(9, sequence);
                insert.setLong(10, m.watchId());
                long alertId;
                try (ResultSet rs = insert.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    alertId = rs.getLong(1);
                }
                Watch.Pace pace = paces.computeIfAbsent(m.watchId(), id -> pace(c, id));
                Instant due = (pace == null ? Watch.Pace.IMMEDIATE : pace).dueAt(now);
                outbox.setLong(1, alertId);
                outbox.setLong(2, due.toEpochMilli());
                outbox.setLong(3, due.toEpochMilli());
                outbox.setLong(4, m.watchId());
                outbox.executeUpdate();
                added.add(new Alert(
                        alertId,
                        m.watchId(),
                        m.storyId(),
                        m.documentKey(),
                        m.title(),
                        m.url(),
                        m.published(),
                        m.passage(),
                        now));
            }
        }
        return added;
    }

    private static Watch.@Nullable Pace pace(Connection c, long watchId) {
        try (PreparedStatement s = c.prepareStatement("SELECT pace FROM watches WHERE id = ?")) {
            s.setLong(1, watchId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Watch.Pace.parse(rs.getString(1)).orElse(null) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("reading a watch's pace failed: " + e.getMessage(), e);
        }
    }

    /** A watch's alerts, newest first. */
    public List<Alert> forWatch(long watchId, int limit) {
        return database.read(c -> {
            List<Alert> alerts = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM alerts WHERE watch_id = ? ORDER BY id DESC LIMIT ?")) {
                s.setLong(1, watchId);
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        alerts.add(alert(rs));
                    }
                }
            }
            return alerts;
        });
    }

    public long count(long watchId) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM alerts WHERE watch_id = ?")) {
                s.setLong(1, watchId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(
                rs.getLong("id"),
                rs.getLong("watch_id"),
                rs.getString("story_id"),
                rs.getString("doc_key"),
                rs.getString("title"),
                rs.getString("url"),
                Sql.instant(rs, "published"),
                rs.getString("passage"),
                Instant.ofEpochMilli(rs.getLong("matched_at")));
    }
}
