package org.gleaner.alert;

import org.jspecify.annotations.Nullable;

/** A watch request that cannot be done, in words for the user; {@link #reason()} maps to an HTTP status. */
public final class WatchException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why: 400 for INVALID, 404 for NOT_FOUND, 409 for NAME_TAKEN and DECLARED. */
    public enum Reason {
        INVALID,
        NOT_FOUND,
        NAME_TAKEN,
        /** The watch is written in the configuration file, which owns its query and channels. */
        DECLARED
    }

    private final Reason reason;
    private final @Nullable Integer position;

    public WatchException(Reason reason, String message, @Nullable Integer position) {
        super(message);
        this.reason = reason;
        this.position = position;
    }

    public Reason reason() {
        return reason;
    }

    /** The column of a query error, null for other errors. */
    public @Nullable Integer position() {
        return position;
    }
}
