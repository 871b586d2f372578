package io.jhttpd.kernel.http;

/**
 * Request bytes the server refuses: carries the HTTP status to answer with (400, 413, 414, 501,
 * 505) and a reason for the error log.
 *
 * <p>It is a checked exception because every caller of the codec must decide how to answer; after
 * answering, the connection is closed, since the codec cannot tell where the next request would
 * start. The reason is meant for operators (it mirrors the wording of Apache's log messages) and
 * must never be echoed to the client verbatim. No stack trace is captured: these are ordinary
 * events on a public server, and a client must not be able to make them expensive.
 */
public final class BadRequestException extends Exception {

    private final int status;

    /**
     * @param status the HTTP status code to answer with
     * @param reason why, for the error log
     */
    public BadRequestException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** The HTTP status code to answer with. */
    public int status() {
        return status;
    }

    /** Why the request was refused, for the error log; the same as {@link #getMessage()}. */
    public String reason() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "BadRequestException[" + status + ": " + getMessage() + "]";
    }
}
