package org.gleaner.search;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A page of results.
 *
 * @param total matching documents (before collapsing stories), exact up to 10,000
 * @param totalIsLowerBound true when there are at least {@code total} matches ("10,000+")
 * @param nextCursor pass it back as {@link SearchRequest#cursor()} for the next page; null on the last
 * @param facets counts per dimension ({@code feed}, {@code site}, {@code tag}, {@code lang},
 *     {@code published}) when requested, empty otherwise
 */
public record SearchResults(
        long total,
        boolean totalIsLowerBound,
        List<SearchHit> hits,
        @Nullable String nextCursor,
        Map<String, List<FacetCount>> facets) {
    public SearchResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }
}
