package org.gleaner.extract;

/**
 * A page without an article (a paywall, a consent wall, a script-only page, an index page).
 *
 * @param reason readable, e.g. "page has no article text (342 characters of content)" or "consent wall"
 */
public record NoArticle(String reason, PageMetadata metadata) implements ExtractionResult {}
