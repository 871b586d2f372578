package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one FastCGI backend (one mod_proxy worker): at most {@code max} open at once,
 * and, with reuse on, idle ones kept for the next request. With reuse on, the first connection
 * asks the backend its limits with GET_VALUES and keeps no more idle connections than its
 * {@code FCGI_MAX_CONNS}, so pooled connections do not pin every php-fpm child.
 */
final class BackendPool {

    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);

    private final BackendAddress address;
    private final WorkerParams params;
    private final Semaphore permits;
    private final ArrayDeque<BackendChannel> idle = new ArrayDeque<>();
    private volatile int maxIdle = Integer.MAX_VALUE;
    private volatile boolean probed;
    private boolean closed;

    BackendPool(BackendAddress address, WorkerParams params) {
        this.address = address;
        this.params = params;
        this.permits = params.max() > 0 ? new Semaphore(params.max(), true) : null;
    }

    WorkerParams params() {
        return params;
    }

    BackendAddress address() {
        return address;
    }

    /**
     * A connection: an idle pooled one that is still open, else a new one. Waits up to the connect
     * timeout for a free slot when {@code max} are in use ({@link BackendBusyException}); a refused
     * connect throws at once.
     */
    BackendChannel acquire() throws IOException {
        if (permits != null) {
            try {
                if (!permits.tryAcquire(params.connectTimeoutMillis(), TimeUnit.MILLISECONDS)) {
                    throw new BackendBusyException("all " + params.max() + " connections to " + address.key() + " are busy");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendBusyException("interrupted waiting for a connection to " + address.key());
            }
        }
        try {
            if (params.reuse()) {
                BackendChannel pooled;
                while ((pooled = pollIdle()) != null) {
                    if (!pooled.isStale()) {
                        return pooled;
                    }
                    pooled.close();
                }
                if (!probed) {
                    probe();
                }
            }
            return BackendChannel.connect(address.resolved(), params.connectTimeoutMillis(), params.ioTimeoutMillis());
        } catch (IOException | RuntimeException e) {
            if (permits != null) {
                permits.release();
            }
            throw e;
        }
    }

    /** Gives {@code channel} back: pooled if reuse is on and the exchange left it clean, else closed. */
    void release(BackendChannel channel, boolean reusable) {
        boolean keep = false;
        if (reusable && params.reuse() && channel.isOpen()) {
            synchronized (idle) {
                if (!closed && idle.size() < maxIdle) {
                    idle.push(channel);
                    keep = true;
                }
            }
        }
        if (!keep) {
            channel.close();
        }
        if (permits != null) {
            permits.release();
        }
    }

    private BackendChannel pollIdle() {
        synchronized (idle) {
            return idle.poll();
        }
    }

    /** Closes the idle connections; later releases close theirs. */
    void close() {
        synchronized (idle) {
            closed = true;
            for (BackendChannel c : idle) {
                c.close();
            }
            idle.clear();
        }
    }

    /** GET_VALUES on a connection of its own: php closes a connection after answering it. */
    private void probe() {
        probed = true;
        try (BackendChannel c = BackendChannel.connect(address.resolved(), params.connectTimeoutMillis(),
                Math.min(params.ioTimeoutMillis(), 2000))) {
            Map<String, String> values = GetValues.ask(c);
            String maxConns = values.get("FCGI_MAX_CONNS");
            if (maxConns != null) {
                try {
                    maxIdle = Math.max(1, Integer.parseInt(maxConns.trim()));
                } catch (NumberFormatException e) {
                    LOG.debug("backend {} sent FCGI_MAX_CONNS '{}'", address.key(), maxConns);
                }
            }
            LOG.debug("backend {} limits: {}", address.key(), values);
        } catch (IOException e) {
            LOG.debug("backend {} did not answer GET_VALUES: {}", address.key(), e.toString());
        }
    }
}
