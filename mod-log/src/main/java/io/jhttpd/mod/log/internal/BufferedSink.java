package io.jhttpd.mod.log.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Whole lines collect here and go to the sink below in one write. Two uses:
 * <ul>
 * <li>{@code BufferedLogs On}: a buffer of {@code PIPE_BUF} (4096) bytes, as in Apache, goes out
 *     when the next line would not fit and on {@link #flush()} (server stop, child recycling,
 *     graceful restart). What a crash catches in the buffer is lost, as in Apache.
 * <li>{@code BufferedLogs Off} (the default), in front of a file: {@link AccessLogs} flushes after
 *     each request, at once, or, when the MPM holds the response the line logs (see
 *     {@link io.jhttpd.api.Connection#beforeHeldOutput}), just before that response goes out. The
 *     event MPM holds the responses of the connections one select found ready and writes them
 *     together, so their lines reach the file in one {@code write(2)} instead of one each, and
 *     each line is in the file before its response reaches the client.
 * </ul>
 *
 * <p>A write always ends at a line end, so lines of several threads or processes never tear; a
 * line longer than the buffer goes out alone, after the lines before it. The buffer being written
 * is swapped for a spare under the lock and written after it: other threads add their lines
 * meanwhile (a line another thread's flush took out is written by that flush), and steady load
 * allocates no buffers.
 */
final class BufferedSink implements LogSink {

    /** Linux's {@code PIPE_BUF}: Apache's {@code LOG_BUFSIZE}. */
    static final int CAPACITY = 4096;

    private final LogSink below;
    /** Buffers not in use: one for each flush writing now, so that steady load allocates none. */
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>(2);
    private byte[] buffer = new byte[CAPACITY];
    private int length;

    BufferedSink(LogSink below) {
        this.below = below;
    }

    @Override
    public void write(ByteBuffer line) {
        int n = line.remaining();
        if (n > CAPACITY) {
            // too long for the buffer: what waits goes first, so the file keeps the order of the calls
            writeWaiting();
            below.write(line);
            return;
        }
        byte[] full = null;
        int fullLength = 0;
        synchronized (this) {
            if (length + n > CAPACITY) {
                full = buffer;
                fullLength = length;
                takeSpare();
            }
            line.get(buffer, length, n);
            length += n;
        }
        if (full != null) {
            writeBelow(full, fullLength);
        }
    }

    /** Writes the lines waiting here, in one write (nothing when none wait), then flushes the sink below. */
    @Override
    public void flush() {
        writeWaiting();
        below.flush();
    }

    private void writeWaiting() {
        byte[] full;
        int fullLength;
        synchronized (this) {
            if (length == 0) {
                return;
            }
            full = buffer;
            fullLength = length;
            takeSpare();
        }
        writeBelow(full, fullLength);
    }

    /** Under the lock: an empty buffer takes the place of the one about to be written. */
    private void takeSpare() {
        byte[] b = spare.poll();
        buffer = b != null ? b : new byte[CAPACITY];
        length = 0;
    }

    private void writeBelow(byte[] bytes, int n) {
        below.write(ByteBuffer.wrap(bytes, 0, n));
        synchronized (this) {
            spare.push(bytes);
        }
    }

    /** Flushes and closes; the caller makes sure no thread still writes ({@link AccessLogs#close}). */
    @Override
    public void close() {
        writeWaiting();
        below.close();
    }

    @Override
    public String toString() {
        return below.toString();
    }
}
