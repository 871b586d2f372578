package io.jhttpd.mpm.event.internal;

import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.ConnectionHandle.Next;
import io.jhttpd.api.spi.Listener;
import io.jhttpd.api.spi.MpmContext;
import io.jhttpd.api.spi.WorkerSlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event MPM's listener (Apache's {@code listener_thread} in event.c): one selector holds the
 * listening sockets and every connection that only waits, and this loop
 *
 * <ul>
 *   <li>accepts while the {@link Admission} rule allows; when a client waits and the rule says
 *       no, closes the keep-alive connections if workers are idle (the process is full of idle
 *       connections, as Apache does), else stops watching the listening sockets until a worker is
 *       free and the rule allows again;</li>
 *   <li>serves a waiting connection when its socket is ready ({@code OP_READ} for
 *       {@link Next#READ}, {@code OP_WRITE} for {@link Next#WRITE}); in {@link Next#LINGER} it calls
 *       {@code serve()} only to drain, which never blocks;</li>
 *   <li>parks what was served for what it waits for next, with a deadline from
 *       {@code timeoutMillis()} in one of four {@link TimeoutQueue}s (keep-alive, read, write,
 *       linger), and selects no longer than the nearest deadline;</li>
 *   <li>when a deadline passes, closes a keep-alive or lingering connection itself and serves
 *       {@code timeout()} for a partly read request or an unfinished response (it may write a 408);</li>
 *   <li>when work has waited {@link #BUSY_SHED_MILLIS} for a free worker, closes every keep-alive
 *       connection, as Apache does when it is out of workers, so their clients go elsewhere rather
 *       than wait behind busy workers.</li>
 * </ul>
 *
 * <p><b>Who runs it.</b> Unlike Apache's, the loop has no thread of its own: one worker at a time
 * holds the listener's role (leader/followers) and serves what its select finds on its own thread
 * — no hand-off, no wake-up, no change of what the selector watches per request — holding the
 * finished responses of one select to write them together (see {@link #serveReady}). A
 * {@link #watch watchdog} passes the role to a free worker when a handler holds the leader longer
 * than {@link #INLINE_LIMIT_NANOS}, and to the thread in {@link #run} (which then hands work to the
 * workers, as Apache's listener does) when none is free. Whoever holds the role is the only
 * thread that touches the selector and the timeout queues; the role passes under a lock. Workers
 * give connections back through a concurrent queue and wake the selector only while it sleeps.
 */
final class SelectorLoop implements WorkerPool.Owner {

    /** Most idle keep-alive connections closed to admit one new connection. */
    private static final int MAX_SHED_PER_ACCEPT = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);

    /** Longest select when nothing is due sooner, so the loop looks at its state at least this often. */
    private static final long MAX_WAIT_MILLIS = 1_000;
    /** Connections accepted per wake-up, so a flood of new clients does not starve the waiting ones. */
    private static final int ACCEPT_BATCH = 64;
    /** Pause after accept fails (no file descriptors left): the listening socket stays ready and would spin. */
    private static final long ACCEPT_BACKOFF_MILLIS = 100;
    /** How long a stop that does not wait gives the workers to let go of their connections. */
    private static final long ABORT_WAIT_MILLIS = 5_000;
    /**
     * How long a connection may wait for a busy worker before the keep-alive connections are shed.
     * Apache sheds the moment a ready connection finds no idle worker; but a worker that has just
     * written its response is still busy logging when its client's next request arrives, so that
     * rule closes kept-alive connections under light sequential load. Work that waits this long
     * means the workers really are all busy.
     */
    static final long BUSY_SHED_MILLIS = 100;
    /** How long a graceful stop waits for the (then idle) workers to exit. */
    private static final long WORKER_EXIT_MILLIS = 10_000;
    /**
     * How long the leader may serve one connection on its own thread before the listener's role
     * passes to another worker: longer means a handler that blocks (a CGI script, a FastCGI
     * backend, a client slow to send its body) is found to block, and the connections it delays
     * wait for the next select that much longer.
     */
    static final long INLINE_LIMIT_NANOS = 1_000_000;
    /**
     * Finished responses the leader holds before it writes them (see {@link #serveReady}). Under
     * load {@link #HOLD_LIMIT_NANOS} mostly ends a batch first; against 16, this let 50 busy
     * keep-alive clients be woken less often (wrk -t1 -c50: about 5 % less server CPU per request).
     */
    static final int MAX_HELD_RESPONSES = 64;
    /** How long the leader holds the first of them at most: a slow request in the batch does not delay the rest long. */
    static final long HOLD_LIMIT_NANOS = 100_000;

    /** How the server is asked to stop. */
    enum Stop {
        /** Running. */
        NONE,
        /** Stop accepting, finish what is in progress. */
        GRACEFUL,
        /** Close everything now. */
        NOW
    }

    private final MpmContext ctx;
    private final Selector selector;
    private final WorkerPool pool;
    private final Admission admission;
    private final ParkedSlot parked = new ParkedSlot();
    private final long maxConnectionsPerChild;
    private final boolean dispatchNew;
    private final List<SelectionKey> listenKeys = new ArrayList<>();
    private final TimeoutQueue<EventConnection> keepAliveQ = new TimeoutQueue<>("keep-alive");
    private final TimeoutQueue<EventConnection> readQ = new TimeoutQueue<>("read");
    private final TimeoutQueue<EventConnection> writeQ = new TimeoutQueue<>("write");
    private final TimeoutQueue<EventConnection> lingerQ = new TimeoutQueue<>("linger");
    /** Connections the leader's select found ready, to serve on its own thread; leader only. */
    private final java.util.ArrayDeque<EventConnection> ready = new java.util.ArrayDeque<>();
    /**
     * Connections whose finished responses the leader holds, to write them together; leader only.
     * A leader found stuck leaves them to the next, as it leaves {@link #ready}.
     */
    private final java.util.ArrayDeque<EventConnection> held = new java.util.ArrayDeque<>();
    /** When the first of {@link #held} was held (nanoTime). */
    private long heldSince;
    /** When the leader's latest serve on its own thread began (nanoTime); leader only. */
    private long lastServeBegan;
    /** Guards handing the listener's role on. */
    private final Object role = new Object();
    /**
     * What the leader serves on its own thread now, or null. Written before {@link #servingSince}
     * is set, and read by the watchdog only after taking that serve from it, so plain.
     */
    private EventConnection servingInline;
    /**
     * When the leader began to serve {@link #servingInline} (nanoTime, never 0), or 0. Whoever
     * sets it back to 0 owns the end of that serve: the leader when the serve returns, or the
     * watchdog when it found the serve stuck and passes the role on. One compare-and-set each way,
     * where a lock taken before and after every serve cost four atomic operations per serve.
     */
    private final AtomicLong servingSince = new AtomicLong();
    /** Times the role passed on because the watchdog found the leader stuck; for tests and debugging. */
    volatile long watchdogPasses;
    /** Times the role passed on because a serve said it was about to block; for tests and debugging. */
    volatile long passesAhead;
    /** Inline serves begun so far: the watchdog sleeps until woken when this stops moving. */
    private volatile long inlineServes;
    private volatile boolean watchdogAsleep;
    private volatile boolean watchdogStop;
    private final Thread watchdog = new Thread(this::watch, "jhttpd-event-watchdog");
    /** The loop has ended (guarded by the role lock). */
    private boolean done;
    /** The thread in {@link #run} is to take the role: no worker was free for it (guarded by the role lock). */
    private boolean standByLeads;
    private volatile Throwable failure;
    /** The thread that holds the role now (for tests). */
    volatile Thread leaderThread;
    /** Connections workers gave back, for this thread to park. */
    private final ConcurrentLinkedQueue<EventConnection> returns = new ConcurrentLinkedQueue<>();
    /** Connections accepted and not closed: waiting, queued, being served or lingering. */
    private final AtomicInteger connections = new AtomicInteger();

    /** True while this thread is in (or about to enter) a blocking select: only then need workers wake it. */
    private volatile boolean selecting;
    /** True while accepting is off for the admission rule: then a worker coming free or a close wakes us. */
    private volatile boolean acceptPaused;
    private volatile Stop stop = Stop.NONE;

    // leader only (the thread holding the listener's role; the role passes under the role lock)
    private Stop handledStop = Stop.NONE;
    /** The leader serves what it finds ready itself (a worker), or hands it to workers (the thread in run). */
    private boolean leadsInline;
    private boolean listenersOpen;
    private boolean acceptOn = true;
    private long acceptBackoffUntil;
    private long abortDeadline;
    private long accepted;

    /**
     * A loop over {@code ctx}'s listeners with one worker per slot of {@code workerSlots}.
     *
     * @param factor                 {@code AsyncRequestWorkerFactor}
     * @param maxConnectionsPerChild {@code MaxConnectionsPerChild}, 0 for none
     * @param dispatchNew            hand a new connection to a worker at once (true), or wait in
     *                               the selector for its first bytes (false)
     */
    SelectorLoop(MpmContext ctx, List<WorkerSlot> workerSlots, double factor, long maxConnectionsPerChild, boolean dispatchNew)
            throws IOException {
        this.ctx = ctx;
        this.selector = Selector.open();
        this.pool = new WorkerPool(workerSlots, parked, this);
        this.admission = new Admission(workerSlots.size(), factor);
        this.maxConnectionsPerChild = maxConnectionsPerChild;
        this.dispatchNew = dispatchNew;
    }

    /** Asks the loop to stop, from any thread; a graceful stop can still be turned into one that does not wait. */
    void shutdown(boolean graceful) {
        Stop want = graceful ? Stop.GRACEFUL : Stop.NOW;
        synchronized (this) {
            if (want.compareTo(stop) > 0) {
                stop = want;
            }
        }
        selector.wakeup();
        if (!graceful) {
            // a worker blocked in a handler's write wakes now, not when this thread gets round to it
            pool.abortAll();
        }
    }

    /** Connections held now (for tests and status). */
    int connections() {
        return connections.get();
    }

    /**
     * Accepts and serves until stopped, then returns once the connections to finish are finished.
     * The listener's loop runs on a worker thread (see {@link #lead}); this thread takes it over
     * only while every worker is busy (see {@link #watch}).
     */
    void run() throws IOException, InterruptedException {
        pool.start();
        watchdog.setDaemon(true);
        try {
            for (Listener l : ctx.listeners()) {
                ServerSocketChannel ch = l.channel();
                ch.configureBlocking(false);
                listenKeys.add(ch.register(selector, SelectionKey.OP_ACCEPT, null));
            }
            listenersOpen = true;
            ctx.ready();
            watchdog.start();
            pool.promote();
            standBy();
            Throwable e = failure;
            if (e != null) {
                // the loop cannot go on: whatever the workers serve is abandoned, as with a stop that does not wait
                handledStop = Stop.NOW;
                pool.abortAll();
                if (e instanceof IOException) {
                    throw (IOException) e;
                }
                if (e instanceof Error) {
                    throw (Error) e;
                }
                throw (RuntimeException) e;
            }
        } finally {
            watchdogStop = true;
            LockSupport.unpark(watchdog);
            closeListeners();
            forEachWaiting(this::close);
            if (!pool.stop(handledStop == Stop.NOW ? ABORT_WAIT_MILLIS : WORKER_EXIT_MILLIS)) {
                LOG.warn("JH05003: worker threads still busy after the stop; leaving them behind");
            }
            selector.close();
        }
    }

    /**
     * This thread's part: it waits, and holds the listener's role only while no worker is free to
     * (the leader is stuck in a handler and every other worker is busy), as Apache's dedicated
     * listener thread would; it then hands ready connections to the workers instead of serving
     * them, and gives the role back as soon as a worker is free. Returns when the loop has ended.
     */
    private void standBy() throws InterruptedException {
        boolean interrupted = false;
        while (true) {
            synchronized (role) {
                while (!done && !standByLeads) {
                    try {
                        role.wait();
                    } catch (InterruptedException e) {
                        if (!interrupted) {
                            interrupted = true;
                            // asked to give up: the stop turns into one that does not wait
                            shutdown(false);
                        }
                    }
                }
                if (done) {
                    break;
                }
                standByLeads = false;
            }
            runLoop(null);
        }
        if (interrupted) {
            throw new InterruptedException("interrupted while serving");
        }
    }

    // ---- the listener's role ----------------------------------------------------------------------

    /**
     * Runs the listener's loop on the calling worker's thread until the loop ends or the role
     * passes on. The leader serves on its own thread what its select finds ready, as nginx's
     * workers and Jetty's "eat what you kill" strategy do: a request read by the thread that will
     * answer it costs no hand-off, no wake-up and no change of what the selector watches, which
     * on loopback is most of a small request's cost. A handler may block, though, and the
     * listener must keep accepting and parking meanwhile: the {@link #watch watchdog} sees the
     * leader serving one connection for longer than {@link #INLINE_LIMIT_NANOS} and gives the role
     * to the next free worker; the old leader finishes its connection as a worker would.
     */
    @Override
    public void lead(WorkerPool.Inline inline) {
        runLoop(inline);
    }

    /** Runs the loop as the leader: serving inline, or handing to workers if {@code inline} is null. */
    private void runLoop(WorkerPool.Inline inline) {
        leaderThread = Thread.currentThread();
        leadsInline = inline != null;
        boolean ended;
        try {
            ended = loop(inline);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            ended = true;
        }
        if (ended) {
            synchronized (role) {
                done = true;
                role.notifyAll();
            }
        }
    }

    /**
     * Passes the listener's role on from a leader stuck in a handler: to the next free worker, or,
     * with none free, to the thread in {@link #run}. Under the role lock.
     */
    private void passRole() {
        if (pool.idleWorkers() > 0) {
            pool.promote();
        } else {
            standByLeads = true;
            role.notifyAll();
        }
    }

    /**
     * Serves what the select found, on this thread, or queues it for the workers when leading
     * from {@link #run}. False if the role passed on meanwhile.
     *
     * <p>Serving on its own thread, the leader holds each finished response and writes the held
     * ones together: after {@link #MAX_HELD_RESPONSES}, after {@link #HOLD_LIMIT_NANOS}, and when
     * the ready connections run out. A client waiting for several responses (a browser's
     * connections, a load generator's) is then woken once for the lot instead of once for each,
     * and each wake-up costs the writing side too (in a VM it is an interrupt to another core). On
     * 2 cores this took the 1 KiB keep-alive load ({@code wrk -t1 -c50}) from 11.7 to 8.9 us of
     * server CPU per request, and from 86k to 112k requests/s.
     */
    private boolean serveReady(WorkerPool.Inline inline) {
        EventConnection c;
        if (inline == null) {
            // responses a leader held when it was found stuck: a worker writes them
            while ((c = held.poll()) != null) {
                dispatch(c);
            }
            while ((c = ready.poll()) != null) {
                dispatch(c);
            }
            return true;
        }
        while ((c = ready.poll()) != null) {
            // a connection in write completion writes as far as the socket takes at once
            boolean hold = c.waitingFor == Next.READ;
            Next next = serveInline(inline, c, hold);
            if (next == null) {
                return false;
            }
            if (!hold || next != Next.WRITE) {
                parkServed(c, next);
                continue;
            }
            // timed by when the serves began: a clock read fewer per request
            if (held.isEmpty()) {
                heldSince = lastServeBegan;
            }
            held.add(c);
            if ((held.size() >= MAX_HELD_RESPONSES || lastServeBegan - heldSince >= HOLD_LIMIT_NANOS)
                    && !writeHeld(inline)) {
                return false;
            }
        }
        return writeHeld(inline);
    }

    /** Writes the held responses; false if the role passed on meanwhile (the next leader writes the rest). */
    private boolean writeHeld(WorkerPool.Inline inline) {
        EventConnection c;
        while ((c = held.poll()) != null) {
            Next next = serveInline(inline, c, false);
            if (next == null) {
                return false;
            }
            parkServed(c, next);
        }
        return true;
    }

    private void parkServed(EventConnection c, Next next) {
        if (next == Next.CLOSED) {
            forget(c);
        } else {
            c.waitingFor = next;
            // its wait is timed from when its serve began, at most a few microseconds early
            park(c, lastServeBegan / 1_000_000L);
        }
    }

    /** Serves {@code c} on this thread; null if the role passed on meanwhile (the connection went back as a worker's). */
    private Next serveInline(WorkerPool.Inline inline, EventConnection c, boolean hold) {
        long began = System.nanoTime();
        if (began == 0) {
            began = 1;
        }
        lastServeBegan = began;
        servingInline = c;
        servingSince.set(began);
        inlineServes++;
        if (watchdogAsleep) {
            LockSupport.unpark(watchdog);
        }
        Next next = inline.serve(c, hold);
        if (!servingSince.compareAndSet(began, 0)) {
            // the watchdog found this serve stuck and passed the role on
            returned(c, next);
            return null;
        }
        servingInline = null;
        return next;
    }

    /**
     * The watchdog: while the leader serves on its own thread, looks at it every
     * {@link #INLINE_LIMIT_NANOS}, and when one connection has held it that long, passes the
     * listener's role on. Sleeps until woken when nothing was served inline for a whole period,
     * so an idle server costs no wake-ups.
     */
    private void watch() {
        long seenServes = -1;
        while (!watchdogStop) {
            long since = servingSince.get();
            if (since == 0) {
                long serves = inlineServes;
                if (serves == seenServes) {
                    watchdogAsleep = true;
                    if (servingSince.get() == 0 && !watchdogStop) {
                        LockSupport.park(this);
                    }
                    watchdogAsleep = false;
                } else {
                    seenServes = serves;
                    LockSupport.parkNanos(this, INLINE_LIMIT_NANOS);
                }
                continue;
            }
            long left = since + INLINE_LIMIT_NANOS - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(this, left);
                continue;
            }
            if (!servingSince.compareAndSet(since, 0)) {
                // that serve ended meanwhile
                continue;
            }
            watchdogPasses++;
            LOG.debug("a handler held the listener for over {} us: passing the role on", INLINE_LIMIT_NANOS / 1000);
            passRoleFrom(servingInline);
        }
    }

    /**
     * The serve of {@code c} is about to block (a handler said so, or the kernel waits for the
     * client's socket). If the leader serves it on its own thread, the role passes on now, not
     * when the watchdog finds the serve stuck: a CGI request would otherwise keep every other
     * ready connection waiting for {@link #INLINE_LIMIT_NANOS} (on 2 cores that held the event
     * MPM to about 870 CGI requests/s, where the worker MPM did 1,300).
     */
    private void aboutToBlock(EventConnection c) {
        long since = servingSince.get();
        if (since == 0 || servingInline != c || Thread.currentThread() != leaderThread
                || !servingSince.compareAndSet(since, 0)) {
            // not served inline (a worker's), or the watchdog took the serve already
            return;
        }
        passesAhead++;
        LOG.debug("a handler is about to block: passing the role on");
        passRoleFrom(c);
    }

    /** After taking the serve of {@code c} from the leader: the role goes to another thread, the old leader finishes {@code c} as a worker. */
    private void passRoleFrom(EventConnection c) {
        synchronized (role) {
            // its socket stays watched while the leader serves it: not any more, or the next
            // leader's select would report it ready again and again while the old one reads
            SelectionKey k = c.key;
            if (k != null) {
                try {
                    k.interestOps(0);
                } catch (CancelledKeyException e) {
                    // closed meanwhile: its serve ends, and the old leader hands it back
                }
            }
            passRole();
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }

    /** The listener's loop; true when it ended (stopped and nothing left), false when the role passed on. */
    private boolean loop(WorkerPool.Inline inline) throws IOException {
        // one method call per turn: a leader's loop runs for as long as it keeps the role, so its
        // frame would stay in the interpreter (on-stack replacement comes late or not at all),
        // while a method called once per select is compiled within a second
        Turn t;
        do {
            t = turn(inline);
        } while (t == Turn.AGAIN);
        return t == Turn.ENDED;
    }

    private enum Turn { AGAIN, ENDED, PASSED_ON }

    /** One turn of the listener's loop: serve what the last select found, keep time, select again. */
    private Turn turn(WorkerPool.Inline inline) throws IOException {
        if (!serveReady(inline)) {
            return Turn.PASSED_ON;
        }
        if (inline == null && pool.idleWorkers() > 0 && stop == Stop.NONE) {
            // a worker is free again: the role goes back to one
            synchronized (role) {
                pool.promote();
            }
            return Turn.PASSED_ON;
        }
        long now = now();
        Stop s = stop;
        if (s != handledStop) {
            if (s == Stop.GRACEFUL) {
                beginGracefulStop();
            } else {
                beginStopNow(now);
            }
            handledStop = s;
        }
        takeReturns(now);
        if (handledStop != Stop.NONE) {
            int left = connections.get();
            if (left == 0) {
                return Turn.ENDED;
            }
            if (handledStop == Stop.NOW && now - abortDeadline >= 0) {
                LOG.warn("JH05004: {} connections still open {} ms after the stop; giving up on them", left, ABORT_WAIT_MILLIS);
                return Turn.ENDED;
            }
        }
        expire(now);
        long nextShedCheck = shedIfWorkersBusy(now);
        if (listenersOpen) {
            updateAccepting(now);
        }
        long wait = Math.min(waitMillis(now), nextShedCheck);
        selecting = true;
        int n;
        // a worker that gave a connection back before it saw selecting == true did not wake us
        if (wait == 0 || !returns.isEmpty() || !ready.isEmpty()) {
            n = selector.selectNow();
        } else {
            n = selector.select(wait);
        }
        selecting = false;
        if (n > 0) {
            handleSelected(now());
        }
        return Turn.AGAIN;
    }

    // ---- from the workers ---------------------------------------------------------------------------------

    @Override
    public void returned(EventConnection c, Next next) {
        if (next == Next.CLOSED) {
            connections.decrementAndGet();
            if (acceptPaused || stop != Stop.NONE) {
                selector.wakeup();
            }
            return;
        }
        c.waitingFor = next;
        returns.add(c);
        if (selecting) {
            selector.wakeup();
        }
    }

    @Override
    public void workerFree() {
        if (acceptPaused) {
            selector.wakeup();
        }
    }

    private void takeReturns(long now) {
        EventConnection c;
        while ((c = returns.poll()) != null) {
            park(c, now);
        }
    }

    // ---- waiting in the selector ----------------------------------------------------------------------

    /** Waits for what {@code c.waitingFor} says, until {@code c.timeoutMillis} from {@code now}. */
    private void park(EventConnection c, long now) {
        Next next = c.waitingFor;
        if (!c.channel.isOpen()) {
            c.handle.close();
            forget(c);
            return;
        }
        if (handledStop == Stop.NOW || (handledStop == Stop.GRACEFUL && next == Next.READ && c.idle)) {
            // stopping: no new request starts on this connection
            close(c);
            return;
        }
        TimeoutQueue<EventConnection> q;
        int ops;
        switch (next) {
            case WRITE:
                q = writeQ;
                ops = SelectionKey.OP_WRITE;
                break;
            case LINGER:
                q = lingerQ;
                ops = SelectionKey.OP_READ;
                break;
            default:
                q = c.isKeepAlive() ? keepAliveQ : readQ;
                ops = SelectionKey.OP_READ;
                break;
        }
        try {
            if (c.key == null) {
                c.key = c.channel.register(selector, ops, c);
            } else if (c.key.interestOps() != ops) {
                c.key.interestOps(ops);
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            c.handle.close();
            forget(c);
            return;
        }
        q.add(c, now + Math.max(0, c.timeoutMillis));
    }

    private void handleSelected(long now) {
        Set<SelectionKey> keys = selector.selectedKeys();
        for (SelectionKey k : keys) {
            Object a = k.attachment();
            if (a == null) {
                if (k.isValid() && acceptOn) {
                    acceptFrom((ServerSocketChannel) k.channel(), now);
                }
                continue;
            }
            EventConnection c = (EventConnection) a;
            if (!c.isQueued()) {
                // not waiting (a worker has it, or it waits in ready or returns): a stale report,
                // which a level-triggered selector would repeat until it is parked again
                try {
                    k.interestOps(0);
                } catch (CancelledKeyException e) {
                    // closed by whoever has it
                }
                continue;
            }
            unqueue(c);
            if (!k.isValid()) {
                c.handle.close();
                forget(c);
                continue;
            }
            if (c.waitingFor == Next.LINGER) {
                lingerHere(c, now);
                continue;
            }
            // served on this thread: the selector may go on watching it, nobody selects meanwhile
            ready.add(c);
        }
        keys.clear();
    }

    /** Lingering close needs no worker: drain what the client sent, on this thread. */
    private void lingerHere(EventConnection c, long now) {
        long prior = c.deadline();
        ConnectionHandle h = c.handle;
        Next next;
        try {
            next = h.serve();
        } catch (IOException | RuntimeException e) {
            LOG.debug("lingering close failed: {}", e.toString());
            h.close();
            next = Next.CLOSED;
        }
        if (next == Next.CLOSED) {
            forget(c);
            return;
        }
        c.waitingFor = next;
        c.idle = h.isIdle();
        c.timeoutMillis = h.timeoutMillis();
        if (next == Next.LINGER) {
            // the whole lingering close is bounded, however the client trickles bytes
            c.timeoutMillis = Math.min(c.timeoutMillis, Math.max(0, prior - now));
        }
        park(c, now);
    }

    private void dispatch(EventConnection c) {
        if (c.key != null) {
            try {
                c.key.interestOps(0);
            } catch (CancelledKeyException e) {
                c.handle.close();
                forget(c);
                return;
            }
        }
        c.queuedAt = now();
        pool.dispatch(c);
    }

    /**
     * Apache's "all workers are busy": when work has waited {@link #BUSY_SHED_MILLIS} for a worker,
     * the keep-alive connections are closed, so that their clients go elsewhere (another process)
     * rather than wait behind busy workers. Returns how soon to look again.
     */
    private long shedIfWorkersBusy(long now) {
        long queuedAt = pool.oldestWaiting();
        if (queuedAt == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long waited = now - queuedAt;
        if (waited < BUSY_SHED_MILLIS) {
            return BUSY_SHED_MILLIS - waited;
        }
        if (!keepAliveQ.isEmpty()) {
            LOG.debug("all workers are busy: closing {} keep-alive connections", keepAliveQ.size());
            shedKeepAlive();
        }
        return BUSY_SHED_MILLIS;
    }

    private void shedKeepAlive() {
        int n = keepAliveQ.size();
        if (n > 0) {
            EventConnection c;
            while ((c = keepAliveQ.poll()) != null) {
                close(c);
            }
        }
    }

    // ---- timeouts -------------------------------------------------------------------------------------

    private void expire(long now) {
        EventConnection c;
        while ((c = keepAliveQ.pollDue(now)) != null) {
            timeOutHere(c);
        }
        while ((c = lingerQ.pollDue(now)) != null) {
            timeOutHere(c);
        }
        while ((c = readQ.pollDue(now)) != null) {
            if (c.idle) {
                // nothing of a request arrived: nothing to answer
                timeOutHere(c);
            } else {
                timeOutOnWorker(c);
            }
        }
        while ((c = writeQ.pollDue(now)) != null) {
            timeOutOnWorker(c);
        }
    }

    /** A keep-alive or lingering wait ran out: {@code timeout()} only closes, so this thread does it. */
    private void timeOutHere(EventConnection c) {
        try {
            c.handle.timeout();
        } catch (RuntimeException e) {
            LOG.warn("JH05005: closing a timed-out connection failed: {}", e.toString());
            c.handle.close();
        }
        forget(c);
    }

    /**
     * A request or response ran out of time: {@code timeout()} may write a 408, which may block
     * briefly, so it runs as a serve does (on the leader, watched, or on a worker).
     */
    private void timeOutOnWorker(EventConnection c) {
        c.timedOut = true;
        ready.add(c);
    }

    private long waitMillis(long now) {
        long next = Math.min(Math.min(keepAliveQ.nextDeadline(), readQ.nextDeadline()),
                Math.min(writeQ.nextDeadline(), lingerQ.nextDeadline()));
        long wait = next == Long.MAX_VALUE ? MAX_WAIT_MILLIS : Math.min(MAX_WAIT_MILLIS, next - now);
        if (acceptBackoffUntil != 0) {
            wait = Math.min(wait, acceptBackoffUntil - now);
        }
        if (handledStop == Stop.NOW) {
            wait = Math.min(wait, abortDeadline - now);
        }
        return Math.max(0, wait);
    }

    // ---- accepting ------------------------------------------------------------------------------------

    private boolean admits() {
        return admission.allows(connections.get(), lingerQ.size(), idleWorkers(), !acceptOn);
    }

    /** Workers free to serve: the idle ones, and the leader itself when it serves (it is not serving when this is asked). */
    private int idleWorkers() {
        return pool.idleWorkers() + (leadsInline ? 1 : 0);
    }

    /**
     * Turns the listening sockets back on once the admission rule allows. (They are turned off
     * in {@link #acceptFrom}, when a client is waiting and the rule says no, as Apache does.)
     */
    private void updateAccepting(long now) {
        if (acceptOn) {
            return;
        }
        // published before the counts are read, so that a worker changing them after sees it and wakes us
        acceptPaused = true;
        if (acceptBackoffUntil != 0) {
            if (now - acceptBackoffUntil < 0) {
                return;
            }
            acceptBackoffUntil = 0;
        }
        // with idle workers and keep-alive connections, a waiting client gets in by closing those (acceptFrom)
        if (admits() || (idleWorkers() > 0 && !keepAliveQ.isEmpty())) {
            setAccepting(true);
        }
    }

    private void setAccepting(boolean on) {
        for (SelectionKey k : listenKeys) {
            k.interestOps(on ? SelectionKey.OP_ACCEPT : 0);
        }
        acceptOn = on;
        acceptPaused = !on;
    }

    /**
     * Accepts the clients waiting on {@code server} while the admission rule allows. When it does
     * not and workers are idle, the process is full of waiting connections: as Apache does, the
     * keep-alive ones are closed so that the new client gets in (a kept-alive client reconnects;
     * a new one would otherwise wait in the backlog behind idle connections). When no worker is
     * idle, accepting stops until one is.
     */
    private void acceptFrom(ServerSocketChannel server, long now) {
        for (int i = 0; i < ACCEPT_BATCH; i++) {
            if (!admits()) {
                if (idleWorkers() > 0 && !keepAliveQ.isEmpty()) {
                    // make room for the newcomer by closing the longest-idle keep-alive connections,
                    // a few at a time (as nginx drains connections), not every one of them
                    int shed = 0;
                    EventConnection oldest;
                    while (!admits() && shed < MAX_SHED_PER_ACCEPT && (oldest = keepAliveQ.poll()) != null) {
                        close(oldest);
                        shed++;
                    }
                    LOG.debug("too many connections ({}): closed {} idle keep-alive connections", connections.get(), shed);
                }
                if (!admits()) {
                    setAccepting(false);
                    LOG.debug("not accepting: {} connections, {} lingering, {} idle workers", connections.get(), lingerQ.size(),
                            idleWorkers());
                    return;
                }
            }
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                LOG.warn("JH05006: accept failed, pausing {} ms: {}", ACCEPT_BACKOFF_MILLIS, e.toString());
                acceptBackoffUntil = now + ACCEPT_BACKOFF_MILLIS;
                if (acceptBackoffUntil == 0) {
                    acceptBackoffUntil = 1;
                }
                setAccepting(false);
                return;
            }
            if (ch == null) {
                return;
            }
            opened(ch, now);
        }
    }

    private void opened(SocketChannel ch, long now) {
        connections.incrementAndGet();
        if (maxConnectionsPerChild > 0 && ++accepted >= maxConnectionsPerChild) {
            accepted = 0;
            ctx.connectionLimitReached();
        }
        EventConnection c;
        try {
            ch.configureBlocking(false);
            c = new EventConnection(ctx.connections().open(ch, parked), ch);
        } catch (IOException | UncheckedIOException e) {
            // typically the client is gone already (reset before we got to it)
            LOG.debug("cannot take a new connection: {}", e.toString());
            closeQuietly(ch);
            connections.decrementAndGet();
            return;
        } catch (RuntimeException e) {
            LOG.warn("JH05008: cannot take a new connection: {}", e.toString());
            closeQuietly(ch);
            connections.decrementAndGet();
            return;
        }
        EventConnection opened = c;
        c.handle.onBlocking(() -> aboutToBlock(opened));
        if (dispatchNew) {
            // the client usually sends at once: serving it now saves a trip through the selector
            ready.add(c);
        } else {
            c.timeoutMillis = c.handle.timeoutMillis();
            park(c, now);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to do for a socket that fails to close
        }
    }

    // ---- stopping -------------------------------------------------------------------------------------

    /**
     * Stops listening: the keys are dropped and the selector lets go of the channels (a channel
     * still registered keeps its socket open after close), then the kernel closes them, so new
     * clients are refused or go to another child from now on. What the select finds ready is
     * dropped: readiness is level-triggered and comes back at the next select.
     */
    private void closeListeners() {
        if (!listenersOpen) {
            return;
        }
        listenersOpen = false;
        acceptPaused = false;
        for (SelectionKey k : listenKeys) {
            k.cancel();
        }
        try {
            selector.selectNow();
            selector.selectedKeys().clear();
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            LOG.debug("letting go of the listeners: {}", e.toString());
        }
        ctx.stopListening();
    }

    private void beginGracefulStop() throws IOException {
        closeListeners();
        ctx.connections().closeIdleAndFinish();
        EventConnection c;
        while ((c = keepAliveQ.poll()) != null) {
            close(c);
        }
        // a connection that has not sent a byte of a request is as idle as a kept-alive one
        List<EventConnection> idle = new ArrayList<>();
        readQ.forEach(e -> {
            if (e.idle) {
                idle.add(e);
            }
        });
        for (EventConnection e : idle) {
            readQ.remove(e);
            close(e);
        }
    }

    private void beginStopNow(long now) throws IOException {
        closeListeners();
        forEachWaiting(this::close);
        pool.abortAll();
        abortDeadline = now + ABORT_WAIT_MILLIS;
    }

    /**
     * Takes every connection the listener holds out of its queue — parked in the selector, or
     * ready and not served yet — and gives it to {@code action}.
     */
    private void forEachWaiting(Consumer<EventConnection> action) {
        EventConnection c;
        for (TimeoutQueue<EventConnection> q : List.of(keepAliveQ, readQ, writeQ, lingerQ)) {
            while ((c = q.poll()) != null) {
                action.accept(c);
            }
        }
        while ((c = ready.poll()) != null) {
            action.accept(c);
        }
    }

    private void close(EventConnection c) {
        unqueue(c);
        c.handle.close();
        forget(c);
    }

    /** {@code c} is closed: no longer counted. */
    private void forget(EventConnection c) {
        connections.decrementAndGet();
    }

    @SuppressWarnings("unchecked")
    private static void unqueue(EventConnection c) {
        TimeoutQueue<EventConnection> q = (TimeoutQueue<EventConnection>) c.queue();
        if (q != null) {
            q.remove(c);
        }
    }
}
