package org.gleaner.extract;

/**
 * The main content of a page.
 *
 * @param text plain text, paragraphs (headings, list items, quotes each their own) separated by a blank line
 * @param html the same content as sanitized HTML, safe to show (see {@link HtmlSanitizer})
 */
public record ExtractedArticle(String text, String html, PageMetadata metadata) implements ExtractionResult {}
