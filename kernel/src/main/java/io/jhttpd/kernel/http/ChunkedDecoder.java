package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;
import java.nio.ByteBuffer;

/**
 * Incremental decoder of a chunked request body (RFC 9112 §7.1), trailers included.
 *
 * <p>Fed buffers split anywhere, it hands out the body's data as slices of the input (views,
 * never copies) and stops exactly after the body's final CRLF, leaving a pipelined request in the
 * buffer. The grammar is Apache's (http_filters.c, Strict), byte by byte, so the same input gives
 * the same outcome whatever its split:
 * <ul>
 *   <li>chunk-size is hex digits only: no sign, no {@code 0x}, no leading whitespace; leading
 *       zeros are skipped; a size beyond {@code Long.MAX_VALUE} is refused with 413 (Apache's
 *       answer: its overflow is "request entity too large");</li>
 *   <li>up to ten SP/HTAB may follow the size; then {@code ;} extensions, whose content is
 *       ignored but may not hold control characters (HTAB aside); a quoted-string in an extension
 *       may hold {@code ;} but never CR or LF (the "funky chunks" shapes);</li>
 *   <li>the chunk-size line, CRLF included, may be at most {@code maxLineLength} bytes, else 413
 *       as in Apache;</li>
 *   <li>each line ends in CRLF; a bare CR or LF, or data not followed by exactly CRLF, is 400;</li>
 *   <li>after the last chunk, trailer fields follow the header-field rules (each line up to
 *       {@code maxLineLength} + 1 bytes, at most {@code maxTrailerFields} of them, else 400) and
 *       are kept apart in {@link #trailers()}, never merged into the request's headers
 *       (CVE-2013-5704).</li>
 * </ul>
 * Not thread-safe; one decoder serves one connection, {@link #reset()} between bodies. After an
 * error the same exception is thrown again until {@link #reset()}.
 */
public final class ChunkedDecoder {

    /** Apache allows this many SP/HTAB after a chunk size (RFC 7230 erratum 4667). */
    private static final int MAX_SIZE_BWS = 10;

    private enum State {
        SIZE_START, SIZE, SIZE_BWS, EXT, EXT_QUOTED, EXT_QUOTED_PAIR, SIZE_LF,
        DATA, DATA_CR, DATA_LF, TRAILER, COMPLETE, FAILED
    }

    private final int maxLineLength;
    private final int maxTrailerFields;
    private final LineBuffer line = new LineBuffer();
    private State state = State.SIZE_START;
    private long size;
    private long remaining;
    private int lineBytes;
    private int bws;
    private int trailerCount;
    private Headers trailers = new Headers();
    private BadRequestException failure;

    /**
     * @param maxLineLength    {@code LimitRequestFieldSize}: bounds chunk-size lines and trailer lines
     * @param maxTrailerFields {@code LimitRequestFields}: how many trailer fields are accepted
     */
    public ChunkedDecoder(int maxLineLength, int maxTrailerFields) {
        if (maxLineLength <= 0 || maxLineLength > Integer.MAX_VALUE - 8 || maxTrailerFields < 0) {
            throw new IllegalArgumentException("bad chunked decoder limits: " + maxLineLength + ", " + maxTrailerFields);
        }
        this.maxLineLength = maxLineLength;
        this.maxTrailerFields = maxTrailerFields;
    }

    /**
     * Consumes from {@code in} and returns the next run of body bytes.
     *
     * @param maxBytes the most body bytes to return (positive)
     * @return a slice of {@code in} (a view sharing its content, position 0) of 1 to
     *         {@code maxBytes} body bytes, {@code in}'s position advanced past them; or {@code null}
     *         if {@code in} holds no body byte now: either more input is needed or the body is
     *         {@linkplain #isComplete() complete}
     * @throws BadRequestException 400 for malformed framing, 413 for an over-long chunk-size line
     *         or a size beyond {@code Long.MAX_VALUE}
     */
    public ByteBuffer decode(ByteBuffer in, long maxBytes) throws BadRequestException {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (state == State.FAILED) {
            throw failure;
        }
        try {
            return step(in, maxBytes);
        } catch (BadRequestException e) {
            failure = e;
            state = State.FAILED;
            throw e;
        }
    }

    /** True once the last chunk, the trailers and the final CRLF were read. */
    public boolean isComplete() {
        return state == State.COMPLETE;
    }

    /** The trailer fields read so far (complete once {@link #isComplete()}); kept apart from the headers. */
    public Headers trailers() {
        return trailers;
    }

    /** Readies the decoder for the next chunked body. A previous body's trailers object is left to its holder. */
    public void reset() {
        state = State.SIZE_START;
        size = 0;
        remaining = 0;
        lineBytes = 0;
        bws = 0;
        trailerCount = 0;
        failure = null;
        line.clear();
        if (!trailers.isEmpty()) {
            trailers = new Headers();
        }
    }

