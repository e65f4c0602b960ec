package org.gleaner.model;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the search index holds for one story: the source article (when one was extracted) together
 * with every entry that pointed at it. An entry without an article is a document on its own.
 *
 * @param key {@code a:<article key>} or {@code e:<feed id>:<entry key>}; the unit of upsert and delete
 * @param articleText the source article's main text, empty when there is none
 * @param entryText the text of every entry that carried the story (excerpt plus commentary)
 * @param feeds names of the feeds that carried it
 * @param site the registered domain of the story's URL
 * @param storyId the id shared by syndicated copies; equal to key until near-duplicates are grouped
 */
public record SearchDocument(
        String key,
        String title,
        String articleText,
        String entryText,
        List<String> authors,
        List<String> feeds,
        @Nullable String site,
        List<String> tags,
        @Nullable String language,
        @Nullable Instant published,
        String url,
        String storyId) {
    public SearchDocument {
        authors = List.copyOf(authors);
        feeds = List.copyOf(feeds);
        tags = List.copyOf(tags);
    }
}
