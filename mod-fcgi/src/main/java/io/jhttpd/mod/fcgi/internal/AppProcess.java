package io.jhttpd.mod.fcgi.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastCGI application process jhttpd started, listening on its own Unix socket (php-cgi's
 * {@code -b path}), serving one request at a time over one kept-open connection. Its output
 * outside FastCGI (stdout and stderr of the process) goes to the error log.
 */
final class AppProcess {

    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);

    private final Process process;
    private final Path socket;
    private final String className;
    private final long startedNanos = System.nanoTime();
    private BackendChannel connection;
    private int requests;
    private long idleSinceNanos = System.nanoTime();
    private boolean busy;

    AppProcess(Process process, Path socket, String className) {
        this.process = process;
        this.socket = socket;
        this.className = className;
        Thread t = new Thread(this::copyOutput, "fcgid-output-" + process.pid());
        t.setDaemon(true);
        t.start();
    }

    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    LOG.warn("JH10021: FastCGI process {} ({}) wrote: {}", process.pid(), className, line);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * The connection to the process, opened once its socket accepts (a new process needs a moment
     * to bind): retried until {@code timeoutMillis}, failing early if the process exits.
     */
    BackendChannel connection(long connectTimeoutMillis, long ioTimeoutMillis) throws IOException {
        if (connection != null && !connection.isStale()) {
            return connection;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
        IOException last = null;
        long pause = 2;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("FastCGI process " + process.pid() + " exited with status " + process.exitValue() + " before accepting");
            }
            if (Files.exists(socket)) {
                try {
                    connection = BackendChannel.connect(UnixDomainSocketAddress.of(socket), connectTimeoutMillis, ioTimeoutMillis);
                    return connection;
                } catch (IOException e) {
                    last = e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for FastCGI process " + process.pid());
            }
            pause = Math.min(pause * 2, 50);
        }
        throw new BackendTimeoutException("FastCGI process " + process.pid() + " did not accept on " + socket + " within "
                + connectTimeoutMillis + " ms" + (last != null ? ": " + last.getMessage() : ""));
    }

    /** Drops the connection (it failed or was left in an unknown state). */
    void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    boolean isBusy() {
        return busy;
    }

    void setBusy(boolean busy) {
        this.busy = busy;
        if (!busy) {
            idleSinceNanos = System.nanoTime();
        }
    }

    int requests() {
        return requests;
    }

    void countRequest() {
        requests++;
    }

    long idleMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - idleSinceNanos);
    }

    long ageMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Asks the process to stop (SIGTERM), then kills it if it has not gone within {@code graceMillis}. */
    void stop(long graceMillis) {
        dropConnection();
        process.destroy();
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(graceMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", socket, e.toString());
        }
    }
}
