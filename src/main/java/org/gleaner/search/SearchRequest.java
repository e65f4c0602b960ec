package org.gleaner.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to search for.
 *
 * @param query text in the query language ({@link QueryLanguage}); blank matches every document
 * @param limit hits per page, 1 to {@link SearchTuning#MAX_LIMIT}
 * @param cursor the {@link SearchResults#nextCursor()} of the previous page, null for the first
 * @param filters drill-down: dimension ({@code feed}, {@code site}, {@code tag}, {@code lang},
 *     {@code published}) to the values to keep; values of one dimension are alternatives, dimensions
 *     all apply. A {@code published} value is a facet label: {@code 2024-12-08} or {@code 2024-12}.
 * @param facets whether to count facets for this query
 */
public record SearchRequest(
        String query,
        int limit,
        Sort sort,
        @Nullable String cursor,
        Map<String, List<String>> filters,
        boolean facets) {
    /** Result order. Relevance includes a mild boost for recent articles. */
    public enum Sort {
        RELEVANCE,
        NEWEST,
        OLDEST
    }

    public SearchRequest {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        filters.forEach((dimension, values) -> copy.put(dimension, List.copyOf(values)));
        filters = java.util.Collections.unmodifiableMap(copy);
    }

    /** A first page by relevance, without filters or facets. */
    public static SearchRequest of(String query, int limit) {
        return new SearchRequest(query, limit, Sort.RELEVANCE, null, Map.of(), false);
    }

    public SearchRequest withCursor(@Nullable String nextCursor) {
        return new SearchRequest(query, limit, sort, nextCursor, filters, facets);
    }

    public SearchRequest withSort(Sort newSort) {
        return new SearchRequest(query, limit, newSort, cursor, filters, facets);
    }

    public SearchRequest withFilters(Map<String, List<String>> newFilters) {
        return new SearchRequest(query, limit, sort, cursor, newFilters, facets);
    }

    public SearchRequest withFacets(boolean countFacets) {
        return new SearchRequest(query, limit, sort, cursor, filters, countFacets);
    }
}
