package org.gleaner.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.gleaner.model.Article;
import org.gleaner.model.Entry;
import org.gleaner.store.Database.Durability;
import org.gleaner.store.RefreshBatch.ArticleWrite;
import org.gleaner.store.RefreshBatch.EntryWrite;
import org.gleaner.store.RefreshBatch.FetchState;
import org.jspecify.annotations.Nullable;

/**
 * Writes a feed refresh: articles, entries, change-log lines and the feed's fetch state, atomically.
 *
 * <p>Refreshes running at once share commits (group commit): a caller queues its batch, and whichever
 * caller gets the commit lock writes every queued batch in one transaction, each inside its own
 * savepoint, so one failing batch is rolled back alone and the others commit. A caller returns only
 * once its batch is committed, with the durability its batch needs, so nothing changes for callers
 * except that concurrent refreshes share one disk sync instead of queueing for one each.
 */
public final class RefreshStore {
    /** Batches written in one transaction at most: bounds how long one commit holds the writer. */
    static final int MAX_GROUP = 256;

    private final Database database;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();

    public RefreshStore(Database database) {
        this.database = database;
    }

    /** A queued batch and, once its group has committed, what came of it. Guarded by the commit lock. */
    private static final class Pending {
        final RefreshBatch batch;
        boolean done;
        long sequence;

        @Nullable
        RuntimeException failure;

        Pending(RefreshBatch batch) {
            this.batch = batch;
        }
    }

    /**
     * Commits the batch in one transaction and returns the highest change sequence it wrote (0 if none).
     * A batch that only records fetch state (a 304, a failure, a feed with nothing new) is not synced to
     * disk before returning: a power cut may lose it, which costs one re-fetch; a batch with entries or
     * articles is.
     */
    public long commit(RefreshBatch batch) {
        Pending mine = new Pending(batch);
        queued.add(mine);
        commitLock.lock();
        try {
            while (!mine.done) {
                List<Pending> group = new ArrayList<>();
                for (Pending next; group.size() < MAX_GROUP && (next = queued.poll()) != null; ) {
                    group.add(next);
                }
                writeGroup(group);
            }
        } finally {
            commitLock.unlock();
        }
        RuntimeException failure = mine.failure;
        if (failure != null) {
            throw failure;
        }
        return mine.sequence;
    }

    private void writeGroup(List<Pending> group) {
        boolean durable = group.stream().anyMatch(p -> !isStateOnly(p.batch));
        long[] sequences = new long[group.size()];
        @Nullable RuntimeException[] failures = new RuntimeException[group.size()];
        try {
            database.inTransaction(durable ? Durability.POWER_CUT_SAFE : Durability.CRASH_SAFE, connection -> {
                for (int i = 0; i < group.size(); i++) {
                    RefreshBatch batch = group.get(i).batch;
                    if (isStateOnly(batch)) {
                        // One UPDATE: SQLite undoes a failed statement by itself, so no savepoint is needed
                        // (two statements fewer for every 304).
                        try {
                            updateFeed(connection, batch.feedId(), batch.state());
                        } catch (SQLException | RuntimeException e) {
                            failures[i] = e instanceof RuntimeException r
                                    ? r
                                    : new StoreException("database write failed: " + e.getMessage(), e);
                        }
                        continue;
                    }
                    database.statement(connection, "SAVEPOINT refresh").execute();
                    try {
                        sequences[i] = write(connection, batch);
                        database.statement(connection, "RELEASE refresh").execute();
                    } catch (SQLException | RuntimeException e) {
                        database.statement(connection, "ROLLBACK TO refresh").execute();
                        database.statement(connection, "RELEASE refresh").execute();
                        failures[i] = e instanceof RuntimeException r
                                ? r
                                : new StoreException("database write failed: " + e.getMessage(), e);
                    }
                }
                return group.size();
            });
        } catch (RuntimeException e) {
            // The commit itself failed: nothing of the group is stored.
            Arrays.fill(failures, e);
        }
        for (int i = 0; i < group.size(); i++) {
            Pending pending = group.get(i);
            pending.sequence = failures[i] == null ? sequences[i] : 0;
            pending.failure = failures[i];
            pending.done = true;
        }
    }

    private static boolean isStateOnly(RefreshBatch batch) {
        return batch.entries().isEmpty() && batch.articles().isEmpty();
    }

