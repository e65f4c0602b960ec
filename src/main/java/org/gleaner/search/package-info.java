/**
 * Searching the article index: the query language ({@link org.gleaner.search.QueryLanguage}, shared
 * with saved queries and alerts), ranking, story collapse, highlighting, facets and cursors.
 *
 * <p>Enters: a {@link org.gleaner.search.SearchRequest} (query text, limit, sort, cursor, filters) and
 * the {@link org.gleaner.index.ArticleIndex}'s near-real-time searchers. Leaves: {@link
 * org.gleaner.search.SearchResults} records whose HTML fields are escaped text with only {@code <mark>}
 * added, or a {@link org.gleaner.search.QueryException} whose message is meant for the user (a 400).
 * Every tuning number lives in {@link org.gleaner.search.SearchTuning}. Knows nothing of HTTP, the
 * command line or the store; field names come from {@link org.gleaner.index.ArticleFields}.
 */
@NullMarked
package org.gleaner.search;

import org.jspecify.annotations.NullMarked;
