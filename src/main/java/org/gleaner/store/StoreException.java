package org.gleaner.store;

/** The database itself failed (disk full, corrupt file): broken machinery, not a bad input. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
