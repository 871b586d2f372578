package io.jhttpd.kernel.http;

/**
 * The size limits a request head must respect: Apache's {@code LimitRequestLine},
 * {@code LimitRequestFieldSize} and {@code LimitRequestFields}.
 *
 * <p>They bound the memory one connection can make the server hold before any handler runs, and they
 * are measured the way Apache measures them, so an operator's tuned values keep their meaning: a
 * request line or field line may hold up to limit + 1 bytes before its CRLF (Apache's line buffer
 * reserves one byte more than the directive's value), a longer request line is answered with 414,
 * a longer field line with 400, and more than {@code maxFields} field lines with 400.
 *
 * @param maxRequestLine {@code LimitRequestLine}, bytes
 * @param maxFieldSize   {@code LimitRequestFieldSize}, bytes; also bounds chunk-size and trailer lines
 * @param maxFields      {@code LimitRequestFields}, the number of header field lines (and, separately,
 *                       of trailer field lines)
 */
public record RequestLimits(int maxRequestLine, int maxFieldSize, int maxFields) {

    /** Apache 2.4's defaults: 8190, 8190, 100. */
    public static final RequestLimits APACHE_DEFAULTS = new RequestLimits(8190, 8190, 100);

    /** Rejects limits no request could meet; the config layer reports them as config errors. */
    public RequestLimits {
        if (maxRequestLine <= 0 || maxFieldSize <= 0 || maxFields <= 0) {
            throw new IllegalArgumentException("request limits must be positive: " + maxRequestLine
                    + ", " + maxFieldSize + ", " + maxFields);
        }
        // Lines are buffered in one array of limit + 2 bytes; keep that representable.
        if (maxRequestLine > Integer.MAX_VALUE - 8 || maxFieldSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("request line limits too large");
        }
    }
}
