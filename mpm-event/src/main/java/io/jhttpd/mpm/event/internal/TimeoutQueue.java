package io.jhttpd.mpm.event.internal;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Connections waiting in the selector, ordered by the time they give up waiting: one of Apache's
 * event timeout queues (keep-alive, read, write, linger). Apache can use a FIFO because all
 * entries of its queue share one timeout; here a connection's wait comes from
 * {@code ConnectionHandle.timeoutMillis()}, which differs per virtual host and, with
 * {@code RequestReadTimeout}, per connection, so this is a binary min-heap whose entries know their
 * position: adding, removing any entry and taking the due ones are O(log n), and the nearest
 * deadline is O(1). A FIFO of a single timeout costs the same as Apache's list here (a new entry
 * is the latest and stays at the bottom).
 *
 * <p>Owned by the listener thread; not thread-safe. Times are in milliseconds of a monotonic
 * clock and compared by difference, so a wrapping clock stays ordered.
 *
 * @param <E> the entry type
 */
final class TimeoutQueue<E extends TimeoutQueue.Entry> {

    /** Something that can wait in one {@link TimeoutQueue} at a time. */
    abstract static class Entry {
        private long deadline;
        private int index = -1;
        private TimeoutQueue<?> queue;

        /** When the wait runs out (monotonic milliseconds); meaningful while queued. */
        final long deadline() {
            return deadline;
        }

        /** True while in a queue. */
        final boolean isQueued() {
            return queue != null;
        }

        /** The queue it waits in, or {@code null}. */
        final TimeoutQueue<?> queue() {
            return queue;
        }
    }

    private final String name;
    private Entry[] heap = new Entry[16];
    private int size;

    /** An empty queue; {@code name} shows in debug messages. */
    TimeoutQueue(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Queues {@code e} to run out at {@code deadline}.
     *
     * @throws IllegalStateException if {@code e} already waits in a queue
     */
    void add(E entry, long deadline) {
        Entry e = entry;
        if (e.queue != null) {
            throw new IllegalStateException("already waiting in the " + e.queue.name + " queue");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        e.deadline = deadline;
        e.queue = this;
        e.index = size;
        heap[size++] = e;
        siftUp(e.index);
    }

    /** Takes {@code e} out of this queue; false if it was not in it. */
    boolean remove(E entry) {
        Entry e = entry;
        if (e.queue != this) {
            return false;
        }
        int i = e.index;
        Entry last = heap[--size];
        heap[size] = null;
        if (i != size) {
            heap[i] = last;
            last.index = i;
            siftDown(i);
            if (heap[i] == last) {
                siftUp(i);
            }
        }
        e.queue = null;
        e.index = -1;
        return true;
    }

    /** The entry that runs out first, or {@code null}. */
    @SuppressWarnings("unchecked")
    E peek() {
        return size == 0 ? null : (E) heap[0];
    }

    /** The nearest deadline, or {@code Long.MAX_VALUE} when empty (never due). */
    long nextDeadline() {
        return size == 0 ? Long.MAX_VALUE : heap[0].deadline;
    }

    /** Takes out and returns the entry that runs out first if it is due at {@code now}, else {@code null}. */
    E pollDue(long now) {
        E head = peek();
        if (head == null || ((Entry) head).deadline - now > 0) {
            return null;
        }
        remove(head);
        return head;
    }

    /** Takes out and returns any entry (the first to run out), or {@code null} when empty. */
    E poll() {
        E head = peek();
        if (head != null) {
            remove(head);
        }
        return head;
    }

    /** Calls {@code action} for each entry, in no particular order; {@code action} must not change this queue. */
    @SuppressWarnings("unchecked")
    void forEach(Consumer<? super E> action) {
        for (int i = 0; i < size; i++) {
            action.accept((E) heap[i]);
        }
    }

    private static boolean before(Entry a, Entry b) {
        return a.deadline - b.deadline < 0;
    }

    private void siftUp(int i) {
        Entry e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Entry p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    private void siftDown(int i) {
        Entry e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], e)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }
}
