package io.jhttpd.api.spi;

import java.io.IOException;

/** One accepted connection, served by the kernel's HTTP engine on behalf of an MPM. */
public interface ConnectionHandle {

    /** What a connection waits for after {@link #serve} returns. */
    enum Next {
        /** Bytes from the client: between requests (keep-alive) or in the middle of one. */
        READ,
        /** The socket to take more response bytes. */
        WRITE,
        /** Nothing: the connection is closed. */
        CLOSED
    }

    /**
     * Serves requests. On a blocking channel it returns {@link Next#CLOSED} when the connection is
     * over (keep-alive waits and timeouts happen inside). On a non-blocking channel it serves what
     * the bytes already received allow and returns what it waits for.
     */
    Next serve() throws IOException;

    /** How long the connection may wait in its current state before it is closed, in milliseconds. */
    long timeoutMillis();

    /** True if the connection waits between requests (no request is partly read). */
    boolean isIdle();

    /** Closes the connection now (logging any request in progress as aborted). */
    void close();

    /** The slot this connection reports in. */
    WorkerSlot slot();
}
