package io.jhttpd.mod.cgi.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running CGI script: its stdin and stdout for the request's worker thread, its stderr copied
 * line by line to the error log by a helper thread, and a watchdog that kills the script when one
 * wait for it (a write to its stdin, a read from its stdout) lasts longer than the timeout, as
 * Apache's {@code CGIScriptTimeout}. {@link #close()} kills what is still running, the script and
 * every process it started, and reaps it: no script outlives its request.
 */
final class ScriptProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptProcess.class);
    /** Longest stderr line copied as one log message; longer lines are split. */
    private static final int MAX_STDERR_LINE = 8192;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "cgi-watchdog"));
    private static final ExecutorService STDERR_PUMPS = Executors.newCachedThreadPool(r -> daemon(r, "cgi-stderr-" + THREADS.incrementAndGet()));

    private final Process process;
    private final long timeoutNanos;
    private final ScheduledFuture<?> watch;
    /** When the current wait started ({@link System#nanoTime()}), or 0 when the worker is not waiting for the script. */
    private volatile long waitingSince;
    private volatile boolean timedOut;
    private boolean stdoutEnded;

    private ScriptProcess(Process process, long timeoutMillis) {
        this.process = process;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long period = Math.max(20, Math.min(1000, timeoutMillis / 10));
        this.watch = WATCHDOG.scheduleWithFixedDelay(this::checkWait, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts {@code command} in {@code directory} with exactly {@code environment}; each stderr
     * line goes to {@code stderrLine}. Fails as {@link IOException} when the file cannot be
     * executed (not executable, bad interpreter).
     */
    static ScriptProcess start(List<String> command, Map<String, String> environment, Path directory, long timeoutMillis,
            Consumer<String> stderrLine) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.putAll(environment);
        Process p = pb.start();
        ScriptProcess script = new ScriptProcess(p, timeoutMillis);
        STDERR_PUMPS.execute(() -> pumpStderr(p.getErrorStream(), stderrLine));
        return script;
    }

    /** The script's standard output, read with the timeout applying to each read. */
    InputStream stdout() {
        InputStream in = process.getInputStream();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                beginWait();
                try {
                    int n = in.read(b, off, len);
                    stdoutEnded |= n < 0;
                    return n;
                } catch (IOException e) {
                    if (timedOut) {
                        return -1;
                    }
                    throw e;
                } finally {
                    endWait();
                }
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }
        };
    }

    /** Copies {@code body} to the script's standard input and closes it; the timeout applies to each write. */
    void writeStdin(InputStream body, byte[] buffer) throws IOException, StdinClosedException {
        OutputStream out = process.getOutputStream();
        int n;
        while ((n = body.read(buffer)) >= 0) {
            beginWait();
            try {
                out.write(buffer, 0, n);
            } catch (IOException e) {
                throw new StdinClosedException(e);
            } finally {
                endWait();
            }
        }
        closeStdin();
    }

    /** Closes the script's standard input (end of the request body). */
    void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the script exited without reading all of it: nothing more to tell it
        }
    }

    /** True once the watchdog has killed the script for taking too long. */
    boolean timedOut() {
        return timedOut;
    }

    /** The script's process id (for logs and tests). */
    long pid() {
        return process.pid();
    }

    private void beginWait() {
        waitingSince = System.nanoTime();
    }

    private void endWait() {
        waitingSince = 0;
    }

    private void checkWait() {
        long since = waitingSince;
        if (since != 0 && System.nanoTime() - since > timeoutNanos && process.isAlive()) {
            timedOut = true;
            killTree();
        }
    }

    /** Kills the script and every process under it; a process the script started stops with it. */
    private void killTree() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle h : descendants) {
            h.destroyForcibly();
        }
    }

    /** Stops the watchdog, kills what still runs and reaps the script. */
    @Override
    public void close() {
        watch.cancel(false);
        closeStdin();
        try {
            // a script whose output ended is usually exiting: give it a moment before the kill
            if (!stdoutEnded || !process.waitFor(100, TimeUnit.MILLISECONDS)) {
                killTree();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            killTree();
            Thread.currentThread().interrupt();
        }
        try {
            process.getInputStream().close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void pumpStderr(InputStream err, Consumer<String> line) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8), MAX_STDERR_LINE)) {
            String l;
            while ((l = r.readLine()) != null) {
                for (int i = 0; i < l.length(); i += MAX_STDERR_LINE) {
                    line.accept(l.substring(i, Math.min(l.length(), i + MAX_STDERR_LINE)));
                }
            }
        } catch (IOException e) {
            LOG.debug("reading a script's stderr ended: {}", e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The script stopped reading its standard input (exited, or closed it) before the body was all written. */
    static final class StdinClosedException extends Exception {
        private static final long serialVersionUID = 1L;

        StdinClosedException(IOException cause) {
            super(cause);
        }
    }
}
