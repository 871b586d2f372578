package io.jhttpd.mod.log.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Apache's {@code rotatelogs}, for piped logs: reads log lines on standard input and appends them
 * to a file that changes with time or size.
 *
 * <pre>
 * CustomLog "|bin/rotatelogs logs/access_log.%Y-%m-%d 86400" common
 * CustomLog "|bin/rotatelogs -n 5 logs/access_log 10M" common
 * java -m io.jhttpd.mod.log/io.jhttpd.mod.log.internal.RotateLogs [options] logfile rotationtime|filesize(B|K|M|G) [filesize] [offset]
 * </pre>
 *
 * <p>As Apache: a name holding {@code %} is a {@code strftime} pattern of the period's start,
 * otherwise the start is appended as {@code .0000000000} seconds; periods start at multiples of
 * the rotation time in UTC shifted by the offset (minutes) or, with {@code -l}, by the local
 * zone's offset; a size limit rotates when the file has reached it; both may be given (time
 * first). Options: {@code -l} local time, {@code -L link} hard link to the current file,
 * {@code -p prog} run after each new file is opened (with the new and the previous file),
 * {@code -f} open at start rather than at the first line, {@code -D} create missing directories,
 * {@code -t} truncate instead of rotating (the name has no suffix), {@code -v} tell stderr what
 * happens, {@code -e} echo to stdout, {@code -c} create the new file even if no line comes,
 * {@code -n N} a ring of N files {@code logfile}, {@code logfile.1} ... .
 *
 * <p>Unlike Apache's, which writes what each read returned, every write here ends at a line end
 * (one {@code O_APPEND} write per batch of whole lines), so several rotatelogs processes may share
 * a file without tearing lines; a last line without newline is written at end of input.
 */
public final class RotateLogs {

    private static final int BUFFER = 65536;

    private final Options options;
    private final LongSupplier clock;
    private final PrintStream stdout;
    private final PrintStream stderr;
    private FileOutputStream out;
    private Path current;
    private long periodEnd;
    private long size;
    private int ringIndex;

