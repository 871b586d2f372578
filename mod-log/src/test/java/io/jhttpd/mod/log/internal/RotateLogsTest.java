package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotateLogsTest {

    @TempDir
    Path dir;

    /** 2026-11-22T00:00:00Z */
    private static final long MIDNIGHT = 1795305600_000L;

    @Test
    void parsesApacheCommandLines() {
        RotateLogs.Options o = RotateLogs.Options.parse("-l", "-L", "cur", "-f", "-n", "3", "logs/x", "86400", "60");
        assertTrue(o.localTime() && o.openAtStart());
        assertEquals("cur", o.link());
        assertEquals(3, o.ringSize());
        assertEquals(86400, o.rotationSeconds());
        assertEquals(60, o.offsetMinutes());
        RotateLogs.Options both = RotateLogs.Options.parse("logs/x", "3600", "5M");
        assertEquals(3600, both.rotationSeconds());
        assertEquals(5L << 20, both.rotationBytes());
        assertEquals(10L << 10, RotateLogs.Options.parse("logs/x", "10K").rotationBytes());
        assertThrows(IllegalArgumentException.class, () -> RotateLogs.Options.parse("logs/x"));
        assertThrows(IllegalArgumentException.class, () -> RotateLogs.Options.parse("-q", "logs/x", "10"));
    }

    @Test
    void timeRotationWithStrftimeNames() throws Exception {
        AtomicLong clock = new AtomicLong(MIDNIGHT + 3_600_000L * 23 + 59_000);   // 23:00:59
        RotateLogs r = rotatelogs(clock, dir.resolve("access.%Y-%m-%d.%H") + "", "3600");
        r.run(new ClockedInput(clock, "a\n", 60_000, "b\n", 3_600_000, "c\n", 3_600_000, "d\n"));
        assertEquals("a\nb\n", Files.readString(dir.resolve("access.2026-11-22.23")));
        assertEquals("c\n", Files.readString(dir.resolve("access.2026-11-23.00")));
        assertEquals("d\n", Files.readString(dir.resolve("access.2026-11-23.01")));
    }

    @Test
    void withoutPercentTheNameGetsThePeriodStartInSeconds() throws Exception {
        AtomicLong clock = new AtomicLong(MIDNIGHT + 5_000);
        rotatelogs(clock, dir.resolve("access_log").toString(), "86400").run(new ClockedInput(clock, "x\n"));
        assertEquals("x\n", Files.readString(dir.resolve("access_log." + MIDNIGHT / 1000)));
    }

    @Test
    void sizeRotationInARingOfFiles() throws Exception {
        AtomicLong clock = new AtomicLong(MIDNIGHT);
        String line = "0123456789".repeat(50) + "\n";   // 501 bytes, the limit is 1 KiB
        rotatelogs(clock, dir.resolve("ring").toString(), "-n", "2", "1K")
                .run(new ClockedInput(clock, line, 0, line, 0, line, 0, line, 0, line));
        // the limit is checked before each write, so a file ends at the first write past it
        assertEquals(line.repeat(3), Files.readString(dir.resolve("ring")));
        assertEquals(line.repeat(2), Files.readString(dir.resolve("ring.1")));
    }

    @Test
    void everyWriteEndsAtALineEndWhateverTheReads() throws Exception {
        AtomicLong clock = new AtomicLong(MIDNIGHT);
        Path file = dir.resolve("lines");
        RotateLogs r = rotatelogs(clock, file.toString(), "-t", "86400");
        // reads split lines anywhere: the file still only ever grows by whole lines
        InputStream in = new InputStream() {
            final byte[] data = "first line\nsecond\nthird and last".getBytes(StandardCharsets.US_ASCII);
            int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (pos >= data.length) {
                    return -1;
                }
                if (Files.exists(file)) {
                    String now = Files.readString(file);
                    assertTrue(now.isEmpty() || now.endsWith("\n"), now);
                }
                b[off] = data[pos++];
                return 1;
            }
        };
        r.run(in);
        assertEquals("first line\nsecond\nthird and last", Files.readString(file));
    }

    @Test
    void echoesAndLinksTheCurrentFile() throws Exception {
        AtomicLong clock = new AtomicLong(MIDNIGHT);
        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        Path link = dir.resolve("current");
        RotateLogs r = new RotateLogs(RotateLogs.Options.parse("-e", "-L", link.toString(), "-D",
                dir.resolve("sub/log.%Y") + "", "86400"), clock::get, new PrintStream(echoed), System.err);
        r.run(new ClockedInput(clock, "hello\n"));
        assertEquals("hello\n", echoed.toString(StandardCharsets.US_ASCII));
        assertEquals("hello\n", Files.readString(dir.resolve("sub/log.2026")));
        assertEquals("hello\n", Files.readString(link));
    }

    @Test
    void aRotatelogsProcessFedByAPipe() throws Exception {
        Path file = dir.resolve("piped.%Y");
        Process p = new ProcessBuilder(javaCommand(file.toString(), "86400")).redirectErrorStream(true).start();
        p.getOutputStream().write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.collect(Collectors.toList());
            assertEquals(1, all.size(), all.toString());
            assertEquals("one\ntwo\n", Files.readString(all.get(0)));
        }
    }

    /** The command that runs {@link RotateLogs} in a new JVM from this test's module path. */
    static List<String> javaCommand(String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "--module-path", System.getProperty("jdk.module.path"),
                "-m", "io.jhttpd.mod.log/io.jhttpd.mod.log.internal.RotateLogs"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static RotateLogs rotatelogs(AtomicLong clock, String... args) {
        String[] all = args;
        // options first, as on the command line: move a leading path behind them
        if (!args[0].startsWith("-") && args.length > 1 && args[1].startsWith("-")) {
            all = new String[args.length];
            int k = 0;
            for (int i = 1; i < args.length - 1; i++) {
                all[k++] = args[i];
            }
            all[k++] = args[0];
            all[k] = args[args.length - 1];
        }
        return new RotateLogs(RotateLogs.Options.parse(all), clock::get, System.out, System.err);
    }

    /** Input that advances the clock between chunks: text, millis to add, text, ... */
    private static final class ClockedInput extends InputStream {
        private final AtomicLong clock;
        private final Object[] steps;
        private int step;
        private byte[] chunk = new byte[0];
        private int pos;

        ClockedInput(AtomicLong clock, Object... steps) {
            this.clock = clock;
            this.steps = steps;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            while (pos >= chunk.length) {
                if (step >= steps.length) {
                    return -1;
                }
                Object s = steps[step++];
                if (s instanceof Integer millis) {
                    clock.addAndGet(millis);
                } else {
                    chunk = ((String) s).getBytes(StandardCharsets.US_ASCII);
                    pos = 0;
                }
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
