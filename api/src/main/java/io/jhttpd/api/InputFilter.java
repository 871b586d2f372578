package io.jhttpd.api;

import java.io.IOException;

/**
 * A stage of the request body's way from the client to the handler, as Apache's input filters.
 * The handler pulls ({@link Request#readBody}); each filter pulls from the one below through
 * {@link Upstream#read}, transforms, and appends to the brigade it was given.
 *
 * <pre>
 *   network ──▶ [HTTP_IN: de-chunk, Content-Length, LimitRequestBody] ──▶ [CONTENT_SET: inflate] ──▶ handler
 * </pre>
 *
 * <p>A read appends at least one bucket (data, or end-of-stream when the body is over) unless
 * the mode is {@link ReadMode#SPECULATIVE}; end-of-stream is appended exactly once, and every
 * later read appends end-of-stream again. An {@link Bucket.Error} bucket reports a status the
 * request must be answered with (413 for a body over the limit, 400 for a bad chunk).
 */
@FunctionalInterface
public interface InputFilter {

    /** Appends up to {@code maxBytes} body bytes (or end-of-stream) to {@code into}. */
    void read(Brigade into, ReadMode mode, long maxBytes, Upstream upstream) throws IOException;

    /** The filters below this one. */
    interface Upstream {
        /** Reads from the next filter down. */
        void read(Brigade into, ReadMode mode, long maxBytes) throws IOException;

        /** The request whose body is read. */
        Request request();
    }

    /** Makes a filter instance for one request. */
    @FunctionalInterface
    interface Factory {
        /** A filter for {@code request}, or {@code null} if it does not apply. */
        InputFilter create(Request request);
    }
}
