package io.jhttpd.mpm.event.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.ThreadedMpmSettings;
import io.jhttpd.api.spi.Mpm;
import io.jhttpd.api.spi.MpmContext;
import io.jhttpd.api.spi.WorkerSlot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's event MPM, in one process: {@code ThreadsPerChild} worker threads serve requests, and
 * a listener ({@link SelectorLoop}) holds in a selector every connection that only waits — for the
 * next request on a kept-alive connection, for the rest of a request head, for the socket to take
 * the rest of a large response, or for the client to finish during lingering close — so waiting
 * costs no thread. The listener also accepts, under Apache's admission rule with
 * {@code AsyncRequestWorkerFactor}, and keeps the timeouts. Its loop runs on one worker at a time,
 * which serves what it finds ready itself and passes the role on when a handler blocks (see
 * {@link SelectorLoop}); across processes, children spread connections by {@code SO_REUSEPORT},
 * as nginx's worker processes do.
 *
 * <p>Graceful stop: the listening sockets close at once (new clients are refused), idle
 * connections are closed, requests in progress finish and their connections then close, and
 * {@link #run} returns when none is left. A stop that does not wait closes everything now.
 *
 * <p>Directives are worker's ({@code ThreadsPerChild}, {@code ThreadLimit}, {@code ServerLimit},
 * {@code MaxRequestWorkers}, {@code StartServers}, {@code MinSpareThreads}, {@code MaxSpareThreads},
 * {@code MaxConnectionsPerChild}) plus {@code AsyncRequestWorkerFactor}.
 */
public final class EventMpm implements Mpm {

    private static final Logger LOG = LoggerFactory.getLogger(EventMpm.class);

    /**
     * A new connection is served at once, as Apache's event MPM does, rather than waiting in the
     * selector for its first bytes: the client usually sends right after connecting, and the
     * listener finds the bytes there. Measured on loopback when new connections still went to a
     * worker (wrk -t1 -c50 -d10s, a new connection per request, 5 runs each, 2 cores): 11.5k
     * requests/s at 95 µs CPU per request at once, 10.9k at 99 µs through the selector; with
     * keep-alive new connections are too rare to matter.
     */
    static final boolean DISPATCH_NEW_CONNECTIONS = true;

    private final ThreadedMpmSettings settings = new ThreadedMpmSettings();
    private double asyncRequestWorkerFactor = 2.0;

    private volatile boolean stopRequested;
    private volatile boolean graceful = true;
    private volatile SelectorLoop loop;

    @Override
    public java.util.Optional<io.jhttpd.api.spi.ProcessModel> processModel() {
        return java.util.Optional.of(settings.processModel());
    }

    @Override
    public String name() {
        return "event";
    }

    @Override
    public void register(ModuleSetup setup) {
        settings.register(setup, 100000);
        setup.directive(Directive.of("AsyncRequestWorkerFactor", ArgShape.TAKE1, EnumSet.of(Scope.SERVER),
                (DirectiveContext c, List<String> a) -> asyncRequestWorkerFactor = factor(c, a.get(0)))
                .help("connections per idle worker thread a process may hold beyond ThreadsPerChild"));
    }

    /** Parses {@code AsyncRequestWorkerFactor}: a positive number, fractions allowed (as Apache). */
    static double factor(DirectiveContext c, String arg) throws ConfigException {
        double v;
        try {
            v = Double.parseDouble(arg);
        } catch (NumberFormatException e) {
            throw c.error("AsyncRequestWorkerFactor must be a positive number, not '" + arg + "'");
        }
        if (!(v > 0) || Double.isInfinite(v) || arg.strip().matches("(?i).*[a-z].*")) {
            // NaN, Infinity and Java's "1d"/"0x1p1" forms are not numbers an operator writes
            throw c.error("AsyncRequestWorkerFactor must be a positive number, not '" + arg + "'");
        }
        return v;
    }

    /** Threads this process runs: ThreadsPerChild, capped by ThreadLimit as Apache does. */
    int threads() {
        if (settings.threadsPerChild() > settings.threadLimit()) {
            LOG.warn("JH05001: ThreadsPerChild of {} exceeds ThreadLimit of {}, decreasing to match", settings.threadsPerChild(),
                    settings.threadLimit());
        }
        return settings.threads();
    }

    /** {@code AsyncRequestWorkerFactor} as configured. */
    double asyncRequestWorkerFactor() {
        return asyncRequestWorkerFactor;
    }

    @Override
    public void run(MpmContext ctx) throws Exception {
        int n = threads();
        List<WorkerSlot> slots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slots.add(ctx.scoreboard().slot(0, i));
        }
        SelectorLoop l = new SelectorLoop(ctx, slots, asyncRequestWorkerFactor, settings.maxConnectionsPerChild(), DISPATCH_NEW_CONNECTIONS);
        loop = l;
        // a stop asked for before the loop existed (shutdown reads loop after setting the flag)
        if (stopRequested) {
            l.shutdown(graceful);
        }
        l.run();
    }

    @Override
    public void shutdown(boolean graceful) {
        this.graceful = this.graceful && graceful;
        stopRequested = true;
        SelectorLoop l = loop;
        if (l != null) {
            l.shutdown(this.graceful);
        }
    }
}
