package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers, one file: threads sharing a {@link LogFile}, buffered ones, and separate processes
 * (rotatelogs children, each with its own {@code O_APPEND} descriptor) write lines of many lengths
 * at once; every line arrives exactly once and whole.
 */
class ConcurrentAppendTest {

    @TempDir
    Path dir;

    /** {@code writer:index:length:<payload>} where the payload is {@code length} copies of one letter. */
    static String line(int writer, int index) {
        int length = (index * 7919 + writer * 131) % 3000;
        char fill = (char) ('a' + (writer + index) % 26);
        return writer + ":" + index + ":" + length + ":" + String.valueOf(fill).repeat(length) + "\n";
    }

    static void assertWhole(Path file, int writers, int perWriter) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertEquals(writers * perWriter, lines.size());
        Set<String> seen = new HashSet<>();
        for (String l : lines) {
            String[] f = l.split(":", 4);
            int length = Integer.parseInt(f[2]);
            assertEquals(length, f[3].length(), "torn line: " + l.substring(0, Math.min(60, l.length())));
            assertTrue(f[3].chars().allMatch(c -> c == f[3].charAt(0)), "interleaved bytes in " + f[0] + ":" + f[1]);
            assertTrue(seen.add(f[0] + ":" + f[1]), "twice: " + f[0] + ":" + f[1]);
        }
    }

    @Test
    void threadsSharingOneFile() throws Exception {
        writeFromThreads(LogFile.open(dir.resolve("threads")), dir.resolve("threads"));
    }

    @Test
    void threadsSharingOneBufferedFile() throws Exception {
        writeFromThreads(new BufferedSink(LogFile.open(dir.resolve("buffered"))), dir.resolve("buffered"));
    }

    private static void writeFromThreads(LogSink sink, Path file) throws Exception {
        int writers = 8;
        int perWriter = 500;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        sink.write(ByteBuffer.wrap(line(writer, i).getBytes(StandardCharsets.US_ASCII)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            sink.close();
        }
        assertWhole(file, writers, perWriter);
    }

    @Test
    void processesAppendingToOneFile() throws Exception {
        int writers = 3;
        int perWriter = 400;
        // one period of ~31 years: every child appends to the same shared.<period start>
        Path file = dir.resolve("shared");
        List<Process> children = new ArrayList<>();
        List<Thread> feeders = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                Process p = new ProcessBuilder(RotateLogsTest.javaCommand(file.toString(), "1000000000"))
                        .redirectErrorStream(true).start();
                children.add(p);
                int writer = w;
                Thread t = new Thread(() -> {
                    try (OutputStream in = p.getOutputStream()) {
                        for (int i = 0; i < perWriter; i++) {
                            in.write(line(writer, i).getBytes(StandardCharsets.US_ASCII));
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                t.start();
                feeders.add(t);
            }
            for (Thread t : feeders) {
                t.join(30_000);
            }
            for (Process p : children) {
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        try (var files = Files.list(dir)) {
            Path written = files.filter(f -> f.getFileName().toString().startsWith("shared.")).findFirst().orElseThrow();
            assertWhole(written, writers, perWriter);
        }
    }
}
