package io.jhttpd.mpm.prefork.internal;

import io.jhttpd.api.Directive;
import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.Listener;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.Mpm;
import io.jhttpd.api.spi.MpmContext;
import io.jhttpd.api.spi.ProcessModel;
import io.jhttpd.api.spi.ThreadedMpmSettings;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's prefork MPM: a child process has one thread, which accepts a connection and serves it
 * to its end before it accepts the next; concurrency comes from the number of children, which the
 * master keeps between {@code MinSpareServers} and {@code MaxSpareServers} idle ones, at most
 * {@code MaxRequestWorkers}. A crash takes one connection with it. Run as one process
 * ({@code httpd -X}) it serves one connection at a time, as Apache's does.
 */
public final class PreforkMpm implements Mpm {

    private static final Logger LOG = LoggerFactory.getLogger(PreforkMpm.class);
    private static final long ACCEPT_BACKOFF_MILLIS = 100;

    private int startServers = 5;
    private int minSpareServers = 5;
    private int maxSpareServers = 10;
    private int serverLimit = 256;
    private int maxRequestWorkers = 256;
    private long maxConnectionsPerChild;

    private volatile boolean stopping;
    private volatile MpmContext context;
    private volatile Selector selector;
    private volatile ConnectionHandle current;

    @Override
    public String name() {
        return "prefork";
    }

    @Override
    public boolean isThreaded() {
        return false;
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.directive(number("StartServers", 0, 200000, v -> startServers = v, "child processes started at start-up"));
        setup.directive(number("MinSpareServers", 1, 200000, v -> minSpareServers = v, "fewest idle child processes"));
        setup.directive(number("MaxSpareServers", 1, 200000, v -> maxSpareServers = v, "most idle child processes"));
        setup.directive(number("ServerLimit", 1, 200000, v -> serverLimit = v, "the most child processes"));
        setup.directive(number("MaxRequestWorkers", 1, 200000, v -> maxRequestWorkers = v, "the most connections served at once (children)"));
        setup.directive(number("MaxClients", 1, 200000, v -> maxRequestWorkers = v, "old name of MaxRequestWorkers"));
        setup.directive(number("MaxConnectionsPerChild", 0, Integer.MAX_VALUE, v -> maxConnectionsPerChild = v,
                "connections a child serves before it is replaced, 0 for never"));
        setup.directive(number("MaxRequestsPerChild", 0, Integer.MAX_VALUE, v -> maxConnectionsPerChild = v,
                "old name of MaxConnectionsPerChild"));
    }

    private static Directive number(String name, int min, int max, IntConsumer setter, String help) {
        return ThreadedMpmSettings.integer(name, min, max, setter, help);
    }

    @Override
    public Optional<ProcessModel> processModel() {
        if (maxRequestWorkers > serverLimit) {
            LOG.warn("JH06001: MaxRequestWorkers of {} exceeds ServerLimit value of {} servers, decreasing MaxRequestWorkers to {}",
                    maxRequestWorkers, serverLimit, serverLimit);
        }
        return Optional.of(new ProcessModel(startServers, minSpareServers, maxSpareServers, maxRequestWorkers, serverLimit, 1));
    }

    @Override
    public void run(MpmContext ctx) throws Exception {
        context = ctx;
        WorkerSlot slot = ctx.scoreboard().slot(0, 0);
        Selector sel = Selector.open();
        selector = sel;
        register(ctx, sel);
        slot.setState(WorkerState.READY);
        ctx.ready();
        long accepted = 0;
        try {
            while (!stopping) {
                sel.select(500);
                SocketChannel c = null;
                for (SelectionKey k : sel.selectedKeys()) {
                    if (c == null && !stopping && k.isValid()) {
                        c = accept((ServerSocketChannel) k.channel());
                    }
                }
                sel.selectedKeys().clear();
                if (c == null) {
                    continue;
                }
                accepted++;
                // others must see this child busy at once, or two could count on each other below
                slot.setState(WorkerState.BUSY_READ);
                // a channel registered with a selector keeps its socket open after close() until
                // the selector lets go of it: let go now, so a pause really stops the listening
                for (SelectionKey k : sel.keys()) {
                    k.cancel();
                }
                sel.selectNow();
                // while this child serves, new connections go to idle children, not into this one's queue
                boolean paused = ctx.pauseAccepting();
                serve(ctx, c, slot);
                if (maxConnectionsPerChild > 0 && accepted >= maxConnectionsPerChild) {
                    accepted = 0;
                    ctx.connectionLimitReached();
                }
                if (stopping) {
                    break;
                }
                if (paused) {
                    ctx.resumeAccepting();
                }
                register(ctx, sel);
                // ready only once listening again: other children pause trusting that
                slot.setState(WorkerState.READY);
            }
        } catch (ClosedSelectorException | ClosedChannelException e) {
            // shutdown closed it
        } finally {
            sel.close();
            // new clients must go to another child (or be refused), not wait behind one that is leaving
            ctx.stopListening();
            slot.setState(WorkerState.DEAD);
        }
    }

    private static void register(MpmContext ctx, Selector sel) throws IOException {
        for (Listener l : ctx.listeners()) {
            ServerSocketChannel ch = l.channel();
            if (!ch.isOpen()) {
                // a stop closed it meanwhile
                continue;
            }
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_ACCEPT);
        }
    }

    private static SocketChannel accept(ServerSocketChannel listener) throws IOException, InterruptedException {
        try {
            return listener.accept();
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            // out of file descriptors or a network hiccup: the child stays up and tries again shortly
            LOG.warn("JH06003: accept failed, pausing {} ms: {}", ACCEPT_BACKOFF_MILLIS, e.toString());
            Thread.sleep(ACCEPT_BACKOFF_MILLIS);
            return null;
        }
    }

    private void serve(MpmContext ctx, SocketChannel c, WorkerSlot slot) {
        try {
            c.configureBlocking(true);
            ConnectionHandle h = ctx.connections().open(c, slot);
            current = h;
            h.serve();
        } catch (IOException | RuntimeException e) {
            LOG.warn("JH06004: connection failed: {}", e.toString());
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        } finally {
            current = null;
        }
    }

    @Override
    public void shutdown(boolean graceful) {
        stopping = true;
        MpmContext ctx = context;
        if (graceful && ctx != null) {
            // the connection being served ends after its current request; a kept-alive one at once
            ctx.connections().closeIdleAndFinish();
        }
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
        if (!graceful) {
            ConnectionHandle h = current;
            if (h != null) {
                h.close();
            }
        }
    }
}
