package org.gleaner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The delivery outbox. Each channel is a queue in alert order: its oldest pending delivery goes first
 * and, while it waits for a retry, nothing behind it is sent (delivery in order per watch). Dead
 * deliveries step aside and can be replayed.
 */
public final class DeliveryStore {
    private final Database database;

    public DeliveryStore(Database database) {
        this.database = database;
    }

    /** Channels (enabled) that have a pending delivery due by {@code now}. */
    public List<Long> channelsWithDue(Instant now) {
        return database.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT d.channel_id FROM deliveries d"
                    + " JOIN watch_channels ch ON ch.id = d.channel_id"
                    + " WHERE d.state = 'pending' AND d.due_at <= ? AND ch.disabled_reason IS NULL"
                    + " ORDER BY d.channel_id")) {
                s.setLong(1, now.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * The channel's next batch when it may be sent now: its oldest pending delivery (with, for a
     * digest, every pending delivery of the same window). Empty when that delivery waits for a retry.
     */
    public Optional<Delivery.Batch> next(long channelId, Instant now) {
        return database.read(c -> {
            WatchChannel channel;
            try (PreparedStatement s = c.prepareStatement("SELECT id, watch_id, kind, target, secret, disabled_reason"
                    + " FROM watch_channels WHERE id = ?")) {
                s.setLong(1, channelId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    channel = WatchStore.channel(rs);
                }
            }
            if (channel.disabledReason() != null) {
                return Optional.empty();
            }
            Watch watch;
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, query, pace, paused, feed_token,"
                    + " version, error, created, updated FROM watches WHERE id = ?")) {
                s.setLong(1, channel.watchId());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    watch = WatchStore.watch(rs, List.of(channel));
                }
            }
            List<Delivery.Item> head = items(c, channelId, null, 1);
            if (head.isEmpty()) {
                return Optional.empty();
            }
            Delivery.Item first = head.get(0);
            if (first.dueAt().isAfter(now) || first.nextAttempt().isAfter(now)) {
                return Optional.empty();
            }
            List<Delivery.Item> items =
                    watch.pace() == Watch.Pace.IMMEDIATE ? head : items(c, channelId, first.dueAt(), Integer.MAX_VALUE);
            return Optional.of(new Delivery.Batch(watch, channel, items));
        });
    }

    private static List<Delivery.Item> items(Connection c, long channelId, @Nullable Instant dueAt, int limit)
            throws SQLException {
        List<Delivery.Item> items = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT d.id AS delivery_id, d.attempts, d.due_at,"
                + " d.next_attempt, a.id, a.watch_id, a.story_id, a.doc_key, a.title, a.url, a.published,"
                + " a.passage, a.matched_at FROM deliveries d JOIN alerts a ON a.id = d.alert_id"
                + " WHERE d.channel_id = ? AND d.state = 'pending'"
                + (dueAt == null ? "" : " AND d.due_at = ?")
                + " ORDER BY d.due_at, a.id LIMIT ?")) {
            s.setLong(1, channelId);
            int next = 2;
            if (dueAt != null) {
                s.setLong(next++, dueAt.toEpochMilli());
            }
            s.setInt(next, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(new Delivery.Item(
                            rs.getLong("delivery_id"),
                            AlertStore.alert(rs),
                            rs.getInt("attempts"),
                            Instant.ofEpochMilli(rs.getLong("due_at")),
                            Instant.ofEpochMilli(rs.getLong("next_attempt"))));
                }
            }
        }
        return items;
    }

    public void delivered(List<Long> deliveryIds, int status, Instant now) {
        update(
                deliveryIds,
                "UPDATE deliveries SET state = 'delivered', attempts = attempts + 1, last_status = ?,"
                        + " last_error = NULL, delivered_at = ? WHERE id = ?",
                s -> {
                    s.setInt(1, status);
                    s.setLong(2, now.toEpochMilli());
                });
    }

    public void retryAt(List<Long> deliveryIds, Instant next, @Nullable Integer status, String error) {
        update(
                deliveryIds,
                "UPDATE deliveries SET attempts = attempts + 1, next_attempt = ?, last_status = ?,"
                        + " last_error = ? WHERE id = ?",
                s -> {
                    s.setLong(1, next.toEpochMilli());
                    setInteger(s, 2, status);
                    s.setString(3, error);
                });
    }

    public void dead(List<Long> deliveryIds, @Nullable Integer status, String error) {
        update(
                deliveryIds,
                "UPDATE deliveries SET state = 'dead', attempts = attempts + 1, last_status = ?,"
                        + " last_error = ? WHERE id = ?",
                s -> {
                    setInteger(s, 1, status);
                    s.setString(2, error);
                });
    }

    /** The endpoint is gone (410): the channel stops; its deliveries stay pending until a replay. */
    public void disableChannel(long channelId, String reason) {
        database.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE watch_channels SET disabled_reason = ? WHERE id = ?")) {
                s.setString(1, reason);
                s.setLong(2, channelId);
                return s.executeUpdate();
            }
        });
    }

    /** Dead deliveries, oldest first. */
    public List<Delivery.Dead> dead() {
        return database.read(c -> {
            List<Delivery.Dead> dead = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT d.id, w.name, ch.kind, ch.target, a.title, a.url,"
                            + " d.attempts, d.last_status, d.last_error, d.due_at FROM deliveries d"
                            + " JOIN alerts a ON a.id = d.alert_id JOIN watches w ON w.id = a.watch_id"
                            + " JOIN watch_channels ch ON ch.id = d.channel_id WHERE d.state = 'dead' ORDER BY d.id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    dead.add(new Delivery.Dead(
                            rs.getLong(1),
                            rs.getString(2),
                            WatchChannel.Kind.parse(rs.getString(3)).orElse(WatchChannel.Kind.WEBHOOK),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            Sql.integer(rs, "last_status"),
                            rs.getString(9),
                            Instant.ofEpochMilli(rs.getLong(10))));
                }
            }
            return dead;
        });
    }

    /**
     * Sends a dead delivery again (and re-enables its channel if a 410 had stopped it): it becomes
     * pending with a fresh retry budget. False when no dead delivery has that id.
     */
    public boolean replay(long deliveryId, Instant now) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE deliveries SET state = 'pending', attempts = 0,"
                    + " due_at = ?, next_attempt = ? WHERE id = ? AND state = 'dead'")) {
                s.setLong(1, now.toEpochMilli());
                s.setLong(2, now.toEpochMilli());
                s.setLong(3, deliveryId);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE watch_channels SET disabled_reason = NULL"
                    + " WHERE id = (SELECT channel_id FROM deliveries WHERE id = ?)")) {
                s.setLong(1, deliveryId);
                s.executeUpdate();
            }
            return true;
        });
    }

    /** How many deliveries are in each state. */
    public Map<Delivery.State, Long> counts() {
        return database.read(c -> {
            Map<Delivery.State, Long> counts = new EnumMap<>(Delivery.State.class);
            for (Delivery.State state : Delivery.State.values()) {
                counts.put(state, 0L);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM deliveries GROUP BY state");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(
                            Delivery.State.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    private void update(List<Long> ids, String sql, Binder binder) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int idIndex = s.getParameterMetaData().getParameterCount();
                for (long id : ids) {
                    binder.bind(s);
                    s.setLong(idIndex, id);
                    s.executeUpdate();
                }
            }
            return ids.size();
        });
    }

    private static void setInteger(PreparedStatement s, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
