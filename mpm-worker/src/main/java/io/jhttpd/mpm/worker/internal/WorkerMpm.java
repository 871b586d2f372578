package io.jhttpd.mpm.worker.internal;

import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.Listener;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.ThreadedMpmSettings;
import io.jhttpd.api.spi.Mpm;
import io.jhttpd.api.spi.MpmContext;
import io.jhttpd.api.spi.ProcessModel;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's worker MPM, in one process: one listener thread accepts, but only when a worker thread
 * is idle (so accepted sockets never wait in a queue behind busy workers), and hands the socket
 * to one of {@code ThreadsPerChild} worker threads, which serves the connection to its end.
 *
 * <p>Graceful stop: stop accepting, let every worker finish the request it serves, close
 * connections idle between requests, then return.
 */
public final class WorkerMpm implements Mpm {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerMpm.class);
    private static final long ACCEPT_BACKOFF_MILLIS = 100;
    private static final SocketChannel POISON;

    static {
        try {
            POISON = SocketChannel.open();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ThreadedMpmSettings settings = new ThreadedMpmSettings();

    private volatile boolean stopping;
    private volatile boolean graceful = true;
    private volatile Selector selector;
    private final List<Worker> workers = new ArrayList<>();

    @Override
    public String name() {
        return "worker";
    }

    @Override
    public void register(ModuleSetup setup) {
        settings.register(setup, 20000);
    }

    @Override
    public Optional<ProcessModel> processModel() {
        return Optional.of(settings.processModel());
    }

    /** Threads this process runs: ThreadsPerChild, capped by ThreadLimit as Apache does. */
    int threads() {
        if (settings.threadsPerChild() > settings.threadLimit()) {
            LOG.warn("JH04001: ThreadsPerChild of {} exceeds ThreadLimit of {}, decreasing to match", settings.threadsPerChild(),
                    settings.threadLimit());
        }
        return settings.threads();
    }

    @Override
    public void run(MpmContext ctx) throws Exception {
        int n = threads();
        Semaphore idle = new Semaphore(0);
        BlockingQueue<SocketChannel> handOff = new ArrayBlockingQueue<>(n + 1);
        for (int i = 0; i < n; i++) {
            Worker w = new Worker(ctx, ctx.scoreboard().slot(0, i), handOff, idle);
            workers.add(w);
            w.thread.start();
        }
        Selector sel = Selector.open();
        selector = sel;
        for (Listener l : ctx.listeners()) {
            ServerSocketChannel ch = l.channel();
            ch.configureBlocking(false);
            ch.register(sel, SelectionKey.OP_ACCEPT);
        }
        ctx.ready();
        long accepted = 0;
        try {
            while (!stopping) {
                // accept only when a worker can take the connection at once
                if (!idle.tryAcquire(200, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                boolean handed = false;
                try {
                    while (!stopping && !handed) {
                        sel.select(500);
                        for (SelectionKey k : sel.selectedKeys()) {
                            if (handed) {
                                break;
                            }
                            SocketChannel c;
                            try {
                                c = ((ServerSocketChannel) k.channel()).accept();
                            } catch (ClosedChannelException e) {
                                throw e;
                            } catch (IOException e) {
                                // out of file descriptors or a network hiccup: the server stays up,
                                // as Apache's does, and tries again shortly
                                LOG.warn("JH04004: accept failed, pausing {} ms: {}", ACCEPT_BACKOFF_MILLIS, e.toString());
                                Thread.sleep(ACCEPT_BACKOFF_MILLIS);
                                continue;
                            }
                            if (c != null) {
                                handOff.put(c);
                                handed = true;
                                accepted++;
                            }
                        }
                        sel.selectedKeys().clear();
                    }
                } finally {
                    if (!handed) {
                        idle.release();
                    }
                }
                if (settings.maxConnectionsPerChild() > 0 && accepted >= settings.maxConnectionsPerChild()) {
                    accepted = 0;
                    ctx.connectionLimitReached();
                }
            }
        } catch (ClosedSelectorException | ClosedChannelException e) {
            // shutdown closed it
        } finally {
            try {
                sel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        // new clients must be refused, not queued behind a server that is going away
        ctx.stopListening();
        if (graceful) {
            ctx.connections().closeIdleAndFinish();
        }
        for (int i = 0; i < workers.size(); i++) {
            handOff.put(POISON);
        }
        for (Worker w : workers) {
            if (!graceful) {
                w.abort();
            }
            w.thread.join();
        }
        SocketChannel left;
        while ((left = handOff.poll()) != null) {
            if (left != POISON) {
                left.close();
            }
        }
    }

    @Override
    public void shutdown(boolean graceful) {
        this.graceful = this.graceful && graceful;
        stopping = true;
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
        if (!graceful) {
            for (Worker w : workers) {
                w.abort();
            }
        }
    }

    /** One worker thread: serves one connection at a time, to its end. */
    private static final class Worker {
        final Thread thread;
        private final MpmContext ctx;
        private final WorkerSlot slot;
        private final BlockingQueue<SocketChannel> handOff;
        private final Semaphore idle;
        private volatile ConnectionHandle current;

        Worker(MpmContext ctx, WorkerSlot slot, BlockingQueue<SocketChannel> handOff, Semaphore idle) {
            this.ctx = ctx;
            this.slot = slot;
            this.handOff = handOff;
            this.idle = idle;
            this.thread = new Thread(this::loop, "jhttpd-worker");
        }

        private void loop() {
            slot.setState(WorkerState.READY);
            while (true) {
                idle.release();
                SocketChannel c;
                try {
                    c = handOff.take();
                } catch (InterruptedException e) {
                    break;
                }
                if (c == POISON) {
                    break;
                }
                try {
                    ConnectionHandle h = ctx.connections().open(c, slot);
                    current = h;
                    h.serve();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("JH04003: connection failed: {}", e.toString());
                    try {
                        c.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                } finally {
                    current = null;
                    slot.setState(WorkerState.READY);
                }
            }
            slot.setState(WorkerState.DEAD);
        }

        void abort() {
            ConnectionHandle h = current;
            if (h != null) {
                h.close();
            }
        }
    }
}
