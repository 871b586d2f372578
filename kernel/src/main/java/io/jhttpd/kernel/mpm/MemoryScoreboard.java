package io.jhttpd.kernel.mpm;

import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;

/**
 * A scoreboard in this process's memory, for a server that runs as one process. (The
 * multi-process server keeps its scoreboard in a memory-mapped file shared with the master.)
 */
public final class MemoryScoreboard extends SlotTable {

    private final Slot[] slots;

    public MemoryScoreboard(int serverLimit, int threadLimit) {
        super(serverLimit, threadLimit);
        this.slots = new Slot[serverLimit * threadLimit];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot();
        }
    }

    @Override
    WorkerSlot slotAt(int index) {
        return slots[index];
    }

    /** One worker's row; written by its worker, read by anyone. */
    private static final class Slot implements WorkerSlot {
        private volatile WorkerState state = WorkerState.DEAD;
        private volatile String request = "";
        private volatile String vhost = "";
        private volatile long requests;
        private volatile long bytes;
        private volatile long lastUsed;

        @Override
        public WorkerState state() {
            return state;
        }

        @Override
        public void setState(WorkerState state) {
            this.state = state;
        }

        @Override
        public void requestStarted(String requestLine, String vhost) {
            this.request = requestLine.length() > 64 ? requestLine.substring(0, 64) : requestLine;
            this.vhost = vhost;
            lastUsed = System.currentTimeMillis();
        }

        @Override
        public void requestFinished(long bytes) {
            requests++;
            this.bytes += bytes;
            lastUsed = System.currentTimeMillis();
        }

        @Override
        public String requestLine() {
            return request;
        }

        @Override
        public String vhost() {
            return vhost;
        }

        @Override
        public long lastUsedMillis() {
            return lastUsed;
        }

        @Override
        public long requests() {
            return requests;
        }

        @Override
        public long bytesServed() {
            return bytes;
        }

        @Override
        public String toString() {
            return state.letter() + " " + request + " " + vhost;
        }
    }
}
