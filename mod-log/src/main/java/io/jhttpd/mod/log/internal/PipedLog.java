package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A piped log ({@code CustomLog "|/usr/bin/rotatelogs logs/access_log 86400"}): a program that
 * reads log lines on its standard input, started at server start, restarted when it dies.
 *
 * <p>Request threads never wait for the program: {@link #write} copies the line into a bounded
 * in-memory queue ({@link #MAX_QUEUED_BYTES}) and returns; one writer thread per program moves the
 * queue into the pipe. When the program dies, the writer starts it again (at most once a second)
 * and writes the line whose write failed again first, so lines written while it was down are not
 * lost. Only the lines already in the dead program's pipe buffer (read by nobody) are gone, which
 * no writer can know. If the queue is full, because the program is gone for good or far slower
 * than the server, new lines are dropped and counted, with {@code JH03010} once when dropping
 * starts and {@code JH03011} with the count when lines get through again.
 *
 * <p>{@code "|prog args"} and {@code "||prog args"} run the program directly (arguments split as
 * a shell would, with quotes and backslashes), {@code "|$prog args"} through {@code /bin/sh -c},
 * as Apache 2.4. Its standard output and error are the server's.
 */
final class PipedLog implements LogSink {

    /** At most this many bytes wait for the program; beyond, lines are dropped. */
    static final int MAX_QUEUED_BYTES = 1 << 20;
    private static final long RESTART_PAUSE_MILLIS = 1000;
    /** How long stop waits for queued lines to reach the program, and then for the program to end. */
    static final long STOP_WAIT_MILLIS = 3000;
    private static final Logger LOG = LoggerFactory.getLogger(PipedLog.class);

    /** A piped log's program as configured. */
    record Command(List<String> argv, String text) {

        /** Parses {@code |prog args}, {@code ||prog args} or {@code |$prog args}. */
        static Command parse(String spec) throws ConfigException {
            String s = spec.startsWith("||") ? spec.substring(2) : spec.substring(1);
            List<String> argv;
            if (s.startsWith("$")) {
                argv = List.of("/bin/sh", "-c", s.substring(1).trim());
            } else {
                argv = words(s);
            }
            if (argv.isEmpty() || argv.get(0).isEmpty()) {
                throw new ConfigException("JH03002 piped log needs a program: " + spec);
            }
            return new Command(argv, s.trim());
        }

        /** Splits at blanks outside quotes; {@code \} escapes the next character. */
        static List<String> words(String s) {
            List<String> out = new ArrayList<>();
            StringBuilder word = null;
            char quote = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote == 0 && Character.isWhitespace(c)) {
                    if (word != null) {
                        out.add(word.toString());
                        word = null;
                    }
                    continue;
                }
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '\\' && i + 1 < s.length()) {
                    word.append(s.charAt(++i));
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            }
            if (word != null) {
                out.add(word.toString());
            }
            return out;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final Command command;
    private final Path workingDirectory;
    private final long stopWaitMillis;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final Thread writer;
    private int queuedBytes;
    private long dropped;
    private long droppedTotal;
    private boolean closed;
    private Process process;
    private OutputStream stdin;
    private long lastStart;

    private PipedLog(Command command, Path workingDirectory, long stopWaitMillis) {
        this.command = command;
        this.workingDirectory = workingDirectory;
        this.stopWaitMillis = stopWaitMillis;
        this.writer = new Thread(this::run, "piped-log " + command);
        this.writer.setDaemon(true);
    }

    /** Starts {@code command} in {@code workingDirectory} (the ServerRoot) and its writer thread. */
    static PipedLog start(Command command, Path workingDirectory) throws IOException {
        return start(command, workingDirectory, STOP_WAIT_MILLIS);
    }

    /** As {@link #start(Command, Path)}, waiting at most {@code stopWaitMillis} twice at {@link #close()}. */
    static PipedLog start(Command command, Path workingDirectory, long stopWaitMillis) throws IOException {
        PipedLog log = new PipedLog(command, workingDirectory, stopWaitMillis);
        log.startProcess();
        log.writer.start();
        return log;
    }

    @Override
    public void write(ByteBuffer line) {
        byte[] copy = new byte[line.remaining()];
        line.get(copy);
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queuedBytes + copy.length > MAX_QUEUED_BYTES) {
                droppedTotal++;
                if (dropped++ == 0) {
                    LOG.error("JH03010 piped log program '{}' is not keeping up or not running; {} bytes queued, dropping lines",
                            command, queuedBytes);
                }
                return;
            }
            if (dropped > 0) {
                LOG.warn("JH03011 piped log program '{}' takes lines again; {} lines were dropped", command, dropped);
                dropped = 0;
            }
            queue.add(copy);
            queuedBytes += copy.length;
            notifyAll();
        }
    }

    /** Waits (bounded) until the queue is empty: what was logged is in the pipe. */
    @Override
    public void flush() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stopWaitMillis);
        synchronized (this) {
            while (!queue.isEmpty() && System.nanoTime() < deadline) {
                try {
                    wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes what is queued (bounded in time), closes the pipe, and lets the program end (else ends it). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        try {
            writer.join(stopWaitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean stuck = writer.isAlive();
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null && stuck) {
            // the program does not read: waiting for it to end at end of input would be in vain
            LOG.warn("JH03014 piped log program '{}' did not take {} queued bytes at stop; ending it", command, queuedBytes());
            p.destroy();
        }
        closeQuietly(stdin);
        if (p != null) {
            try {
                if (!p.waitFor(stopWaitMillis, TimeUnit.MILLISECONDS)) {
                    p.destroy();
                    if (!p.waitFor(stopWaitMillis, TimeUnit.MILLISECONDS)) {
                        p.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private synchronized int queuedBytes() {
        return queuedBytes;
    }

    /** Lines dropped since the program was started, room or not since (for tests and diagnostics). */
    synchronized long droppedTotal() {
        return droppedTotal;
    }

    /** The running program's pid, or -1 (for tests and diagnostics). */
    synchronized long pid() {
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    /** The writer thread: one line per write and flush, removed from the queue only once the pipe took it. */
    private void run() {
        while (true) {
            byte[] line;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait(RESTART_PAUSE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (queue.isEmpty() && !closed && (process == null || !process.isAlive())) {
                        break;   // restart a program that died while idle, as Apache does
                    }
                }
                if (queue.isEmpty() && closed) {
                    return;
                }
                line = queue.peek();
            }
            if (!ensureRunning()) {
                if (closedNow()) {
                    return;
                }
                continue;
            }
            if (line == null) {
                continue;
            }
            try {
                stdin.write(line);
                stdin.flush();
            } catch (IOException e) {
                // the program died: the line stays at the head of the queue and goes to the next one
                LOG.warn("JH03012 piped log program '{}' failed: {}; restarting it", command, e.toString());
                closeQuietly(stdin);
                synchronized (this) {
                    process = null;
                }
                continue;
            }
            synchronized (this) {
                queue.poll();
                queuedBytes -= line.length;
                if (queue.isEmpty()) {
                    notifyAll();
                }
            }
        }
    }

    private synchronized boolean closedNow() {
        return closed;
    }

    /** True if a program is running; starts one (at most once per {@link #RESTART_PAUSE_MILLIS}) if not. */
    private boolean ensureRunning() {
        synchronized (this) {
            if (process != null && process.isAlive()) {
                return true;
            }
        }
        long wait = lastStart + RESTART_PAUSE_MILLIS - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (closedNow() && queueEmpty()) {
            return false;
        }
        try {
            startProcess();
            return true;
        } catch (IOException e) {
            LOG.error("JH03013 could not start piped log program '{}': {}", command, e.toString());
            return false;
        }
    }

    private synchronized boolean queueEmpty() {
        return queue.isEmpty();
    }

    private void startProcess() throws IOException {
        lastStart = System.currentTimeMillis();
        Process p = new ProcessBuilder(command.argv())
                .directory(workingDirectory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        synchronized (this) {
            process = p;
            stdin = p.getOutputStream();
        }
    }

    private static void closeQuietly(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the program is gone already
            }
        }
    }

    @Override
    public String toString() {
        return "|" + command;
    }
}
