package io.jhttpd.mod.setenvif.internal;

import io.jhttpd.api.Connection;
import java.net.InetSocketAddress;

/** A client connection with fixed addresses. */
record FakeConnection(InetSocketAddress remoteAddress, InetSocketAddress localAddress) implements Connection {
    @Override public long id() { return 1; }
    @Override public int keepAliveCount() { return 2; }
    @Override public boolean isAborted() { return false; }
    @Override public boolean willKeepAlive() { return true; }
}