    /** Writes a batch with entries or articles (state-only batches are one {@link #updateFeed}). */
    private long write(Connection connection, RefreshBatch batch) throws SQLException {
        Set<String> changed = new LinkedHashSet<>();
        for (ArticleWrite article : batch.articles()) {
            upsertArticle(connection, article);
            assignStory(connection, article);
            changed.add(DocumentKeys.article(article.article().key()));
        }
        for (EntryWrite entry : batch.entries()) {
            String previousArticle = upsertEntry(connection, batch.feedId(), entry, batch.state());
            changed.add(DocumentKeys.of(batch.feedId(), entry.entry()));
            // The entry's old document (entry-only, or another article) must be re-read too.
            if (previousArticle != null) {
                changed.add(DocumentKeys.article(previousArticle));
            }
            if (entry.entry().articleKey() != null) {
                changed.add(DocumentKeys.entry(batch.feedId(), entry.entry().key()));
            }
        }
        long sequence = appendChanges(connection, changed, batch.state());
        updateFeed(connection, batch.feedId(), batch.state());
        return sequence;
    }

    private void upsertArticle(Connection connection, ArticleWrite write) throws SQLException {
        Article a = write.article();
        String sql = "INSERT INTO articles (key, url, site, title, byline, published, modified, site_name, language,"
                + " description, lead_image, html, text, fetched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (key) DO UPDATE SET url = excluded.url, site = excluded.site,"
                + " title = excluded.title, byline = excluded.byline, published = excluded.published,"
                + " modified = excluded.modified, site_name = excluded.site_name, language = excluded.language,"
                + " description = excluded.description, lead_image = excluded.lead_image, html = excluded.html,"
                + " text = excluded.text, fetched_at = excluded.fetched_at";
        PreparedStatement s = database.statement(connection, sql);
        s.setString(1, a.key());
        s.setString(2, a.url().toString());
        s.setString(3, write.site());
        s.setString(4, a.title());
        s.setString(5, a.byline());
        Sql.setInstant(s, 6, a.published());
        Sql.setInstant(s, 7, a.modified());
        s.setString(8, a.siteName());
        s.setString(9, a.language());
        s.setString(10, a.description());
        s.setString(11, a.leadImage());
        s.setString(12, a.html());
        s.setString(13, a.text());
        Sql.setInstant(s, 14, a.fetchedAt());
        s.executeUpdate();
    }

    /** Bits two fingerprints may differ by and still be the same story (syndicated copies, small edits). */
    static final int SAME_STORY_MAX_DISTANCE = 3;

