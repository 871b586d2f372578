package io.jhttpd.mpm.event.internal;

import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.ConnectionHandle.Next;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The event MPM's record of one connection: its kernel handle and what it waits for. It moves
 * between the listener thread (waiting in the selector and a {@link TimeoutQueue}) and one worker
 * thread at a time (being served); each hand-off goes through a concurrent queue, which makes the
 * fields written on one side visible on the other.
 */
final class EventConnection extends TimeoutQueue.Entry {

    final ConnectionHandle handle;
    final SocketChannel channel;

    /** The channel's registration with the listener's selector; listener thread only. */
    SelectionKey key;

    /** What {@code serve()} last returned: what the connection waits for now. */
    Next waitingFor = Next.READ;

    /** Waiting between requests (no request partly read), per {@code isIdle()} after the last serve. */
    boolean idle = true;

    /** At least one request was answered on it: an idle wait is then a keep-alive wait. */
    boolean servedRequest;

    /** How long the current wait may last, per {@code timeoutMillis()} after the last serve. */
    long timeoutMillis;

    /** When the listener queued it for a worker (monotonic ms), to see how long work waits for busy workers. */
    long queuedAt;

    /** Set by the listener when the wait ran out: the worker calls {@code timeout()}, not {@code serve()}. */
    boolean timedOut;

    EventConnection(ConnectionHandle handle, SocketChannel channel) {
        this.handle = handle;
        this.channel = channel;
    }

    /** A keep-alive wait: idle between requests after having answered one. */
    boolean isKeepAlive() {
        return waitingFor == Next.READ && idle && servedRequest;
    }
}
