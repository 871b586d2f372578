package io.jhttpd.api;

import java.io.IOException;

/**
 * The request body cannot be read as sent: too large (413), badly chunked (400), or cut off.
 * Carries the status the request should be answered with.
 */
public final class BodyException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A body failure answered with {@code status}. */
    public BodyException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the failure calls for. */
    public int status() {
        return status;
    }
}
