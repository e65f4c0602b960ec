package org.gleaner.store;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Conversions between our values and SQLite columns: epoch milliseconds, newline-joined lists. */
final class Sql {
    private Sql() {}

    static void setInstant(PreparedStatement statement, int index, @Nullable Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value.toEpochMilli());
        }
    }

    static void setInteger(PreparedStatement statement, int index, @Nullable Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static @Nullable Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    static @Nullable URI uri(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : URI.create(value);
    }

    static @Nullable String string(@Nullable URI uri) {
        return uri == null ? null : uri.toString();
    }

    /** Lists are stored newline-joined; a value's own line breaks are flattened to spaces. */
    static String joinList(List<String> values) {
        return String.join(
                "\n",
                values.stream()
                        .map(v -> v.replace('\n', ' ').replace('\r', ' '))
                        .toList());
    }

    static List<String> splitList(@Nullable String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(joined.split("\n", -1));
    }
}
