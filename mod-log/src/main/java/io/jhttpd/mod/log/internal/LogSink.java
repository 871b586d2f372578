package io.jhttpd.mod.log.internal;

import java.nio.ByteBuffer;

/** Where a log's lines go: a file, a piped program, or a buffer in front of either. Thread-safe. */
interface LogSink extends AutoCloseable {

    /** Takes one whole line (all of {@code line}'s remaining bytes); never throws, a failure is logged. */
    void write(ByteBuffer line);

    /** Sends on whatever is held back; a no-op for sinks that hold nothing. */
    default void flush() {
    }

    /** Flushes and releases the destination. */
    @Override
    void close();
}
