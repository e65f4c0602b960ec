package org.gleaner.model;

/** One line of the change log: the search document {@code documentKey} changed at {@code sequence}. */
public record Change(long sequence, String documentKey) {}
