package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The framing bytes of a chunked response body (RFC 9112 §7.1): what the chunk filter writes
 * around each piece of data so the body can stream without a known length.
 *
 * <p>The data itself is never copied: a chunk goes out as {@code chunkHeader(n)}, the caller's
 * own n bytes, {@code chunkTrailer()}; the body ends with {@code lastChunk()} (or
 * {@code lastChunk(trailers)}). Every call returns a fresh buffer, so callers may consume it
 * (write it, advance its position) without affecting anyone else. Sizes are written in lower-case
 * hex without leading zeros, as Apache writes them.
 */
public final class ChunkedEncoder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private ChunkedEncoder() {
    }

    /** {@code <hex size>\r\n} for a chunk of {@code size} bytes; {@code size} must be positive (0 would end the body). */
    public static ByteBuffer chunkHeader(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
        int digits = (64 - Long.numberOfLeadingZeros(size) + 3) / 4;
        byte[] b = new byte[digits + 2];
        for (int i = digits - 1; i >= 0; i--) {
            b[i] = HEX[(int) (size & 15)];
            size >>>= 4;
        }
        b[digits] = '\r';
        b[digits + 1] = '\n';
        return ByteBuffer.wrap(b);
    }

    /** {@code \r\n}, ending a chunk's data. */
    public static ByteBuffer chunkTrailer() {
        return ByteBuffer.wrap(new byte[] {'\r', '\n'});
    }

    /** {@code 0\r\n\r\n}: the last chunk with no trailer fields, ending the body. */
    public static ByteBuffer lastChunk() {
        return ByteBuffer.wrap(new byte[] {'0', '\r', '\n', '\r', '\n'});
    }

    /**
     * The last chunk followed by {@code trailers} ({@code name: value\r\n} each) and the final CRLF.
     *
     * @throws IllegalArgumentException if a name is not a token or a value holds CR, LF or another
     *         control character: writing them would let a handler split the response
     */
    public static ByteBuffer lastChunk(Headers trailers) {
        if (trailers.isEmpty()) {
            return lastChunk();
        }
        StringBuilder sb = new StringBuilder(64).append("0\r\n");
        for (int i = 0; i < trailers.size(); i++) {
            String name = trailers.nameAt(i);
            String value = trailers.valueAt(i);
            if (!FieldSyntax.isToken(name)) {
                throw new IllegalArgumentException("invalid trailer field name: " + name);
            }
            if (!FieldSyntax.isFieldValue(value)) {
                throw new IllegalArgumentException("invalid trailer field value for " + name);
            }
            sb.append(name).append(": ").append(value).append("\r\n");
        }
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
