package org.gleaner.extract;

/** What the extractor made of one page: an article, or the reason there is none. */
public sealed interface ExtractionResult permits ExtractedArticle, NoArticle {
    /** The page's metadata, read even when it has no article. */
    PageMetadata metadata();
}
