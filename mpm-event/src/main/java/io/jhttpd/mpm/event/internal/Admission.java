package io.jhttpd.mpm.event.internal;

/**
 * Apache's event MPM admission rule ({@code connections_above_limit} in event.c): a process
 * accepts a new connection only while a worker is idle and
 * {@code connections − lingering < ThreadsPerChild + idleWorkers × AsyncRequestWorkerFactor}.
 * Connections in lingering close need no worker any more, so they do not count. The rule bounds
 * how many waiting connections can turn into work at once for the workers this process has:
 * about {@code (factor + 1) × ThreadsPerChild} connections at most.
 *
 * <p>Once the listening sockets are disabled, one idle worker fewer is counted, as Apache does, so
 * that accepting does not flip on and off with every worker that comes and goes; but never fewer
 * than one: with a single idle worker (a process of one thread, or all but one busy) Apache's rule
 * would keep accepting off until every connection had closed.
 */
final class Admission {

    private final int threads;
    private final double factor;

    /** The rule for {@code threads} workers and {@code AsyncRequestWorkerFactor} {@code factor}. */
    Admission(int threads, double factor) {
        this.threads = threads;
        this.factor = factor;
    }

    /**
     * May a new connection be accepted now?
     *
     * @param connections       connections this process holds (waiting, being served, lingering)
     * @param lingering         of those, the ones in lingering close
     * @param idleWorkers       workers with nothing to do (not counting work already queued for them)
     * @param listenersDisabled whether accepting is off now (the hysteresis above)
     */
    boolean allows(int connections, int lingering, int idleWorkers, boolean listenersDisabled) {
        if (idleWorkers <= 0) {
            // no worker could take the new connection: leave it to the backlog (or another process)
            return false;
        }
        int active = connections - lingering;
        if (active <= 0) {
            return true;
        }
        int counted = listenersDisabled && idleWorkers > 1 ? idleWorkers - 1 : idleWorkers;
        return active < threads + counted * factor;
    }

    /** The most connections (not lingering) the rule lets in with every worker idle. */
    int ceiling() {
        return (int) Math.ceil(threads + threads * factor);
    }
}
