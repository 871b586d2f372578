package io.jhttpd.api.spi;

import java.io.IOException;

/**
 * One accepted connection, served by the kernel's HTTP engine on behalf of an MPM.
 *
 * <p><b>Blocking channel</b> (worker, prefork): one call to {@link #serve} serves the connection
 * to its end; keep-alive waits, timeouts and lingering close happen inside, and it returns
 * {@link Next#CLOSED}.
 *
 * <p><b>Non-blocking channel</b> (event): {@link #serve} does what the bytes already received
 * allow and returns what the connection waits for; the MPM parks it in a selector for that
 * ({@code OP_READ} for {@link Next#READ} and {@link Next#LINGER}, {@code OP_WRITE} for
 * {@link Next#WRITE}) for at most {@link #timeoutMillis()}, then calls {@link #serve} again when
 * the socket is ready, or {@link #timeout()} when the time is up.
 *
 * <pre>
 *            ┌──────── READ (keep-alive, or a partial request head) ◀──┐
 *  accept ─▶ serve ─── WRITE (response bytes the socket could not take) ─┤ MPM selector
 *            │   └──── LINGER (output shut, draining the client) ◀──────┘
 *            └──────── CLOSED
 * </pre>
 *
 * <p>{@link #serve} may run a handler (and block inside it) whenever the state was
 * {@link Next#READ} or {@link Next#WRITE}, so the MPM calls it on a worker thread then; in
 * {@link Next#LINGER} it only reads and drops bytes and never blocks, so a listener thread may
 * call it directly. One thread at a time.
 */
public interface ConnectionHandle {

    /** What a connection waits for after {@link #serve} returns. */
    enum Next {
        /** Bytes from the client: between requests (keep-alive) or in the middle of a request head. */
        READ,
        /** The socket to take more of a finished response (write completion). */
        WRITE,
        /** The client to finish sending after our side was shut down (lingering close). */
        LINGER,
        /** Nothing: the connection is closed. */
        CLOSED
    }

    /** Serves the connection as far as it can; see the class comment for blocking and non-blocking channels. */
    Next serve() throws IOException;

    /**
     * As {@link #serve}, but on a non-blocking channel a finished response stays queued: the call
     * returns {@link Next#WRITE} and the next {@link #serve} writes it. An event MPM serving
     * several ready connections on one thread holds their responses and writes them together.
     */
    default Next serveHoldingResponse() throws IOException {
        return serve();
    }

    /**
     * Has {@code listener} run on the serving thread whenever this connection's serve is about
     * to block: a handler said so ({@link io.jhttpd.api.Connection#willBlock}), or the kernel is
     * about to wait for the client's socket inside a handler (a request body still on its way, a
     * response the client reads slowly). An event MPM that serves on its listening thread passes
     * the listening on then, instead of when it finds the thread stuck. Set before the first serve.
     */
    default void onBlocking(Runnable listener) {
    }

    /** How long the connection may wait in its current state before {@link #timeout()} is due, in milliseconds. */
    long timeoutMillis();

    /**
     * The wait ran out: answers 408 if a request was partly read (as Apache's {@code RequestReadTimeout}
     * does), then closes; a keep-alive or lingering wait just closes.
     */
    void timeout();

    /** True if the connection waits between requests (no request is partly read). */
    boolean isIdle();

    /** Closes the connection now (logging any request in progress as aborted). */
    void close();

    /** The slot this connection reports in. */
    WorkerSlot slot();

    /** Moves the connection's reports to {@code slot} (an event MPM serves it on whichever worker is free). */
    void setSlot(WorkerSlot slot);
}
