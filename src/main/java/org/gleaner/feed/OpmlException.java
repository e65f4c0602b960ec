package org.gleaner.feed;

/** An OPML file that cannot be imported: malformed, over a limit, or unsafe (entity declarations). */
public final class OpmlException extends Exception {
    private static final long serialVersionUID = 1L;

    public OpmlException(String message) {
        super(message);
    }

    public OpmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
