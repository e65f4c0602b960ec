package org.gleaner.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite database file ({@code index/gleaner.db}) in WAL mode, with versioned migrations.
 *
 * <p>SQLite allows one writer at a time, so writes share one connection behind a lock; reads use a
 * second connection, which WAL lets proceed while a write transaction is open.
 *
 * <p>A write transaction says how durable it must be ({@link Durability}): one that stores entries,
 * articles, alerts or deliveries is synced to disk before it returns; one that only records fetch state
 * (a 304, a failure) is not, because losing it to a power cut costs a re-fetch and nothing else. Hot
 * statements are prepared once per connection ({@link #statement}).
 */
public final class Database implements AutoCloseable {
    /** Applied in order; each file runs once, recorded in {@code schema_version}. Never edit a shipped one. */
    private static final List<String> MIGRATIONS = List.of(
            "V1__initial.sql", "V2__watches.sql", "V3__stories.sql", "V4__declared_watches.sql", "V5__entry_dates.sql");

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();
    /** Prepared statements by SQL text, per connection; used only under that connection's lock. */
    private final Map<String, PreparedStatement> writerStatements = new HashMap<>();

    private final Map<String, PreparedStatement> readerStatements = new HashMap<>();
    /** The synchronous mode the writer connection is in now (changed only between transactions). */
    private Durability writerDurability = Durability.POWER_CUT_SAFE;

    /** How far a committed write transaction must have reached when {@code inTransaction} returns. */
    public enum Durability {
        /**
         * On disk ({@code synchronous=FULL}): survives a power cut. For everything the next fetch could
         * not bring back: entries, articles, change-log lines, alerts, deliveries, configuration.
         */
        POWER_CUT_SAFE("FULL"),
        /**
         * Written to the WAL but not synced ({@code synchronous=NORMAL}): survives a killed process; a
         * power cut may roll back the last such transactions, never a later durable one (the next
         * durable commit syncs them too). For fetch state alone: losing it costs a re-fetch.
         */
        CRASH_SAFE("NORMAL");

        private final String pragma;

        Durability(String pragma) {
            this.pragma = pragma;
        }
    }

    private Database(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (creating if needed) the database and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection writer = connect(file);
            migrate(writer);
            Connection reader = connect(file);
            return new Database(file, writer, reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory for " + file, e);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            // FULL: a committed refresh survives a power cut, not only a killed process. Transactions
            // that only record fetch state relax this one at a time (Durability.CRASH_SAFE).
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA foreign_keys=ON");
            statement.execute("PRAGMA busy_timeout=10000");
        }
        return connection;
    }

    private static void migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int current;
            try (var rs = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                current = rs.next() ? rs.getInt(1) : 0;
            }
            if (current > MIGRATIONS.size()) {
                throw new StoreException("database schema version " + current
                        + " is newer than this Gleaner understands (" + MIGRATIONS.size() + ")");
            }
            for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                connection.setAutoCommit(false);
                try {
                    for (String sql : splitStatements(readMigration(MIGRATIONS.get(version - 1)))) {
                        statement.execute(sql);
                    }
                    statement.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            }
        }
    }

    private static String readMigration(String name) {
        try (InputStream in = Database.class.getResourceAsStream("/db/" + name)) {
            return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Migration files hold plain DDL: statements end with ';' and comments start with '--'. */
    static List<String> splitStatements(String script) {
        StringBuilder cleaned = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            int comment = line.indexOf("--");
            cleaned.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
        }
        return java.util.Arrays.stream(cleaned.toString().split(";"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction: everything it writes commits together or not at all. */
    public <T> T inTransaction(SqlWork<T> work) {
        return inTransaction(Durability.POWER_CUT_SAFE, work);
    }

    /**
     * Runs {@code work} in one write transaction committed with the given durability: everything it
     * writes commits together or not at all.
     */
    public <T> T inTransaction(Durability durability, SqlWork<T> work) {
        writeLock.lock();
        try {
            if (durability != writerDurability) {
                try (Statement statement = writer.createStatement()) {
                    statement.execute("PRAGMA synchronous=" + durability.pragma);
                }
                writerDurability = durability;
            }
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database write failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} on the read connection (a consistent snapshot for the duration of the call). */
    public <T> T read(SqlWork<T> work) {
        readLock.lock();
        try {
            reader.setAutoCommit(false);
            try {
                return work.run(reader);
            } finally {
                reader.rollback();
                reader.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * The prepared statement for {@code sql} on {@code connection} (the one given to the running
     * {@link SqlWork}), prepared on first use and kept until the database closes. The caller must not
     * close it; it sets every parameter before each use and closes the result sets it opens.
     */
    PreparedStatement statement(Connection connection, String sql) throws SQLException {
        Map<String, PreparedStatement> cache;
        if (connection == writer && writeLock.isHeldByCurrentThread()) {
            cache = writerStatements;
        } else if (connection == reader && readLock.isHeldByCurrentThread()) {
            cache = readerStatements;
        } else {
            throw new IllegalStateException("statement() is only for the connection of a running transaction");
        }
        PreparedStatement statement = cache.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            cache.put(sql, statement);
        }
        return statement;
    }

    /** The writer's {@code PRAGMA synchronous} as the last transaction left it (1 NORMAL, 2 FULL). */
    int writerSynchronousMode() {
        writeLock.lock();
        try (Statement statement = writer.createStatement();
                var rs = statement.executeQuery("PRAGMA synchronous")) {
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
            for (PreparedStatement statement : readerStatements.values()) {
                statement.close();
            }
            for (PreparedStatement statement : writerStatements.values()) {
                statement.close();
            }
            readerStatements.clear();
            writerStatements.clear();
            reader.close();
            try (Statement statement = writer.createStatement()) {
                statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("closing database failed: " + e.getMessage(), e);
        } finally {
            readLock.unlock();
            writeLock.unlock();
        }
    }

    /** A unit of database work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
