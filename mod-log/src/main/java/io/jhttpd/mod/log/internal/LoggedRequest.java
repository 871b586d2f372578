package io.jhttpd.mod.log.internal;

import io.jhttpd.api.Request;

/**
 * One request being logged: the first request of its internal-redirect chain (what {@code %s},
 * {@code %U}, {@code %r}, {@code %T}, {@code %D} show, or {@code %<x}), the last one (everything
 * else, or {@code %>x}), and when logging started, read once so that every field of every log
 * agrees.
 *
 * @param original  the request as the client sent it
 * @param last      the request that answered (the same as {@code original} without internal redirects)
 * @param endMillis wall-clock time the request ended, for {@code %{end:...}t}
 * @param endNanos  {@link System#nanoTime()} when the request ended, for durations
 */
record LoggedRequest(Request original, Request last, long endMillis, long endNanos) {

    /** {@code r} (any request of a chain) logged now. */
    static LoggedRequest of(Request r) {
        return of(r, System.currentTimeMillis(), System.nanoTime());
    }

    /** {@code r} (any request of a chain) logged at the given end time. */
    static LoggedRequest of(Request r, long endMillis, long endNanos) {
        Request original = r;
        while (original.redirectedFrom() != null) {
            original = original.redirectedFrom();
        }
        Request last = original.finalRequest();
        return new LoggedRequest(original, last == null ? r : last, endMillis, endNanos);
    }

    /** Time taken, in microseconds, from the first byte of the request to now. */
    long durationMicros() {
        return Math.max(0, (endNanos - original.requestStartNanos()) / 1000);
    }
}
