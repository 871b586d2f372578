package io.jhttpd.kernel.mpm;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.spi.Listener;
import io.jhttpd.kernel.core.GlobalConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;

/** The listening sockets of the {@code Listen} directives, opened and bound. */
public final class ListenerSet implements AutoCloseable {

    private final List<Listener> listeners = new ArrayList<>();

    /** Opens every {@code Listen}; a port that cannot be bound is a start-up error naming it. */
    public static ListenerSet open(List<GlobalConfig.ListenSpec> specs) throws ConfigException {
        if (specs.isEmpty()) {
            throw new ConfigException("JH00020: no listening sockets available, shutting down (the configuration has no Listen directive)");
        }
        ListenerSet set = new ListenerSet();
        try {
            for (GlobalConfig.ListenSpec s : specs) {
                InetSocketAddress addr = s.host() == null ? new InetSocketAddress(s.port()) : new InetSocketAddress(s.host(), s.port());
                if (addr.isUnresolved()) {
                    throw new ConfigException("JH00021: " + s.where() + ": Listen: cannot resolve " + s.host());
                }
                ServerSocketChannel ch = ServerSocketChannel.open();
                try {
                    ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ch.bind(addr, 511);
                } catch (IOException e) {
                    ch.close();
                    throw new ConfigException("JH00022: " + s.where() + ": could not bind to address " + addr + ": " + e.getMessage());
                }
                InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
                set.listeners.add(new Listener() {
                    @Override
                    public ServerSocketChannel channel() {
                        return ch;
                    }

                    @Override
                    public InetSocketAddress localAddress() {
                        return bound;
                    }

                    @Override
                    public String toString() {
                        return bound.toString();
                    }
                });
            }
        } catch (IOException e) {
            set.close();
            throw new ConfigException("JH00022: could not open a listening socket: " + e.getMessage());
        } catch (ConfigException e) {
            set.close();
            throw e;
        }
        return set;
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
