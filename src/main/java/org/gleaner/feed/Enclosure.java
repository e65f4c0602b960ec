package org.gleaner.feed;

import org.jspecify.annotations.Nullable;

/**
 * A media file attached to an entry (RSS enclosure, Atom link rel="enclosure", JSON Feed attachment).
 *
 * @param url absolute
 * @param length in bytes when the feed states a non-negative number, else null
 */
public record Enclosure(String url, @Nullable String type, @Nullable Long length) {}
