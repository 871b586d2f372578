package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes FastCGI records to a stream: splits content longer than 65535 bytes into several records
 * and pads each to a multiple of eight bytes, as the spec recommends. Buffers one record at most;
 * {@link #flush()} sends what is buffered.
 */
final class RecordWriter {

    private static final byte[] PADDING = new byte[8];

    private final OutputStream out;
    private final byte[] header = new byte[Record.HEADER_LENGTH];

    RecordWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes a record of {@code type} with all of {@code content}, split as needed; an empty content writes one empty record. */
    void write(int type, int requestId, byte[] content) throws IOException {
        write(type, requestId, content, 0, content.length);
    }

    /** Like {@link #write(int, int, byte[])} for {@code len} bytes of {@code content} from {@code off}. */
    void write(int type, int requestId, byte[] content, int off, int len) throws IOException {
        do {
            int n = Math.min(len, Record.MAX_CONTENT);
            int padding = (8 - (n & 7)) & 7;
            header[0] = Record.VERSION;
            header[1] = (byte) type;
            header[2] = (byte) (requestId >> 8);
            header[3] = (byte) requestId;
            header[4] = (byte) (n >> 8);
            header[5] = (byte) n;
            header[6] = (byte) padding;
            header[7] = 0;
            out.write(header);
            out.write(content, off, n);
            out.write(PADDING, 0, padding);
            off += n;
            len -= n;
        } while (len > 0);
    }

    void flush() throws IOException {
        out.flush();
    }
}
