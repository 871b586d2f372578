package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;

/**
 * How a request's body is delimited (RFC 9112 §6.3), decided once from its head.
 *
 * <p>This is where request smuggling is stopped: a front end and this server must never
 * disagree on where a body ends. So every head whose framing could be read two ways is refused
 * instead of guessed at:
 * <ul>
 *   <li>{@code Transfer-Encoding} in an HTTP/1.0 request: 400 (1.0 has no transfer codings;
 *       RFC 9112 §6.1 calls such framing faulty);</li>
 *   <li>{@code Transfer-Encoding} together with {@code Content-Length}: 400 (Apache drops the
 *       length and closes after answering; refusing is the other choice RFC 9112 §6.3 allows);</li>
 *   <li>final transfer coding not {@code chunked}, or {@code chunked} more than once: 400
 *       (RFC 9112 §6.3 item 4; Apache says 400 too);</li>
 *   <li>{@code chunked} last but after another coding, e.g. {@code gzip, chunked}: 501, since we
 *       implement no other transfer coding (RFC 9112 §6.1; Apache accepts these and passes the
 *       still-encoded body on);</li>
 *   <li>{@code Content-Length} not plain digits, beyond {@code Long.MAX_VALUE}, repeated or a
 *       list, even of equal values: 400. RFC 9112 §6.3 would allow collapsing equal values;
 *       Apache refuses them, and so do we.</li>
 * </ul>
 * Empty list elements ({@code chunked,} or {@code , chunked}) are ignored, as RFC 9110 §5.6.1
 * requires. Whether the body may be as long as it says ({@code LimitRequestBody}, 413) is for the
 * engine to check.
 */
public final class BodyFraming {

    /** The three ways a request body can be delimited. */
    public enum Kind {
        /** No body. */
        NONE,
        /** Exactly {@link #length()} bytes follow the head ({@code Content-Length}; may be 0). */
        LENGTH,
        /** A chunked body follows; decode it with {@link ChunkedDecoder}. */
        CHUNKED
    }

    private static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);
    private static final BodyFraming CHUNKED = new BodyFraming(Kind.CHUNKED, -1);

    private final Kind kind;
    private final long length;

    private BodyFraming(Kind kind, long length) {
        this.kind = kind;
        this.length = length;
    }

    /**
     * The framing {@code head} declares.
     *
     * @throws BadRequestException 400 for ambiguous or invalid framing, 501 for a transfer coding
     *         other than chunked
     */
    public static BodyFraming of(RequestHead head) throws BadRequestException {
        Headers h = head.headers();
        int teFields = 0;
        int clFields = 0;
        String cl = null;
        for (int i = 0; i < h.size(); i++) {
            String name = h.nameAt(i);
            if (name.equalsIgnoreCase("Transfer-Encoding")) {
                teFields++;
            } else if (name.equalsIgnoreCase("Content-Length")) {
                clFields++;
                cl = h.valueAt(i);
            }
        }
        if (teFields > 0) {
            if (!head.isHttp11OrLater()) {
                throw new BadRequestException(400, "client sent Transfer-Encoding in an HTTP/1.0 request");
            }
            if (clFields > 0) {
                throw new BadRequestException(400, "client sent both Transfer-Encoding and Content-Length");
            }
            checkCodings(h);
            return CHUNKED;
        }
        if (clFields > 1) {
            throw new BadRequestException(400, "client sent more than one Content-Length header field");
        }
        if (clFields == 1) {
            return new BodyFraming(Kind.LENGTH, parseLength(cl));
        }
        return NONE;
    }

    /** The framing kind. */
    public Kind kind() {
        return kind;
    }

    /** The body length in bytes for {@link Kind#LENGTH}; 0 for {@link Kind#NONE}, -1 for chunked. */
    public long length() {
        return length;
    }

    @Override
    public String toString() {
        return kind == Kind.LENGTH ? "LENGTH " + length : kind.name();
    }

    /** Reads every Transfer-Encoding field as one list, in order, as RFC 9110 §5.3 combines them. */
    private static void checkCodings(Headers h) throws BadRequestException {
        int codings = 0;
        int chunked = 0;
        boolean lastIsChunked = false;
        String all = null;
        for (int f = 0; f < h.size(); f++) {
            if (!h.nameAt(f).equalsIgnoreCase("Transfer-Encoding")) {
                continue;
            }
            String v = h.valueAt(f);
            all = all == null ? v : all + ", " + v;
            int i = 0;
            int n = v.length();
            while (i <= n) {
                int comma = v.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                int s = i;
                int e = end;
                while (s < e && isOws(v.charAt(s))) {
                    s++;
                }
                while (e > s && isOws(v.charAt(e - 1))) {
                    e--;
                }
                if (s < e) {
                    codings++;
                    lastIsChunked = e - s == 7 && v.regionMatches(true, s, "chunked", 0, 7);
                    if (lastIsChunked) {
                        chunked++;
                    }
                }
                i = end + 1;
            }
        }
        if (!lastIsChunked) {
            throw new BadRequestException(400, "client sent unknown Transfer-Encoding (" + all
                    + "): the final transfer coding must be chunked");
        }
        if (chunked > 1) {
            throw new BadRequestException(400, "client sent Transfer-Encoding with chunked applied more than once ("
                    + all + ")");
        }
        if (codings > 1) {
            throw new BadRequestException(501, "client sent a transfer coding other than chunked (" + all + ")");
        }
    }

    private static long parseLength(String v) throws BadRequestException {
        int n = v.length();
        if (n == 0) {
            throw new BadRequestException(400, "Invalid Content-Length: empty");
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadRequestException(400, "Invalid Content-Length: " + v);
            }
            int d = c - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                throw new BadRequestException(400, "Invalid Content-Length (overflow): " + v);
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }
}
