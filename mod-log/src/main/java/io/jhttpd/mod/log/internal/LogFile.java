package io.jhttpd.mod.log.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An access log file open for appending. Each line goes out in one {@code write} on a channel
 * opened with {@code APPEND}: the kernel places every write at the end of the file atomically,
 * so lines from many threads and from several server processes never interleave or overwrite
 * each other, and nothing is buffered here that a crash could lose.
 *
 * <p>A thread interrupted during a write would close a {@code FileChannel} for every thread; a
 * write therefore runs with the interrupt flag cleared (and restored), and a channel closed that
 * way anyway is reopened and the line written again. Failures are logged once when they start
 * ({@code JH03003}) and once when writing works again ({@code JH03006}).
 */
final class LogFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);

    private final Path path;
    private volatile FileChannel channel;
    private volatile boolean closed;
    private volatile boolean failing;

    private LogFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens (creating if needed) {@code path} for appending; the directory must exist. */
    static LogFile open(Path path) throws IOException {
        return new LogFile(path, openChannel(path));
    }

    private static FileChannel openChannel(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** The file's path. */
    Path path() {
        return path;
    }

    /** Appends {@code line} (all of its remaining bytes). Never throws: a failure is logged. */
    void write(ByteBuffer line) {
        boolean interrupted = Thread.interrupted();
        int start = line.position();
        try {
            for (int attempt = 0; ; attempt++) {
                FileChannel ch = channel;
                try {
                    ch.write(line);
                    // Only a nearly full disk or a signal makes a file write short; finish the line.
                    while (line.hasRemaining()) {
                        ch.write(line);
                    }
                    if (failing) {
                        failing = false;
                        LOG.info("JH03006 writing to {} works again", path);
                    }
                    return;
                } catch (ClosedChannelException e) {
                    if (closed || attempt > 0) {
                        failed(e);
                        return;
                    }
                    reopen(ch);
                    line.position(start);
                    Thread.interrupted();
                } catch (IOException e) {
                    failed(e);
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized void reopen(FileChannel broken) {
        if (channel != broken || closed) {
            return;
        }
        try {
            channel = openChannel(path);
        } catch (IOException e) {
            failed(e);
        }
    }

    private void failed(IOException e) {
        if (!failing) {
            failing = true;
            LOG.error("JH03003 error writing to {}: {}", path, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("JH03008 could not close {}: {}", path, e.toString());
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
