package io.jhttpd.mod.log.internal;

import java.nio.ByteBuffer;

/**
 * {@code BufferedLogs On}: whole lines collect in a buffer of {@code PIPE_BUF} (4096) bytes, as in
 * Apache, and go to the sink below in one write when the next line would not fit, on
 * {@link #flush()} (server stop, child recycling, graceful restart) and on {@link #close()}. A
 * buffer always ends at a line end, so even buffered writes from several processes never tear a
 * line; a line longer than the buffer goes out alone. What a crash catches in the buffer is lost,
 * as in Apache.
 */
final class BufferedSink implements LogSink {

    /** Linux's {@code PIPE_BUF}: Apache's {@code LOG_BUFSIZE}. */
    static final int CAPACITY = 4096;

    private final LogSink below;
    private byte[] buffer = new byte[CAPACITY];
    private int length;

    BufferedSink(LogSink below) {
        this.below = below;
    }

    /**
     * Adds the line; when it does not fit, the full buffer is swapped for an empty one under the
     * lock and written after it, so other threads never wait for the write.
     */
    @Override
    public void write(ByteBuffer line) {
        int n = line.remaining();
        byte[] full = null;
        int fullLength = 0;
        synchronized (this) {
            if (length + n > CAPACITY && length > 0) {
                full = buffer;
                fullLength = length;
                buffer = new byte[CAPACITY];
                length = 0;
            }
            if (n <= CAPACITY) {
                line.get(buffer, length, n);
                length += n;
            }
        }
        if (full != null) {
            below.write(ByteBuffer.wrap(full, 0, fullLength));
        }
        if (n > CAPACITY) {
            below.write(line);
        }
    }

    @Override
    public synchronized void flush() {
        flushBuffer();
        below.flush();
    }

    private void flushBuffer() {
        if (length > 0) {
            below.write(ByteBuffer.wrap(buffer, 0, length));
            length = 0;
        }
    }

    /** Flushes and closes; the caller makes sure no thread still writes ({@link AccessLogs#close}). */
    @Override
    public synchronized void close() {
        flushBuffer();
        below.close();
    }

    @Override
    public String toString() {
        return below.toString();
    }
}
