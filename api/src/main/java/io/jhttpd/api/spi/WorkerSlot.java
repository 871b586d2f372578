package io.jhttpd.api.spi;

/** One worker's row in the {@link Scoreboard}. Written only by the worker it belongs to. */
public interface WorkerSlot {

    /** The worker's state now. */
    WorkerState state();

    /** Records the worker's new state. */
    void setState(WorkerState state);

    /** Records that a request started (its request line, shortened to fit) on virtual host {@code vhost}. */
    void requestStarted(String requestLine, String vhost);

    /** Records that a request finished, having sent {@code bytes} body bytes. */
    void requestFinished(long bytes);

    /** Requests this slot has served. */
    long requests();

    /** Body bytes this slot has sent. */
    long bytesServed();

    /** The request line of the request being (or last) served, shortened to 64 characters; empty if none. */
    default String requestLine() {
        return "";
    }

    /** The virtual host of that request; empty if none. */
    default String vhost() {
        return "";
    }

    /** When this slot last started or finished a request, in epoch milliseconds; 0 if never. */
    default long lastUsedMillis() {
        return 0;
    }
}
