package org.gleaner.store;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.gleaner.model.Article;
import org.gleaner.model.Entry;
import org.jspecify.annotations.Nullable;

/**
 * Everything one feed refresh writes, committed in one transaction so the feed's validators never
 * run ahead of its entries and articles (DESIGN invariant 2).
 */
public record RefreshBatch(long feedId, FetchState state, List<EntryWrite> entries, List<ArticleWrite> articles) {
    public RefreshBatch {
        entries = List.copyOf(entries);
        articles = List.copyOf(articles);
    }

    /** How the refresh went, and the validators to send next time. */
    public record FetchState(
            Instant fetchedAt,
            Outcome outcome,
            @Nullable Integer httpStatus,
            @Nullable String error,
            @Nullable String etag,
            @Nullable String lastModified,
            @Nullable URI movedTo,
            @Nullable String feedTitle,
            @Nullable Instant nextCheck) {}

    /** The word shown for a feed's last refresh. */
    public enum Outcome {
        OK("ok"),
        NOT_MODIFIED("not-modified"),
        RATE_LIMITED("rate-limited"),
        FAILED("failed"),
        GONE("gone");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Only a response that answered the request (200 or 304) replaces validators and clears failures. */
        boolean isFailure() {
            return this != OK && this != NOT_MODIFIED;
        }
    }

    /** A new or changed entry, with the hash of what the feed sent and the site of its story. */
    public record EntryWrite(Entry entry, String contentHash, @Nullable String site) {}

    /**
     * A source article, the registered domain it lives on, and a near-duplicate fingerprint of its text
     * (a 64-bit SimHash; null when the text is too short to compare) that groups syndicated copies.
     */
    public record ArticleWrite(Article article, @Nullable String site, @Nullable Long fingerprint) {
        public ArticleWrite(Article article, @Nullable String site) {
            this(article, site, null);
        }
    }
}
