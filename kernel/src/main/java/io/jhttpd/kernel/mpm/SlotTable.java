package io.jhttpd.kernel.mpm;

import io.jhttpd.api.spi.Scoreboard;
import io.jhttpd.api.spi.WorkerSlot;

/** A scoreboard's fixed grid of {@code ServerLimit} × {@code ThreadLimit} worker slots, wherever they are kept. */
abstract class SlotTable implements Scoreboard {

    final int serverLimit;
    final int threadLimit;

    SlotTable(int serverLimit, int threadLimit) {
        this.serverLimit = serverLimit;
        this.threadLimit = threadLimit;
    }

    @Override
    public final int serverLimit() {
        return serverLimit;
    }

    @Override
    public final int threadLimit() {
        return threadLimit;
    }

    @Override
    public final WorkerSlot slot(int child, int thread) {
        if (child < 0 || child >= serverLimit || thread < 0 || thread >= threadLimit) {
            throw new IndexOutOfBoundsException("no scoreboard slot " + child + "/" + thread);
        }
        return slotAt(child * threadLimit + thread);
    }

    /** Slot number {@code index}, counted row by row. */
    abstract WorkerSlot slotAt(int index);
}
