package io.jhttpd.kernel.mpm;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.spi.Listener;
import io.jhttpd.kernel.core.GlobalConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/** The listening sockets of the {@code Listen} directives, opened and bound. */
public final class ListenerSet implements AutoCloseable {

    private final List<Listener> listeners = new ArrayList<>();

    /**
     * Opens every {@code Listen}; a port that cannot be bound is a start-up error naming it.
     * A child of a multi-process server opens every {@code Listen} on the port the master
     * reserved for it ({@code ports}, in {@code Listen} order), with {@code SO_REUSEPORT} so every
     * child has its own listening socket on the same port. {@code ports} null: one process, plain
     * sockets. Each listens with a queue of {@code backlog} pending connections ({@code ListenBacklog};
     * Linux caps it at {@code net.core.somaxconn}).
     */
    public static ListenerSet open(List<GlobalConfig.ListenSpec> specs, int[] ports, int backlog) throws ConfigException {
        if (specs.isEmpty()) {
            throw new ConfigException("JH00020: no listening sockets available, shutting down (the configuration has no Listen directive)");
        }
        ListenerSet set = new ListenerSet();
        try {
            for (GlobalConfig.ListenSpec s : specs) {
                int port = ports != null && set.listeners.size() < ports.length ? ports[set.listeners.size()] : s.port();
                InetSocketAddress addr = address(s, port);
                Bound b = new Bound(addr, ports != null, backlog);
                try {
                    b.open();
                } catch (IOException e) {
                    throw new ConfigException("JH00022: " + s.where() + ": could not bind to address " + addr + ": " + e.getMessage());
                }
                set.listeners.add(b);
            }
        } catch (ConfigException e) {
            set.close();
            throw e;
        }
        return set;
    }

    private static InetSocketAddress address(GlobalConfig.ListenSpec s, int port) throws ConfigException {
        InetSocketAddress addr = s.host() == null ? new InetSocketAddress(port) : new InetSocketAddress(s.host(), port);
        if (addr.isUnresolved()) {
            throw new ConfigException("JH00021: " + s.where() + ": Listen: cannot resolve " + s.host());
        }
        return addr;
    }

    /**
     * The master of a multi-process server: binds every {@code Listen} address without listening,
     * with {@code SO_REUSEPORT}, and returns the bound sockets. They hold the ports (a port 0
     * becomes a real one the children are given; another program cannot take the port while
     * children come and go) but never receive a connection, since they do not listen.
     */
    public static List<Socket> reserve(List<GlobalConfig.ListenSpec> specs) throws ConfigException {
        if (specs.isEmpty()) {
            throw new ConfigException("JH00020: no listening sockets available, shutting down (the configuration has no Listen directive)");
        }
        List<Socket> out = new ArrayList<>();
        try {
            for (GlobalConfig.ListenSpec s : specs) {
                InetSocketAddress addr = address(s, s.port());
                Socket sock = new Socket();
                out.add(sock);
                try {
                    sock.setReuseAddress(true);
                    sock.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    sock.bind(addr);
                } catch (IOException e) {
                    throw new ConfigException("JH00022: " + s.where() + ": could not bind to address " + addr + ": " + e.getMessage());
                }
            }
        } catch (UnsupportedOperationException e) {
            closeAll(out);
            throw new ConfigException("JH00022: could not reserve a listening port (SO_REUSEPORT is not available here): " + e);
        } catch (ConfigException e) {
            closeAll(out);
            throw e;
        }
        return out;
    }

    /** Closes every socket of {@link #reserve}. */
    public static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // releasing the port anyway
            }
        }
    }

    /** One listening socket; a child's can be closed and opened again on the same address. */
    private static final class Bound implements Listener {
        private final InetSocketAddress address;
        private final boolean reusePort;
        private final int backlog;
        private volatile ServerSocketChannel channel;
        private volatile InetSocketAddress bound;

        Bound(InetSocketAddress address, boolean reusePort, int backlog) {
            this.address = address;
            this.reusePort = reusePort;
            this.backlog = backlog;
        }

        void open() throws IOException {
            ServerSocketChannel ch = ServerSocketChannel.open();
            try {
                ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                if (reusePort) {
                    ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                }
                ch.bind(bound != null ? bound : address, backlog);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            bound = (InetSocketAddress) ch.getLocalAddress();
            channel = ch;
        }

        @Override
        public ServerSocketChannel channel() {
            return channel;
        }

        @Override
        public InetSocketAddress localAddress() {
            return bound;
        }

        @Override
        public String toString() {
            return String.valueOf(bound);
        }
    }

    /**
     * A child's sockets stop listening for a while: closing a {@code SO_REUSEPORT} socket hands
     * its queued connections to another child's socket of the same port (with
     * {@code tcp_migrate_req}), and new ones go there too.
     */
    public void pause() {
        close();
    }

    /** Listens again after {@link #pause}: new channels, same addresses. */
    public void resume() throws IOException {
        for (Listener l : listeners) {
            if (!l.channel().isOpen()) {
                ((Bound) l).open();
            }
        }
    }

    public List<Listener> listeners() {
        return listeners;
    }

    @Override
    public void close() {
        for (Listener l : listeners) {
            try {
                l.channel().close();
            } catch (IOException ignored) {
                // closing at shutdown; nothing else to do
            }
        }
    }
}
