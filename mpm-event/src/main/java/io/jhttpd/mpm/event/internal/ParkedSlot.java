package io.jhttpd.mpm.event.internal;

import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;

/**
 * Where a connection reports while no worker serves it: accepted and not dispatched yet, waiting
 * in the selector, or closed by the listener (timeout, graceful stop). A scoreboard row belongs to
 * one worker thread, so a connection the listener touches must not write into the row of the
 * worker that served it last; its reports land here and are dropped. Requests are only started
 * and finished on workers, whose rows count them.
 */
final class ParkedSlot implements WorkerSlot {

    private volatile WorkerState state = WorkerState.READY;

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
        // no request runs outside a worker
    }

    @Override
    public void requestFinished(long bytes) {
        // counted in the worker's row
    }

    @Override
    public long requests() {
        return 0;
    }

    @Override
    public long bytesServed() {
        return 0;
    }
}
