package io.jhttpd.api.spi;

import java.nio.channels.SocketChannel;

/**
 * The kernel's HTTP engine, as an MPM drives it: one {@link ConnectionHandle} per accepted socket.
 * The same incremental parser serves blocking and non-blocking sockets.
 */
public interface ConnectionProcessor {

    /**
     * Takes over {@code channel}, reporting progress in {@code slot}. The channel may be blocking
     * (a worker thread serves it to the end) or non-blocking (an event loop calls
     * {@link ConnectionHandle#serve} when it is readable).
     */
    ConnectionHandle open(SocketChannel channel, WorkerSlot slot);

    /**
     * From now on every open connection finishes the request it is serving and then closes;
     * connections waiting between requests are closed now. Used by graceful stop.
     */
    void closeIdleAndFinish();

    /** Number of connections open now. */
    int openConnections();
}
