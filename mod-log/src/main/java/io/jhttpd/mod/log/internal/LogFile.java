package io.jhttpd.mod.log.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An access log file open for appending. Each line goes out in one {@code write(2)} on a file
 * opened with {@code O_APPEND}: the kernel places every write at the end of the file atomically,
 * so lines from many threads and from several server processes never interleave or overwrite
 * each other, and nothing is buffered here that a crash could lose.
 *
 * <p>A {@link FileOutputStream} rather than a {@code FileChannel}: a channel's write takes a
 * position lock even in append mode, which serialised every worker thread on the log (bench/
 * measured waits of 33 ms median under load), and an interrupted thread would close a channel for
 * all threads; the stream has neither problem. Failures are logged once when they start
 * ({@code JH03003}) and once when writing works again ({@code JH03006}).
 */
final class LogFile implements LogSink {

    private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);

    private final Path path;
    private final FileOutputStream out;
    private volatile boolean failing;

    private LogFile(Path path, FileOutputStream out) {
        this.path = path;
        this.out = out;
    }

    /** Opens (creating if needed) {@code path} for appending; the directory must exist. */
    static LogFile open(Path path) throws IOException {
        return new LogFile(path, new FileOutputStream(path.toFile(), true));
    }

    /** The file's path. */
    Path path() {
        return path;
    }

    /** Appends {@code line} (all of its remaining bytes) in one write. Never throws: a failure is logged. */
    public void write(ByteBuffer line) {
        byte[] bytes;
        int off;
        int len = line.remaining();
        if (line.hasArray()) {
            bytes = line.array();
            off = line.arrayOffset() + line.position();
        } else {
            bytes = new byte[len];
            line.duplicate().get(bytes);
            off = 0;
        }
        try {
            out.write(bytes, off, len);
            line.position(line.limit());
            if (failing) {
                failing = false;
                LOG.info("JH03006 writing to {} works again", path);
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.error("JH03003 error writing to {}: {}", path, e.toString());
            }
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("JH03008 could not close {}: {}", path, e.toString());
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
