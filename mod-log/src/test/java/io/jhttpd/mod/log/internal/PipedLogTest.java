package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipedLogTest {

    @TempDir
    Path dir;

    @Test
    void commandsSplitLikeApache() throws Exception {
        assertEquals(List.of("/usr/bin/rotatelogs", "logs/a b", "86400"),
                PipedLog.Command.parse("|/usr/bin/rotatelogs \"logs/a b\" 86400").argv());
        assertEquals(List.of("/usr/bin/rotatelogs", "x"), PipedLog.Command.parse("||/usr/bin/rotatelogs  x").argv());
        assertEquals(List.of("/bin/sh", "-c", "cat >> x"), PipedLog.Command.parse("|$ cat >> x").argv());
        assertEquals(List.of("a\\b", "it's"), PipedLog.Command.words("a\\\\b \"it's\""));
    }

    @Test
    void linesReachTheProgramAndSurviveItsDeath() throws Exception {
        Path out = dir.resolve("out");
        PipedLog log = PipedLog.start(PipedLog.Command.parse("|$exec cat >> out"), dir, 2000);
        try {
            write(log, 0, 50);
            log.flush();
            awaitLines(out, 50);
            long first = log.pid();
            ProcessHandle program = ProcessHandle.of(first).orElseThrow();
            program.destroyForcibly();
            program.onExit().get(5, TimeUnit.SECONDS);
            // written while the program is dead: queued, then written to the new one
            write(log, 50, 100);
            log.flush();
            List<String> lines = awaitLines(out, 100);
            for (int i = 0; i < 100; i++) {
                assertEquals(line(i).substring(0, line(i).length() - 1), lines.get(i));
            }
            assertNotEquals(first, log.pid(), "a new program");
        } finally {
            log.close();
        }
    }

    @Test
    void aProgramThatDiesWhileIdleIsRestarted() throws Exception {
        Path starts = dir.resolve("starts");
        PipedLog log = PipedLog.start(PipedLog.Command.parse("|$echo started >> starts; exit 0"), dir, 500);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && (!Files.exists(starts) || Files.readAllLines(starts).size() < 2)) {
                Thread.sleep(50);
            }
            assertTrue(Files.readAllLines(starts).size() >= 2, "restarted at least once");
        } finally {
            log.close();
        }
    }

    @Test
    void aFullQueueDropsNewLinesInsteadOfBlockingTheServer() throws Exception {
        PipedLog log = PipedLog.start(PipedLog.Command.parse("|$exec sleep 30"), dir, 300);
        try {
            byte[] big = new byte[8192];
            java.util.Arrays.fill(big, (byte) 'x');
            big[big.length - 1] = '\n';
            long start = System.nanoTime();
            for (int i = 0; i < (PipedLog.MAX_QUEUED_BYTES + (1 << 20)) / big.length; i++) {
                log.write(ByteBuffer.wrap(big));
            }
            // the writer thread may make room after the last drop (the pipe takes 64 KiB), which resets
            // dropped(): the total counts every line lost
            assertTrue(log.droppedTotal() > 0);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "writes never wait for the program");
        } finally {
            log.close();
        }
        assertEquals(-1, log.pid(), "a program that does not read is ended at stop");
    }

    private static String line(int i) {
        return "line " + i + " " + "x".repeat(i % 37) + "\n";
    }

    private static void write(PipedLog log, int from, int to) {
        for (int i = from; i < to; i++) {
            log.write(ByteBuffer.wrap(line(i).getBytes(StandardCharsets.US_ASCII)));
        }
    }

    static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.size() >= count) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(count, lines.size(), lines.toString());
        return lines;
    }
}
