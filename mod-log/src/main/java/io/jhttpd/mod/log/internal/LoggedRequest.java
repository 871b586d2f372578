package io.jhttpd.mod.log.internal;

import io.jhttpd.api.Request;

/**
 * One request being logged: the first request of its internal-redirect chain (what {@code %s},
 * {@code %U}, {@code %r}, {@code %T}, {@code %D} show, or {@code %<x}), the last one (everything
 * else, or {@code %>x}), and when logging started. That end time is read from the clocks at most
 * once, when a field first asks for it (the common formats never do), so that every field of
 * every log agrees.
 */
final class LoggedRequest {
    private final Request original;
    private final Request last;
    private boolean ended;
    private long endMillis;
    private long endNanos;

    private LoggedRequest(Request original, Request last) {
        this.original = original;
        this.last = last;
    }

    /** {@code r} (any request of a chain) logged now. */
    static LoggedRequest of(Request r) {
        Request original = r;
        while (original.redirectedFrom() != null) {
            original = original.redirectedFrom();
        }
        Request last = original.finalRequest();
        return new LoggedRequest(original, last == null ? r : last);
    }

    /** {@code r} (any request of a chain) logged at the given end time. */
    static LoggedRequest of(Request r, long endMillis, long endNanos) {
        LoggedRequest request = of(r);
        request.ended(endMillis, endNanos);
        return request;
    }

    /** The request as the client sent it. */
    Request original() {
        return original;
    }

    /** The request that answered (the same as {@link #original} without internal redirects). */
    Request last() {
        return last;
    }

    /** Wall-clock time the request ended, for {@code %{end:...}t}. */
    long endMillis() {
        if (!ended) {
            ended(System.currentTimeMillis(), System.nanoTime());
        }
        return endMillis;
    }

    /** Time taken, in microseconds, from the first byte of the request to its end. */
    long durationMicros() {
        if (!ended) {
            ended(System.currentTimeMillis(), System.nanoTime());
        }
        return Math.max(0, (endNanos - original.requestStartNanos()) / 1000);
    }

    private void ended(long millis, long nanos) {
        endMillis = millis;
        endNanos = nanos;
        ended = true;
    }
}
