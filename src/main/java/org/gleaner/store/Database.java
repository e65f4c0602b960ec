package org.gleaner.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SQLite database file ({@code index/gleaner.db}) in WAL mode, with versioned migrations.
 *
 * <p>SQLite allows one writer at a time, so writes share one connection behind a lock; reads use a
 * second connection, which WAL lets proceed while a write transaction is open.
 */
public final class Database implements AutoCloseable {
    /** Applied in order; each file runs once, recorded in {@code schema_version}. Never edit a shipped one. */
    private static final List<String> MIGRATIONS =
            List.of("V1__initial.sql", "V2__watches.sql", "V3__stories.sql", "V4__declared_watches.sql");

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock readLock = new ReentrantLock();

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
            // FULL: a committed refresh survives a power cut, not only a killed process.
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
        writeLock.lock();
        try {
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

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        try {
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
