package org.gleaner.web;

/** A request the server refuses, with the status and a message meant for the person or script. */
final class WebError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    WebError(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
