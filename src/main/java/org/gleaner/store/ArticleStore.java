package org.gleaner.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** Reads of stored source articles. */
public final class ArticleStore {
    private final Database database;

    public ArticleStore(Database database) {
        this.database = database;
    }

    /** Whether an article with this key is stored: a story already fetched is not fetched again. */
    public boolean exists(String articleKey) {
        return database.read(connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM articles WHERE key = ?")) {
                s.setString(1, articleKey);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
