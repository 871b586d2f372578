package io.jhttpd.mod.deflate.internal;

import java.io.IOException;
import java.nio.ByteBuffer;


/** RFC 1952's member header: ten fixed bytes, then the optional extra field, name, comment and header CRC. */
final class GzipHeader {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private GzipHeader() {
    }

    /**
     * Moves {@code b}'s position past a whole header and returns true; returns false with the
     * position unchanged if {@code b} does not hold all of it yet.
     *
     * @throws io.jhttpd.api.BodyException (400) if the bytes are not a gzip header of the deflate method
     */
    static boolean skip(ByteBuffer b) throws IOException {
        int start = b.position();
        if (b.remaining() < 10) {
            return false;
        }
        if ((b.get(start) & 0xff) != 0x1f || (b.get(start + 1) & 0xff) != 0x8b || b.get(start + 2) != 8) {
            throw new io.jhttpd.api.BodyException(400, "request body is not gzip (Content-Encoding says it is)");
        }
        int flags = b.get(start + 3) & 0xff;
        int p = start + 10;
        if ((flags & FEXTRA) != 0) {
            if (b.limit() < p + 2) {
                return false;
            }
            p += 2 + ((b.get(p) & 0xff) | (b.get(p + 1) & 0xff) << 8);
        }
        for (int field : new int[] {FNAME, FCOMMENT}) {
            if ((flags & field) != 0) {
                while (true) {
                    if (p >= b.limit()) {
                        return false;
                    }
                    if (b.get(p++) == 0) {
                        break;
                    }
                }
            }
        }
        if ((flags & FHCRC) != 0) {
            p += 2;
        }
        if (p > b.limit()) {
            return false;
        }
        b.position(p);
        return true;
    }
}