    /** The command line, parsed. */
    record Options(boolean localTime, String link, String program, boolean openAtStart, boolean createDirectories,
            boolean truncate, boolean verbose, boolean echo, boolean createEmpty, int ringSize, String logfile,
            long rotationSeconds, long rotationBytes, int offsetMinutes) {

        static Options parse(String... args) {
            boolean l = false;
            boolean f = false;
            boolean d = false;
            boolean t = false;
            boolean v = false;
            boolean e = false;
            boolean c = false;
            String link = null;
            String prog = null;
            int ring = 0;
            int i = 0;
            for (; i < args.length && args[i].startsWith("-") && args[i].length() > 1; i++) {
                switch (args[i]) {
                    case "-l" -> l = true;
                    case "-f" -> f = true;
                    case "-D" -> d = true;
                    case "-t", "-T" -> t = true;
                    case "-v" -> v = true;
                    case "-e" -> e = true;
                    case "-c" -> c = true;
                    case "-L" -> link = value(args, ++i, "-L");
                    case "-p" -> prog = value(args, ++i, "-p");
                    case "-n" -> ring = Integer.parseInt(value(args, ++i, "-n"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            List<String> rest = new ArrayList<>(Arrays.asList(args).subList(i, args.length));
            if (rest.size() < 2) {
                throw new IllegalArgumentException("expected: logfile rotationtime|filesize(B|K|M|G) [offset]");
            }
            String logfile = rest.remove(0);
            long seconds = 0;
            long bytes = 0;
            int offset = 0;
            for (int k = 0; k < rest.size(); k++) {
                String a = rest.get(k);
                char unit = Character.toUpperCase(a.charAt(a.length() - 1));
                if ("BKMG".indexOf(unit) >= 0) {
                    long n = Long.parseLong(a.substring(0, a.length() - 1));
                    bytes = n << (unit == 'B' ? 0 : unit == 'K' ? 10 : unit == 'M' ? 20 : 30);
                } else if (k == 0 || (seconds == 0 && bytes != 0 && k == 1)) {
                    seconds = Long.parseLong(a);
                } else {
                    offset = Integer.parseInt(a);
                }
            }
            if (seconds <= 0 && bytes <= 0) {
                throw new IllegalArgumentException("a rotation time or file size is required");
            }
            return new Options(l, link, prog, f, d, t, v, e, c, ring, logfile, seconds, bytes, offset);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            return args[i];
        }
    }

    RotateLogs(Options options, LongSupplier clockMillis, PrintStream stdout, PrintStream stderr) {
        this.options = options;
        this.clock = clockMillis;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs until standard input ends. Exit status 1 on bad arguments, 2 if the file cannot be written. */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("rotatelogs: " + e.getMessage());
            System.err.println("Usage: rotatelogs [-v] [-l] [-L linkname] [-p prog] [-f] [-D] [-t] [-e] [-c] [-n number] "
                    + "logfile {rotation time in seconds|size(B|K|M|G)} [offset minutes from UTC]");
            System.exit(1);
            return;
        }
        try {
            new RotateLogs(options, System::currentTimeMillis, System.out, System.err).run(System.in);
        } catch (IOException e) {
            System.err.println("rotatelogs: " + e);
            System.exit(2);
        }
    }

    /** Copies {@code in} to the files, line-aligned, until end of input. */
    void run(InputStream in) throws IOException {
        if (options.openAtStart()) {
            rotate(now());
        }
        byte[] buf = new byte[BUFFER];
        int held = 0;
        while (true) {
            int n = in.read(buf, held, buf.length - held);
            if (n < 0) {
                if (held > 0) {
                    write(buf, 0, held);
                }
                break;
            }
            held += n;
            int lastNewline = lastIndexOf(buf, held, (byte) '\n');
            if (lastNewline < 0 && held < buf.length) {
                continue;   // a line still arriving
            }
            int whole = lastNewline < 0 ? held : lastNewline + 1;
            write(buf, 0, whole);
            System.arraycopy(buf, whole, buf, 0, held - whole);
            held -= whole;
        }
        if (options.createEmpty() && out == null) {
            rotate(now());
        }
        if (out != null) {
            out.close();
        }
    }

    private static int lastIndexOf(byte[] b, int length, byte x) {
        for (int i = length - 1; i >= 0; i--) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private void write(byte[] b, int off, int len) throws IOException {
        long now = now();
        if (out == null || (options.rotationSeconds() > 0 && now >= periodEnd)
                || (options.rotationBytes() > 0 && size >= options.rotationBytes())) {
            rotate(now);
        }
        out.write(b, off, len);
        size += len;
        if (options.echo()) {
            stdout.write(b, off, len);
            stdout.flush();
        }
    }

    /** Seconds since the epoch, shifted into the configured zone as Apache's {@code get_now}. */
    private long now() {
        long seconds = Math.floorDiv(clock.getAsLong(), 1000);
        if (options.localTime()) {
            return seconds + ZoneId.systemDefault().getRules().getOffset(Instant.ofEpochSecond(seconds)).getTotalSeconds();
        }
        return seconds + options.offsetMinutes() * 60L;
    }

    private void rotate(long now) throws IOException {
        long start = now;
        if (options.rotationSeconds() > 0) {
            start = now / options.rotationSeconds() * options.rotationSeconds();
            periodEnd = start + options.rotationSeconds();
        }
        Path next = Path.of(fileName(start));
        Path previous = current;
        if (out != null) {
            out.close();
        }
        if (options.createDirectories() && next.toAbsolutePath().getParent() != null) {
            Files.createDirectories(next.toAbsolutePath().getParent());
        }
        boolean truncate = options.truncate() || (options.ringSize() > 0 && previous != null);
        out = new FileOutputStream(next.toFile(), !truncate);
        size = truncate ? 0 : Files.size(next);
        current = next;
        if (options.verbose()) {
            stderr.println("rotatelogs: new log file " + next + (previous != null ? " (previous " + previous + ")" : ""));
        }
        if (options.link() != null) {
            Path link = Path.of(options.link());
            Files.deleteIfExists(link);
            Files.createLink(link, next);
        }
        if (options.program() != null) {
            List<String> cmd = new ArrayList<>(List.of(options.program(), next.toString()));
            if (previous != null) {
                cmd.add(previous.toString());
            }
            new ProcessBuilder(cmd).inheritIO().redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        }
    }

    /** The file for a period starting at {@code start} (shifted seconds). */
    String fileName(long start) {
        String root = options.logfile();
        if (options.ringSize() > 0) {
            int index = ringIndex;
            ringIndex = (ringIndex + 1) % options.ringSize();
            return index == 0 ? root : root + "." + index;
        }
        if (root.indexOf('%') >= 0) {
            LineBuffer b = new LineBuffer();
            Strftime.compile(root).append(ZonedDateTime.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC), b);
            return new String(b.asByteBuffer().array(), 0, b.length(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return options.truncate() ? root : root + "." + String.format(Locale.ROOT, "%010d", start);
    }

    /** The file written now, or {@code null} before the first line. */
    Path current() {
        return current;
    }
}
