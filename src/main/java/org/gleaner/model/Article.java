package org.gleaner.model;

import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A source article: the page an entry pointed at, with its extracted main text.
 *
 * @param key the normalized URL (canonical link when the page declares one): one row per story URL
 * @param url the address the page was fetched from (after redirects)
 * @param html the main content as sanitized HTML for display
 * @param text the main content as plain text, paragraphs separated by blank lines
 */
public record Article(
        String key,
        URI url,
        @Nullable String title,
        @Nullable String byline,
        @Nullable Instant published,
        @Nullable Instant modified,
        @Nullable String siteName,
        @Nullable String language,
        @Nullable String description,
        @Nullable String leadImage,
        String html,
        String text,
        Instant fetchedAt) {}
