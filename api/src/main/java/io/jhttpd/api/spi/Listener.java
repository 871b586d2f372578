package io.jhttpd.api.spi;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/** One listening socket from a {@code Listen} directive, opened by the kernel. */
public interface Listener {
    /** The bound, listening channel (blocking mode until the MPM changes it). */
    ServerSocketChannel channel();

    /** The address actually bound (with the real port if {@code Listen} said port 0). */
    InetSocketAddress localAddress();
}
