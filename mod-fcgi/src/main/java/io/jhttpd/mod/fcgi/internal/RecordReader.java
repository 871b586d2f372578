package io.jhttpd.mod.fcgi.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads FastCGI records from a stream, skipping their padding. A version other than 1 is a
 * {@link MalformedRecordException}; the stream ending inside a record is an {@link EOFException}.
 */
final class RecordReader {

    private final InputStream in;
    private final byte[] header = new byte[Record.HEADER_LENGTH];
    private final byte[] padding = new byte[255];

    RecordReader(InputStream in) {
        this.in = in;
    }

    /** The next record, or {@code null} if the stream ends cleanly before one starts. */
    Record read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        header[0] = (byte) first;
        readFully(header, 1, Record.HEADER_LENGTH - 1);
        if ((header[0] & 0xFF) != Record.VERSION) {
            throw new MalformedRecordException("FastCGI record version " + (header[0] & 0xFF) + ", expected 1");
        }
        int type = header[1] & 0xFF;
        int requestId = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
        int paddingLength = header[6] & 0xFF;
        byte[] content = new byte[length];
        readFully(content, 0, length);
        readFully(padding, 0, paddingLength);
        return new Record(type, requestId, content);
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new EOFException("FastCGI backend closed the connection inside a record");
            }
            off += n;
            len -= n;
        }
    }
}
