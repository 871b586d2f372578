package io.jhttpd.api;

import java.io.IOException;

/**
 * A stage of the response body's way to the client, as Apache's output filters and Netty's
 * outbound handlers. A filter receives brigades from the stage above and passes (possibly
 * transformed) brigades to {@link Next#pass}.
 *
 * <pre>
 *   handler ──pass──▶ [RESOURCE] ──▶ [CONTENT_SET] ──▶ [PROTOCOL: header, length] ──▶ [TRANSCODE: chunk] ──▶ network
 * </pre>
 *
 * <p>Rules every filter keeps (Apache's filter rules): never pass an empty brigade; forward every
 * metadata bucket, pushing out what was buffered before a FLUSH; end-of-stream comes once, and a
 * filter emits everything it holds before passing it on; work in bounded pieces (memory must not
 * grow with body size; a filter that must see the whole body says so in its documentation); a
 * filter that changes content removes {@code Content-Length} and weakens or drops {@code ETag}
 * before the first pass. Filters are created per request by their {@link Factory} and used by one
 * thread at a time.
 *
 * <pre>{@code
 * setup.outputFilter("UPPER", FilterType.RESOURCE, r -> (brigade, next) -> {
 *     for (Bucket b : brigade) { ... }   // transform data buckets in place or build a new brigade
 *     next.pass(brigade);
 * });
 * }</pre>
 */
@FunctionalInterface
public interface OutputFilter {

    /** Takes the buckets of {@code brigade} (leaving it empty or passing it on) and sends results downstream. */
    void filter(Brigade brigade, Next next) throws IOException;

    /** The rest of the chain below a filter. */
    interface Next {
        /** Passes {@code brigade} to the next filter; its buckets are taken. */
        void pass(Brigade brigade) throws IOException;

        /** The request being answered. */
        Request request();

        /** Removes the calling filter from this request's chain; later brigades skip it. */
        void removeSelf();
    }

    /** Makes a filter instance for one request. */
    @FunctionalInterface
    interface Factory {
        /** A filter for {@code request}, or {@code null} if the filter does not apply to it. */
        OutputFilter create(Request request);
    }
}