    /**
     * Gives the article the story id of an earlier near-duplicate (a syndicated copy on another URL), or
     * its own key. Candidates share one 16-bit band of the fingerprint, which every pair within three
     * bits does, so the lookup stays on indexes however many articles are stored.
     */
    private void assignStory(Connection connection, ArticleWrite write) throws SQLException {
        String key = write.article().key();
        Long fingerprint = write.fingerprint();
        String story = key;
        if (fingerprint != null) {
            long f = fingerprint;
            PreparedStatement s = database.statement(
                    connection,
                    "SELECT key, story_id, fingerprint FROM articles WHERE key <> ? AND fingerprint IS NOT NULL"
                            + " AND (band0 = ? OR band1 = ? OR band2 = ? OR band3 = ?) ORDER BY fetched_at, key");
            s.setString(1, key);
            for (int band = 0; band < 4; band++) {
                s.setLong(2 + band, band(f, band));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (Long.bitCount(rs.getLong("fingerprint") ^ f) <= SAME_STORY_MAX_DISTANCE) {
                        String earlier = rs.getString("story_id");
                        story = earlier != null ? earlier : rs.getString("key");
                        break;
                    }
                }
            }
        }
        PreparedStatement s = database.statement(
                connection,
                "UPDATE articles SET story_id = ?, fingerprint = ?,"
                        + " band0 = ?, band1 = ?, band2 = ?, band3 = ? WHERE key = ?");
        s.setString(1, story);
        for (int band = 0; band < 4; band++) {
            if (fingerprint == null) {
                s.setNull(3 + band, java.sql.Types.INTEGER);
            } else {
                s.setLong(3 + band, band(fingerprint, band));
            }
        }
        if (fingerprint == null) {
            s.setNull(2, java.sql.Types.INTEGER);
        } else {
            s.setLong(2, fingerprint);
        }
        s.setString(7, key);
        s.executeUpdate();
    }

    private static long band(long fingerprint, int band) {
        return (fingerprint >>> (16 * band)) & 0xFFFF;
    }

    /** Upserts the entry and returns the article it pointed at before, when that differs from now. */
    private @Nullable String upsertEntry(Connection connection, long feedId, EntryWrite write, FetchState state)
            throws SQLException {
        Entry e = write.entry();
        String previous = null;
        PreparedStatement select =
                database.statement(connection, "SELECT article_key FROM entries WHERE feed_id = ? AND key = ?");
        select.setLong(1, feedId);
        select.setString(2, e.key());
        try (ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                previous = rs.getString(1);
            }
        }
        String sql = "INSERT INTO entries (feed_id, key, title, link, site, author, published, updated, categories,"
                + " html, text, content_hash, article_key, article_note, first_seen)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                + " ON CONFLICT (feed_id, key) DO UPDATE SET title = excluded.title, link = excluded.link,"
                + " site = excluded.site, author = excluded.author, published = excluded.published,"
                + " updated = excluded.updated, categories = excluded.categories, html = excluded.html,"
                + " text = excluded.text, content_hash = excluded.content_hash,"
                + " article_key = excluded.article_key, article_note = excluded.article_note";
        PreparedStatement s = database.statement(connection, sql);
        s.setLong(1, feedId);
        s.setString(2, e.key());
        s.setString(3, e.title());
        s.setString(4, Sql.string(e.link()));
        s.setString(5, write.site());
        s.setString(6, e.author());
        Sql.setInstant(s, 7, e.published());
        Sql.setInstant(s, 8, e.updated());
        s.setString(9, Sql.joinList(e.categories()));
        s.setString(10, e.html());
        s.setString(11, e.text());
        s.setString(12, write.contentHash());
        s.setString(13, e.articleKey());
        s.setString(14, e.articleNote());
        Sql.setInstant(s, 15, state.fetchedAt());
        s.executeUpdate();
        return previous != null && !previous.equals(e.articleKey()) ? previous : null;
    }

    private long appendChanges(Connection connection, Set<String> documentKeys, FetchState state) throws SQLException {
        long last = 0;
        PreparedStatement s =
                database.statement(connection, "INSERT INTO changes (doc_key, at) VALUES (?, ?) RETURNING seq");
        for (String key : documentKeys) {
            s.setString(1, key);
            Sql.setInstant(s, 2, state.fetchedAt());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            }
        }
        return last;
    }

    private void updateFeed(Connection connection, long feedId, FetchState state) throws SQLException {
        boolean failure = state.outcome().isFailure();
        // Validators change only on a response that carried them (200 or 304): a failure keeps the old ones.
        String sql = "UPDATE feeds SET last_fetched = ?, last_status = ?, last_outcome = ?, last_error = ?,"
                + " next_check = ?,"
                + " etag = CASE WHEN ? THEN etag ELSE ? END,"
                + " last_modified = CASE WHEN ? THEN last_modified ELSE ? END,"
                + " url = COALESCE(?, url), title = COALESCE(?, title),"
                + " consecutive_failures = CASE WHEN ? THEN consecutive_failures + 1 ELSE 0 END,"
                + " failing_since = CASE WHEN ? THEN COALESCE(failing_since, ?) END"
                + " WHERE id = ?";
        PreparedStatement s = database.statement(connection, sql);
        Sql.setInstant(s, 1, state.fetchedAt());
        Sql.setInteger(s, 2, state.httpStatus());
        s.setString(3, state.outcome().label());
        s.setString(4, state.error());
        Sql.setInstant(s, 5, state.nextCheck());
        s.setBoolean(6, failure);
        s.setString(7, state.etag());
        s.setBoolean(8, failure);
        s.setString(9, state.lastModified());
        s.setString(10, Sql.string(state.movedTo()));
        s.setString(11, state.feedTitle());
        s.setBoolean(12, failure);
        s.setBoolean(13, failure);
        Sql.setInstant(s, 14, state.fetchedAt());
        s.setLong(15, feedId);
        if (s.executeUpdate() != 1) {
            throw new SQLException("no feed with id " + feedId);
        }
    }
}
