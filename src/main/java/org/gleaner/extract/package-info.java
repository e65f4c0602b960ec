/**
 * Everything Gleaner reads out of HTML.
 *
 * <p>Enters: page bytes (with the Content-Type header, if any) or decoded HTML, the page's URI, and feed
 * entry HTML. Leaves: records ({@link org.gleaner.extract.ExtractedArticle} or {@link
 * org.gleaner.extract.NoArticle} with {@link org.gleaner.extract.PageMetadata}), plain strings and
 * URIs: the "Continue reading" target of an entry ({@link org.gleaner.extract.ContinueReadingLink}),
 * sanitized HTML for display ({@link org.gleaner.extract.HtmlSanitizer}), entry text ({@link
 * org.gleaner.extract.HtmlText}), the article key ({@link org.gleaner.extract.UrlNormalizer}), registered
 * domains ({@link org.gleaner.extract.Sites}), near-duplicate fingerprints ({@link
 * org.gleaner.extract.NearDuplicate}) and advertised feeds ({@link org.gleaner.extract.FeedLinks}).
 *
 * <p>Must not know: the network, the database, the clock, feeds or configuration. It is pure: the same
 * input always gives the same output. jsoup stays inside this package; no jsoup type crosses its edge.
 *
 * <p>How the main text is found: {@code ContentFinder} (Readability's candidate scoring, computed in one
 * post-order statistics pass per attempt, with progressive relaxation), every pattern and threshold in
 * {@code ExtractionRules}, metadata from JSON-LD, meta tags and markup in one pass ({@code
 * MetadataReader}), JSON-LD {@code articleBody} when the DOM yields much less, language declared or
 * guessed by script and function words ({@code LanguageGuess}).
 */
@NullMarked
package org.gleaner.extract;

import org.jspecify.annotations.NullMarked;
