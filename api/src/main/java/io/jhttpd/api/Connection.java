package io.jhttpd.api;

import java.net.InetSocketAddress;

/** The client connection a request came on (Apache's {@code conn_rec}). */
public interface Connection {
    /** A number unique among this process's connections. */
    long id();

    /** The client's address and port. */
    InetSocketAddress remoteAddress();

    /** The local address and port the client connected to. */
    InetSocketAddress localAddress();

    /**
     * The client's IP address as Apache prints it ({@code c->client_ip}): IPv4 dotted, IPv6
     * compressed as {@code inet_ntop} writes it ({@code ::1}); null if unknown.
     */
    default String remoteIp() {
        return IpText.of(remoteAddress());
    }

    /** The local IP address the client connected to, printed as {@link #remoteIp()}; null if unknown. */
    default String localIp() {
        return IpText.of(localAddress());
    }

    /** Requests already served on this connection before the current one. */
    int keepAliveCount();

    /** True once the client has gone away or the connection failed. */
    boolean isAborted();

    /**
     * True if, after the response now ending, the connection stays open for another request
     * (what {@code %X} logs as {@code +}); false if it will close.
     */
    default boolean willKeepAlive() {
        return false;
    }

    /**
     * Runs {@code action} just before the response bytes this connection holds go out, or at
     * once when it holds none. An MPM may hold a finished response to write it together with
     * others: the event MPM does, for the connections one select found ready. A log that writes
     * its lines from here writes the lines of all those requests at once, and still before any of
     * their responses reaches a client. If the connection closes first, {@code action} runs then.
     */
    default void beforeHeldOutput(Runnable action) {
        action.run();
    }

    /**
     * Says that the handler serving this connection is about to wait for something other than
     * its client: a CGI script, a FastCGI application, another backend. An MPM that serves ready
     * connections on the thread that listens (the event MPM) hands its listening to another
     * thread first, so that the connections ready meanwhile do not wait behind this one; MPMs
     * that give each connection its own thread ignore it. Cheap, and harmless to call twice.
     * (Waits for the client itself, for the rest of a request body or for a slow reader, the
     * kernel reports on its own.)
     */
    default void willBlock() {
    }
}
