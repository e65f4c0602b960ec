package org.gleaner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Watches and their channels. Every edit also appends to {@code watch_changes}, so a monitor running
 * in another process (the server while the CLI edits) picks the edit up.
 */
public final class WatchStore {
    private static final String COLUMNS = "id, name, query, pace, paused, feed_token, version, error, created, updated";

    private final Database database;

    public WatchStore(Database database) {
        this.database = database;
    }

    /** A change to apply to the query index: the watch that changed (it may since have been deleted). */
    public record Change(long sequence, long watchId) {}

    /** Creates a watch. The name must be free ({@link #byName} first); a taken name is a {@link StoreException}. */
    public Watch create(
            String name,
            String query,
            Watch.Pace pace,
            @Nullable String feedToken,
            List<WatchChannel.Spec> channels,
            Instant now) {
        long id = database.inTransaction(c -> {
            long watchId;
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO watches (name, query, pace, paused, feed_token, version, created, updated)"
                            + " VALUES (?, ?, ?, 0, ?, 1, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, name);
                s.setString(2, query);
                s.setString(3, pace.label());
                setString(s, 4, feedToken);
                s.setLong(5, now.toEpochMilli());
                s.setLong(6, now.toEpochMilli());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    watchId = keys.getLong(1);
                }
            }
            insertChannels(c, watchId, channels);
            logChange(c, watchId);
            return watchId;
        });
        return byId(id).orElseThrow();
    }

    /**
     * Changes a watch; null arguments keep the current value. Channels, when given, replace the
     * current set (a channel kept by kind and target keeps its id, secret and outbox).
     */
    public Optional<Watch> update(
            long id,
            @Nullable String query,
            Watch.@Nullable Pace pace,
            @Nullable List<WatchChannel.Spec> channels,
            Instant now) {
        boolean found = database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE watches SET query = COALESCE(?, query),"
                    + " pace = COALESCE(?, pace), version = version + 1, updated = ?, error = NULL WHERE id = ?")) {
                setString(s, 1, query);
                setString(s, 2, pace == null ? null : pace.label());
                s.setLong(3, now.toEpochMilli());
                s.setLong(4, id);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            if (channels != null) {
                List<WatchChannel> current = channels(c, List.of(id)).getOrDefault(id, List.of());
                for (WatchChannel existing : current) {
                    boolean kept = channels.stream()
                            .anyMatch(spec -> spec.kind() == existing.kind()
                                    && spec.target().equals(existing.target()));
                    if (!kept) {
                        try (PreparedStatement s = c.prepareStatement("DELETE FROM watch_channels WHERE id = ?")) {
                            s.setLong(1, existing.id());
                            s.executeUpdate();
                        }
                    }
                }
                List<WatchChannel.Spec> added = channels.stream()
                        .filter(spec -> current.stream()
                                .noneMatch(ch ->
                                        ch.kind() == spec.kind() && ch.target().equals(spec.target())))
                        .toList();
                insertChannels(c, id, added);
            }
            logChange(c, id);
            return true;
        });
        return found ? byId(id) : Optional.empty();
    }

    public boolean setPaused(long id, boolean paused, Instant now) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE watches SET paused = ?, version = version + 1, updated = ? WHERE id = ?")) {
                s.setInt(1, paused ? 1 : 0);
                s.setLong(2, now.toEpochMilli());
                s.setLong(3, id);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            logChange(c, id);
            return true;
        });
    }

    /** Removes a watch with its channels, alerts and outbox. */
    public boolean delete(long id) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM watches WHERE id = ?")) {
                s.setLong(1, id);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            logChange(c, id);
            return true;
        });
    }

    /** Makes the watch's Atom feed private with {@code token}, or public with null. */
    public void setFeedToken(long id, @Nullable String token) {
        setColumn(id, "feed_token", s -> setString(s, 1, token));
    }

    /** Marks a watch as owned by the configuration file ({@code watches:}), or as the user's own. */
    public void setDeclared(long id, boolean declared) {
        setColumn(id, "declared", s -> s.setInt(1, declared ? 1 : 0));
    }

    /** Whether the configuration file owns this watch. */
    public boolean isDeclared(long id) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT declared FROM watches WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getInt(1) != 0;
                }
            }
        });
    }

    /** The names of the watches the configuration file owns. */
    public Set<String> declaredNames() {
        return database.read(c -> {
            Set<String> names = new TreeSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT name FROM watches WHERE declared = 1");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    /** Records (or clears, with null) why a watch's query cannot run. Not an edit: no change is logged. */
    public void setError(long id, @Nullable String error) {
        setColumn(id, "error", s -> setString(s, 1, error));
    }

    /** Sets one column of one watch, bound as parameter 1, without logging a change. */
    private void setColumn(long id, String column, Binder value) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE watches SET " + column + " = ? WHERE id = ?")) {
                value.bind(s);
                s.setLong(2, id);
                return s.executeUpdate();
            }
        });
    }

    public Optional<Watch> byId(long id) {
        return one("SELECT " + COLUMNS + " FROM watches WHERE id = ?", s -> s.setLong(1, id));
    }

    public Optional<Watch> byName(String name) {
        return one("SELECT " + COLUMNS + " FROM watches WHERE name = ?", s -> s.setString(1, name));
    }

    /** Every watch, by name. */
    public List<Watch> all() {
        return database.read(c -> {
            List<Watch> watches = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM watches ORDER BY name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    watches.add(watch(rs, List.of()));
                }
            }
            Map<Long, List<WatchChannel>> channels = channels(c, null);
            return watches.stream()
                    .map(w -> withChannels(w, channels.getOrDefault(w.id(), List.of())))
                    .toList();
        });
    }

    /** The highest watch change so far, 0 when none. */
    public long changeHead() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM watch_changes");
                    ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Watch edits after {@code afterSequence}, oldest first. */
    public List<Change> changesAfter(long afterSequence, int limit) {
        return database.read(c -> {
            List<Change> changes = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT seq, watch_id FROM watch_changes WHERE seq > ? ORDER BY seq LIMIT ?")) {
                s.setLong(1, afterSequence);
                s.setInt(2, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        changes.add(new Change(rs.getLong(1), rs.getLong(2)));
                    }
                }
            }
            return changes;
        });
    }

    private Optional<Watch> one(String sql, Binder binder) {
        return database.read(c -> {
            Watch found;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    found = watch(rs, List.of());
                }
            }
            return Optional.of(
                    withChannels(found, channels(c, List.of(found.id())).getOrDefault(found.id(), List.of())));
        });
    }

    private static Watch withChannels(Watch w, List<WatchChannel> channels) {
        return new Watch(
                w.id(),
                w.name(),
                w.query(),
                w.pace(),
                w.paused(),
                w.feedToken(),
                w.version(),
                w.error(),
                w.created(),
                w.updated(),
                channels);
    }

    static Watch watch(ResultSet rs, List<WatchChannel> channels) throws SQLException {
        return new Watch(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("query"),
                Watch.Pace.parse(rs.getString("pace")).orElse(Watch.Pace.IMMEDIATE),
                rs.getInt("paused") != 0,
                rs.getString("feed_token"),
                rs.getInt("version"),
                rs.getString("error"),
                Instant.ofEpochMilli(rs.getLong("created")),
                Instant.ofEpochMilli(rs.getLong("updated")),
                channels);
    }

    static WatchChannel channel(ResultSet rs) throws SQLException {
        return new WatchChannel(
                rs.getLong("id"),
                rs.getLong("watch_id"),
                WatchChannel.Kind.parse(rs.getString("kind")).orElse(WatchChannel.Kind.WEBHOOK),
                rs.getString("target"),
                rs.getString("secret"),
                rs.getString("disabled_reason"));
    }

    /** Channels per watch: of the given watches, or of all watches when {@code watchIds} is null. */
    static Map<Long, List<WatchChannel>> channels(Connection c, @Nullable List<Long> watchIds) throws SQLException {
        Map<Long, List<WatchChannel>> byWatch = new HashMap<>();
        String sql = "SELECT id, watch_id, kind, target, secret, disabled_reason FROM watch_channels"
                + (watchIds == null ? "" : " WHERE watch_id = ?") + " ORDER BY id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (watchIds == null) {
                collectChannels(s, byWatch);
            } else {
                for (long id : watchIds) {
                    s.setLong(1, id);
                    collectChannels(s, byWatch);
                }
            }
        }
        return byWatch;
    }

    private static void collectChannels(PreparedStatement s, Map<Long, List<WatchChannel>> byWatch)
            throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                WatchChannel channel = channel(rs);
                byWatch.computeIfAbsent(channel.watchId(), k -> new ArrayList<>())
                        .add(channel);
            }
        }
    }

    private static void insertChannels(Connection c, long watchId, List<WatchChannel.Spec> channels)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO watch_channels (watch_id, kind, target, secret) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (watch_id, kind, target) DO NOTHING")) {
            for (WatchChannel.Spec spec : channels) {
                s.setLong(1, watchId);
                s.setString(2, spec.kind().label());
                s.setString(3, spec.target());
                setString(s, 4, spec.secret());
                s.executeUpdate();
            }
        }
    }

    private static void logChange(Connection c, long watchId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO watch_changes (watch_id) VALUES (?)")) {
            s.setLong(1, watchId);
            s.executeUpdate();
        }
    }

    static void setString(PreparedStatement s, int index, @Nullable String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
