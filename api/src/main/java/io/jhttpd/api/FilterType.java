package io.jhttpd.api;

/**
 * The band a filter belongs to, as Apache's {@code AP_FTYPE_*}: lower runs closer to the handler.
 * A new filter is placed after every filter of its own or a lower band already present, so within
 * a band the first added runs first.
 *
 * <pre>
 * handler → RESOURCE (INCLUDES) → CONTENT_SET (DEFLATE) → PROTOCOL (HTTP_HEADER, CONTENT_LENGTH)
 *         → TRANSCODE (CHUNK) → CONNECTION → NETWORK (socket writer) → client
 * </pre>
 */
public enum FilterType {
    /** Content transforms of one resource (SSI). */
    RESOURCE(10),
    /** Transforms of the whole content set (compression). */
    CONTENT_SET(20),
    /** HTTP protocol: byte ranges, content length, the response header. */
    PROTOCOL(30),
    /** Transfer codings (chunked). */
    TRANSCODE(40),
    /** Per connection, independent of request (TLS, timeouts). */
    CONNECTION(50),
    /** Writes to or reads from the socket. */
    NETWORK(60);

    private final int rank;

    FilterType(int rank) {
        this.rank = rank;
    }

    /** Apache's number for this band. */
    public int rank() {
        return rank;
    }
}
