package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    private static ByteBuffer line(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void linesWaitForTheFlushThenGoOutInOneWrite() {
        Recorder below = new Recorder();
        BufferedSink sink = new BufferedSink(below);
        sink.write(line("a\n"));
        sink.write(line("b\n"));
        sink.write(line("c\n"));
        assertEquals(List.of(), below.writes);
        sink.flush();
        assertEquals(List.of("a\nb\nc\n"), below.writes);
        sink.flush();
        assertEquals(1, below.writes.size(), "nothing waits: no write");
    }

    @Test
    void linesOfManyThreadsAreAllWrittenOnceAndWhole() throws Exception {
        List<String> writes = Collections.synchronizedList(new ArrayList<>());
        LogSink below = new LogSink() {
            @Override
            public void write(ByteBuffer b) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                writes.add(new String(bytes, StandardCharsets.US_ASCII));
            }

            @Override
            public void close() {
            }
        };
        BufferedSink sink = new BufferedSink(below);
        int threads = 8;
        int perThread = 2000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    sink.write(line("thread " + id + " line " + i + " " + "z".repeat(i % 50) + "\n"));
                    if (i % 7 == id % 7) {
                        sink.flush();
                    }
                }
            });
            th.start();
            ts.add(th);
        }
        go.countDown();
        for (Thread th : ts) {
            th.join(TimeUnit.SECONDS.toMillis(20));
        }
        sink.flush();
        Set<String> seen = new HashSet<>();
        int lines = 0;
        for (String w : writes) {
            assertTrue(w.endsWith("\n") && w.length() <= BufferedSink.CAPACITY, "a write ends at a line end");
            for (String l : w.split("\n")) {
                assertTrue(l.matches("thread \\d+ line \\d+ z*"), l);
                assertTrue(seen.add(l), "written twice: " + l);
                lines++;
            }
        }
        assertEquals(threads * perThread, lines);
        assertTrue(writes.size() < lines, "some lines were grouped: " + writes.size() + " writes for " + lines + " lines");
    }
}
