package org.gleaner.search;

/** One facet value and how many matching documents carry it. */
public record FacetCount(String value, long count) {}
