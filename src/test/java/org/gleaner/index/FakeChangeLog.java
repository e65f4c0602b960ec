package org.gleaner.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gleaner.model.Change;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.SearchDocument;
import org.jspecify.annotations.Nullable;

/** An in-memory change log: every put or delete appends a change, like the store does. */
public final class FakeChangeLog implements ChangeLog {
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, SearchDocument> documents = new HashMap<>();
    private int documentReads;

    public synchronized long put(SearchDocument document) {
        documents.put(document.key(), document);
        return append(document.key());
    }

    public synchronized long delete(String key) {
        documents.remove(key);
        return append(key);
    }

    private long append(String key) {
        long sequence = changes.size() + 1L;
        changes.add(new Change(sequence, key));
        return sequence;
    }

    public synchronized int documentReads() {
        return documentReads;
    }

    @Override
    public synchronized List<Change> readAfter(long afterSequence, int limit) {
        List<Change> out = new ArrayList<>();
        for (Change change : changes) {
            if (change.sequence() > afterSequence && out.size() < limit) {
                out.add(change);
            }
        }
        return out;
    }

    @Override
    public synchronized long head() {
        return changes.size();
    }

    @Override
    public synchronized Optional<SearchDocument> document(String documentKey) {
        documentReads++;
        return Optional.ofNullable(documents.get(documentKey));
    }

    /** A document with sensible defaults, for tests that care about a few fields. */
    public static Doc doc(String key) {
        return new Doc(key);
    }

    /** A small builder so tests spell out only what they are about. */
    public static final class Doc {
        private final String key;
        private String title = "";
        private String articleText = "";
        private String entryText = "";
        private List<String> authors = List.of();
        private List<String> feeds = List.of("world-news");
        private @Nullable String site = "example.com";
        private List<String> tags = List.of();
        private @Nullable String language = "en";
        private @Nullable Instant published;
        private @Nullable String url;
        private @Nullable String storyId;

        Doc(String key) {
            this.key = key;
        }

        public Doc title(String value) {
            title = value;
            return this;
        }

        public Doc text(String value) {
            articleText = value;
            return this;
        }

        public Doc entry(String value) {
            entryText = value;
            return this;
        }

        public Doc authors(String... values) {
            authors = List.of(values);
            return this;
        }

        public Doc feeds(String... values) {
            feeds = List.of(values);
            return this;
        }

        public Doc site(@Nullable String value) {
            site = value;
            return this;
        }

        public Doc tags(String... values) {
            tags = List.of(values);
            return this;
        }

        public Doc language(@Nullable String value) {
            language = value;
            return this;
        }

        public Doc published(@Nullable Instant value) {
            published = value;
            return this;
        }

        public Doc url(String value) {
            url = value;
            return this;
        }

        public Doc story(String value) {
            storyId = value;
            return this;
        }

        public SearchDocument build() {
            return new SearchDocument(
                    key,
                    title,
                    articleText,
                    entryText,
                    authors,
                    feeds,
                    site,
                    tags,
                    language,
                    published,
                    url != null ? url : "https://example.com/" + key,
                    storyId != null ? storyId : key);
        }
    }
}
