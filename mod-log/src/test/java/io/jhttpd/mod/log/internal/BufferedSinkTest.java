package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BufferedSinkTest {

    /** Records each write it gets. */
    static final class Recorder implements LogSink {
        final List<String> writes = new ArrayList<>();
        int flushes;
        boolean closed;

        @Override
        public void write(ByteBuffer line) {
            byte[] b = new byte[line.remaining()];
            line.get(b);
            writes.add(new String(b, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void linesGoOutABufferAtATimeAlwaysWhole() {
        Recorder below = new Recorder();
        BufferedSink sink = new BufferedSink(below);
        String line = "x".repeat(99) + "\n";
        for (int i = 0; i < 100; i++) {
            sink.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
        }
        assertEquals(2, below.writes.size(), "10,000 bytes: two full buffers so far");
        for (String w : below.writes) {
            assertTrue(w.length() <= BufferedSink.CAPACITY && w.endsWith("\n"), w);
            assertEquals(4000, w.length());
        }
        sink.flush();
        assertEquals(3, below.writes.size());
        assertEquals(1, below.flushes);
        assertEquals(100 * 100, String.join("", below.writes).length());
    }

    @Test
    void aLineLongerThanTheBufferGoesAloneAndCloseFlushes() {
        Recorder below = new Recorder();
        BufferedSink sink = new BufferedSink(below);
        sink.write(ByteBuffer.wrap("short\n".getBytes(StandardCharsets.US_ASCII)));
        String huge = "y".repeat(5000) + "\n";
        sink.write(ByteBuffer.wrap(huge.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(List.of("short\n", huge), below.writes);
        sink.write(ByteBuffer.wrap("last\n".getBytes(StandardCharsets.US_ASCII)));
        sink.close();
        assertEquals(List.of("short\n", huge, "last\n"), below.writes);
        assertTrue(below.closed);
    }
}