    private ByteBuffer step(ByteBuffer in, long maxBytes) throws BadRequestException {
        while (in.hasRemaining()) {
            switch (state) {
                case DATA: {
                    int pos = in.position();
                    int n = (int) Math.min(Math.min(remaining, in.remaining()), maxBytes);
                    ByteBuffer slice = in.slice(pos, n);
                    in.position(pos + n);
                    remaining -= n;
                    if (remaining == 0) {
                        state = State.DATA_CR;
                    }
                    return slice;
                }
                case TRAILER:
                    trailerLine(in);
                    break;
                case COMPLETE:
                    return null;
                default:
                    framingByte(in.get());
                    break;
            }
        }
        return null;
    }

    /** One byte of a chunk-size line or of the CRLF after chunk data. */
    private void framingByte(byte b) throws BadRequestException {
        switch (state) {
            case DATA_CR:
                if (b != FieldSyntax.CR) {
                    throw bad("chunk data not followed by CRLF");
                }
                state = State.DATA_LF;
                return;
            case DATA_LF:
                if (b != FieldSyntax.LF) {
                    throw bad("chunk data not followed by CRLF (bare CR)");
                }
                state = State.SIZE_START;
                return;
            default:
                break;
        }
        lineBytes++;
        switch (state) {
            case SIZE_START: {
                int d = hex(b);
                if (d < 0) {
                    throw bad("invalid chunk size: expected a hex digit");
                }
                size = d;
                bws = 0;
                state = State.SIZE;
                break;
            }
            case SIZE: {
                int d = hex(b);
                if (d >= 0) {
                    if (size > (Long.MAX_VALUE - d) >>> 4) {
                        throw new BadRequestException(413, "Error reading/parsing chunk (overflow)");
                    }
                    size = (size << 4) | d;
                } else {
                    sizeDelimiter(b);
                }
                break;
            }
            case SIZE_BWS:
                sizeDelimiter(b);
                break;
            case EXT:
                if (b == FieldSyntax.CR) {
                    state = State.SIZE_LF;
                } else if (b == '"') {
                    state = State.EXT_QUOTED;
                } else if (FieldSyntax.isCtl(b) && b != FieldSyntax.HTAB) {
                    throw bad("control character in chunk extension");
                }
                break;
            case EXT_QUOTED:
                if (b == '"') {
                    state = State.EXT;
                } else if (b == '\\') {
                    state = State.EXT_QUOTED_PAIR;
                } else if (FieldSyntax.isCtl(b) && b != FieldSyntax.HTAB) {
                    throw bad("control character in a quoted chunk extension value");
                }
                break;
            case EXT_QUOTED_PAIR:
                if (FieldSyntax.isCtl(b) && b != FieldSyntax.HTAB) {
                    throw bad("control character in a quoted chunk extension value");
                }
                state = State.EXT_QUOTED;
                break;
            case SIZE_LF:
                if (b != FieldSyntax.LF) {
                    throw bad("bare CR in chunk-size line");
                }
                if (size == 0) {
                    state = State.TRAILER;
                    line.clear();
                    trailerCount = 0;
                } else {
                    remaining = size;
                    state = State.DATA;
                }
                break;
            default:
                throw new IllegalStateException(state.name());
        }
        // Counted per byte and checked after the byte's own syntax, so a split cannot change
        // which error wins; the LF counts too, as in Apache.
        if (lineBytes > maxLineLength) {
            throw new BadRequestException(413, "Error reading/parsing chunk: chunk-size line exceeds "
                    + maxLineLength + " bytes");
        }
        if (state == State.DATA || state == State.TRAILER) {
            lineBytes = 0;
        }
    }

    /** After the size digits: whitespace, ';', or the CR ending the line. */
    private void sizeDelimiter(byte b) throws BadRequestException {
        if (b == FieldSyntax.CR) {
            state = State.SIZE_LF;
        } else if (b == ';') {
            state = State.EXT;
        } else if (b == FieldSyntax.SP || b == FieldSyntax.HTAB) {
            if (++bws > MAX_SIZE_BWS) {
                throw bad("too much whitespace after chunk size");
            }
            state = State.SIZE_BWS;
        } else if (b == FieldSyntax.LF) {
            throw bad("chunk-size line ends in a bare LF");
        } else {
            throw bad(state == State.SIZE ? "invalid character in chunk size" : "expected ';' or CRLF after chunk size");
        }
    }

    private void trailerLine(ByteBuffer in) throws BadRequestException {
        int r = line.fill(in, maxLineLength + 1);
        if (r == LineBuffer.TOO_LONG) {
            throw new BadRequestException(400, "Size of a request trailer field exceeds server limit ("
                    + maxLineLength + ")");
        }
        if (r == LineBuffer.NEED_MORE) {
            return;
        }
        int n = line.contentLength("Trailer line");
        if (n == 0) {
            state = State.COMPLETE;
        } else {
            if (++trailerCount > maxTrailerFields) {
                throw new BadRequestException(400, "Number of request trailer fields exceeds server limit ("
                        + maxTrailerFields + ")");
            }
            FieldSyntax.addFieldLine(line.bytes(), n, trailers, "trailer");
        }
        line.clear();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static BadRequestException bad(String reason) {
        return new BadRequestException(400, "Error reading/parsing chunk: " + reason);
    }
}
