package io.jhttpd.kernel.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One CRLF-terminated line of a request head or of a chunked trailer, gathered across however
 * many buffers it arrives in, and bounded as it arrives.
 *
 * <p>The line is copied into one array that is reused from line to line, so a connection's
 * parsing costs no allocation per byte or per line; only finished tokens become Strings. The
 * bound is checked byte by byte, so an over-long line is refused as soon as it is certain to be
 * too long, whatever the split, and before its content is judged (as Apache reads a whole line
 * before parsing it).
 */
final class LineBuffer {

    private byte[] bytes = new byte[256];
    private int length;

    /** The bytes gathered so far, CR included, LF not. */
    byte[] bytes() {
        return bytes;
    }

    /** How many bytes are gathered (CR included, LF not). */
    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    /** {@link #fill} result: {@code buf} ended before the line did. */
    static final int NEED_MORE = 0;
    /** {@link #fill} result: the LF was consumed; {@code buf}'s position is just past it. */
    static final int COMPLETE = 1;
    /** {@link #fill} result: the content already exceeds the bound, whatever follows. */
    static final int TOO_LONG = -1;

    /**
     * Moves bytes from {@code buf} into the line up to and including its LF. The result is a code
     * rather than an exception so that callers build their reason text only when it is needed.
     *
     * @param maxContent the most bytes the line may hold before its CRLF
     * @return {@link #NEED_MORE}, {@link #COMPLETE} or {@link #TOO_LONG}
     */
    int fill(ByteBuffer buf, int maxContent) {
        int pos = buf.position();
        int lim = buf.limit();
        try {
            while (pos < lim) {
                byte b = buf.get(pos++);
                if (b == FieldSyntax.LF) {
                    return COMPLETE;
                }
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min((long) maxContent + 2, 2L * bytes.length));
                }
                bytes[length++] = b;
                // maxContent + 1 bytes are fine only if the last is the CR that ends the line.
                if (length > maxContent && (length > maxContent + 1 || b != FieldSyntax.CR)) {
                    return TOO_LONG;
                }
            }
            return NEED_MORE;
        } finally {
            buf.position(pos);
        }
    }

    /**
     * The content length of the completed line (without CRLF), after checking it ended in CRLF.
     * A bare LF is refused, as Apache's Strict mode does everywhere in the head (RFC 9112 §2.2
     * only permits, never requires, accepting it).
     */
    int contentLength(String what) throws BadRequestException {
        if (length == 0 || bytes[length - 1] != FieldSyntax.CR) {
            throw new BadRequestException(400, what + " ends in a bare LF (CRLF required)");
        }
        return length - 1;
    }
}
