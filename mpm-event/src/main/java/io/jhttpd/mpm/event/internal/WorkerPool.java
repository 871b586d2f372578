package io.jhttpd.mpm.event.internal;

import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.ConnectionHandle.Next;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed pool of {@code ThreadsPerChild} worker threads. One of them at a time holds the
 * listener's role ({@link Owner#lead}): it selects, and serves what its select found on its own
 * thread. The listener queues here only what it does not serve itself: a connection whose wait
 * ran out, or the listener's role when the leader is stuck in a handler ({@link #promote}). A free
 * worker moves the connection's reports to its own scoreboard row, calls {@code serve()} (or
 * {@code timeout()}), and gives the connection back with what it waits for next.
 *
 * <p>The queue never blocks the listener: a connection queued while every worker is busy waits
 * for the next free one; {@link #oldestWaiting} tells the listener how long work has waited,
 * its cue to shed keep-alive connections.
 */
final class WorkerPool {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /** Where served connections go back to: the listener. */
    interface Owner {
        /** {@code c} was served and now waits for {@code next} ({@link Next#CLOSED}: it is closed). Called on the worker thread. */
        void returned(EventConnection c, Next next);

        /** A worker has become free. Called on the worker thread; must not block. */
        void workerFree();

        /**
         * The calling worker takes the listener's role, until the role passes to another worker
         * or the listener's work ends; {@code inline} serves a connection on this thread.
         */
        void lead(Inline inline);
    }

    /** Serves a connection on the calling worker's thread, reporting in its scoreboard row. */
    interface Inline {
        Next serve(EventConnection c, boolean holdResponse);
    }

    /** Tells a worker to exit; never served. */
    private static final EventConnection STOP = new EventConnection(null, null);
    /** Tells a worker to take the listener's role; never served. */
    private static final EventConnection LEAD = new EventConnection(null, null);

    private final LinkedBlockingDeque<EventConnection> queue = new LinkedBlockingDeque<>();
    /** Free workers minus connections queued for them: negative when connections wait for a worker. */
    private final AtomicInteger available = new AtomicInteger();
    private final Worker[] workers;

    /**
     * A pool of one worker per slot of {@code slots}, not started yet. Connections not on a worker
     * report in {@code parked}; {@code owner} takes them back.
     */
    WorkerPool(List<WorkerSlot> slots, WorkerSlot parked, Owner owner) {
        workers = new Worker[slots.size()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i, slots.get(i), parked, owner);
        }
    }

    int size() {
        return workers.length;
    }

    void start() {
        for (Worker w : workers) {
            w.slot.setState(WorkerState.STARTING);
            w.thread.start();
        }
    }

    /**
     * Queues {@code c} for the next free worker. True if a worker was free for it; false if it
     * waits behind busy workers.
     */
    boolean dispatch(EventConnection c) {
        boolean free = available.getAndDecrement() > 0;
        queue.add(c);
        return free;
    }

    /**
     * Gives the listener's role to the next free worker, ahead of the connections queued: the
     * listener accepts and parks for every worker.
     */
    void promote() {
        available.getAndDecrement();
        queue.addFirst(LEAD);
    }

    /**
     * When the connection that has waited longest for a worker was queued ({@code queuedAt}), or
     * {@code Long.MAX_VALUE} if none waits because every worker is busy.
     */
    long oldestWaiting() {
        if (available.get() >= 0) {
            return Long.MAX_VALUE;
        }
        EventConnection head = queue.peek();
        return head == null || head == STOP || head == LEAD ? Long.MAX_VALUE : head.queuedAt;
    }

    /** Workers with nothing to do and nothing queued for them. */
    int idleWorkers() {
        return Math.max(0, available.get());
    }

    /** Closes the connections the workers serve now (a stop that does not wait for them). */
    void abortAll() {
        for (Worker w : workers) {
            EventConnection c = w.current;
            if (c != null) {
                // from another thread: the handle's close is safe to call twice and wakes a blocked write
                c.handle.close();
            }
        }
    }

    /**
     * Tells every worker to exit once it is done with its connection, and waits up to
     * {@code millis} for them. True if all exited. Connections still queued are closed.
     */
    boolean stop(long millis) throws InterruptedException {
        for (int i = 0; i < workers.length; i++) {
            queue.add(STOP);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean all = true;
        for (Worker w : workers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                w.thread.join(left);
            }
            all &= !w.thread.isAlive();
        }
        EventConnection left;
        while ((left = queue.poll()) != null) {
            if (left != STOP && left != LEAD) {
                left.handle.close();
            }
        }
        return all;
    }

    /** One worker thread: serves one connection at a time, as far as it can go without waiting. */
    private final class Worker {
        final Thread thread;
        final WorkerSlot slot;
        private final WorkerSlot parked;
        private final Owner owner;
        private final Inline inline = this::serveHere;
        /** The connection being served, for {@link #abortAll}. */
        volatile EventConnection current;

        Worker(int index, WorkerSlot slot, WorkerSlot parked, Owner owner) {
            this.slot = slot;
            this.parked = parked;
            this.owner = owner;
            this.thread = new Thread(this::loop, "jhttpd-event-worker-" + index);
            // a handler stuck past a stop's bounded wait must not keep the process alive after run() returned
            this.thread.setDaemon(true);
        }

        private void loop() {
            slot.setState(WorkerState.READY);
            try {
                while (true) {
                    available.incrementAndGet();
                    owner.workerFree();
                    EventConnection c = queue.take();
                    if (c == STOP) {
                        break;
                    }
                    if (c == LEAD) {
                        owner.lead(inline);
                        slot.setState(WorkerState.READY);
                        continue;
                    }
                    owner.returned(c, serveHere(c, false));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slot.setState(WorkerState.DEAD);
            }
        }

        private Next serveHere(EventConnection c, boolean holdResponse) {
            current = c;
            try {
                return serve(c, holdResponse);
            } finally {
                current = null;
            }
        }

        private Next serve(EventConnection c, boolean holdResponse) {
            ConnectionHandle h = c.handle;
            h.setSlot(slot);
            long before = slot.requests();
            Next next;
            try {
                if (c.timedOut) {
                    c.timedOut = false;
                    h.timeout();
                    next = Next.CLOSED;
                } else {
                    next = holdResponse ? h.serveHoldingResponse() : h.serve();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("JH05002: connection failed: {}", e.toString());
                h.close();
                next = Next.CLOSED;
            }
            if (next != Next.CLOSED) {
                c.servedRequest |= slot.requests() != before;
                c.idle = h.isIdle();
                c.timeoutMillis = h.timeoutMillis();
                // from now on the listener may touch it; its reports must not land in this row
                h.setSlot(parked);
            }
            slot.setState(WorkerState.READY);
            return next;
        }
    }
}
