package org.gleaner.search;

/**
 * A query, filter or cursor that cannot be run, with a message meant for the person who typed it
 * (an HTTP 400, never a 500). Query syntax errors name the column: {@code unexpected ')' at column 7}.
 */
public final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * @param message the whole message shown to the user
     * @param position the 0-based character offset in the query the message points at, or -1 when the
     *     problem is not at a place in the query text (a filter, a cursor, a limit, an unknown article)
     */
    public QueryException(String message, int position) {
        super(message);
        this.position = position;
    }

    /** A message pointing at a character of the query: {@code "<what> at column <position + 1>"}. */
    static QueryException at(String what, int position) {
        return new QueryException(what + " at column " + (position + 1), position);
    }

    /** The 0-based character offset in the query, or -1 when the error is not about a place in it. */
    public int position() {
        return position;
    }
}
