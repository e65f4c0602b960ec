package org.gleaner.extract;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a page says about itself; every field is null when the page does not say it.
 *
 * @param title the headline without a " | Site Name" suffix
 * @param canonicalUrl absolute URL of the page's declared canonical link (or og:url)
 * @param language primary language subtag in lower case ("en", "fr", "zh"): declared, else detected
 * @param leadImage absolute URL of the page's lead image
 */
public record PageMetadata(
        @Nullable String title,
        @Nullable String byline,
        @Nullable Instant published,
        @Nullable Instant modified,
        @Nullable String canonicalUrl,
        @Nullable String siteName,
        @Nullable String language,
        @Nullable String description,
        @Nullable String leadImage) {

    static final PageMetadata EMPTY = new PageMetadata(null, null, null, null, null, null, null, null, null);
}
