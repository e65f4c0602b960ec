package org.gleaner.model;

import java.util.List;
import java.util.Optional;

/**
 * The store's append-only log of document changes, read by the indexer and the alert matcher, each
 * with its own cursor (DESIGN invariant 3). Kept as an interface so a PostgreSQL store can replace
 * the SQLite one without touching its consumers.
 */
public interface ChangeLog {
    /** Changes with a sequence greater than {@code afterSequence}, oldest first, at most {@code limit}. */
    List<Change> readAfter(long afterSequence, int limit);

    /** The highest sequence written so far, 0 for an empty log. */
    long head();

    /** The current document for a key, or empty when the document no longer exists (delete it). */
    Optional<SearchDocument> document(String documentKey);
}
