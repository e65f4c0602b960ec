package org.gleaner.model;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

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

    /**
     * The current documents of {@code documentKeys}, in order, each handed to {@code consumer} as soon
     * as it is read (empty for a document to delete). A store reads them in one snapshot: reading a
     * batch costs one transaction, not one per document.
     */
    default void documents(Collection<String> documentKeys, BiConsumer<String, Optional<SearchDocument>> consumer) {
        for (String key : documentKeys) {
            consumer.accept(key, document(key));
        }
    }
}
