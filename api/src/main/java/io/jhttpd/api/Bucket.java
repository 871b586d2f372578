package io.jhttpd.api;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * One piece of a body moving through a filter chain, as Apache's buckets: bytes in memory
 * ({@link Data}), a region of a file ({@link FileRegion}, sent with {@code FileChannel.transferTo}
 * when nothing above the network transforms it), or metadata: {@link Flush} ("send what you have
 * now"), {@link EndOfStream} (the body ends; comes exactly once), {@link Error} (answer with this
 * status instead of the body).
 *
 * <p><b>Ownership.</b> A data bucket's buffer is read from its position to its limit. Whoever
 * passes a bucket on gives up the right to change its buffer; whoever receives it may consume it
 * (advance its position). A file region's channel stays open until the request ends; whoever
 * opened it arranges its closing, usually with {@link Request#onCleanup}.
 */
public sealed interface Bucket permits Bucket.Data, Bucket.FileRegion, Bucket.Flush, Bucket.EndOfStream, Bucket.Error {

    /** The flush bucket. */
    Flush FLUSH = new Flush();
    /** The end-of-stream bucket. */
    EndOfStream EOS = new EndOfStream();

    /** Number of body bytes this bucket carries (0 for metadata). */
    long length();

    /** True for flush, end-of-stream and error buckets. */
    default boolean isMetadata() {
        return false;
    }

    /** A data bucket over {@code buffer}'s remaining bytes (not copied). */
    static Data data(ByteBuffer buffer) {
        return new Data(buffer);
    }

    /** A data bucket over {@code bytes} (not copied). */
    static Data data(byte[] bytes) {
        return new Data(ByteBuffer.wrap(bytes));
    }

    /** A data bucket holding {@code text} encoded as UTF-8. */
    static Data data(String text) {
        return new Data(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A bucket for {@code count} bytes of {@code channel} starting at {@code position}. */
    static FileRegion file(FileChannel channel, long position, long count) {
        return new FileRegion(channel, position, count);
    }

    /** An error bucket carrying HTTP {@code status}. */
    static Error error(int status) {
        return new Error(status);
    }

    /** Bytes in memory. */
    record Data(ByteBuffer buffer) implements Bucket {
        /** Wraps {@code buffer}. */
        public Data {
            java.util.Objects.requireNonNull(buffer, "buffer");
        }

        @Override
        public long length() {
            return buffer.remaining();
        }
    }

    /** {@code count} bytes of a file starting at {@code position}; never read into memory unless a filter must. */
    record FileRegion(FileChannel channel, long position, long count) implements Bucket {
        /** Checks the region's bounds. */
        public FileRegion {
            java.util.Objects.requireNonNull(channel, "channel");
            if (position < 0 || count < 0) {
                throw new IllegalArgumentException("bad file region " + position + "+" + count);
            }
        }

        @Override
        public long length() {
            return count;
        }

        /** The sub-region {@code offset} bytes in, {@code length} long. */
        public FileRegion slice(long offset, long length) {
            if (offset < 0 || length < 0 || offset + length > count) {
                throw new IndexOutOfBoundsException(offset + "+" + length + " of " + count);
            }
            return new FileRegion(channel, position + offset, length);
        }
    }

    /** Send everything buffered so far to the client now. */
    final class Flush implements Bucket {
        private Flush() {
        }

        @Override
        public long length() {
            return 0;
        }

        @Override
        public boolean isMetadata() {
            return true;
        }

        @Override
        public String toString() {
            return "FLUSH";
        }
    }

    /** The body ends here. Anything after it is ignored. */
    final class EndOfStream implements Bucket {
        private EndOfStream() {
        }

        @Override
        public long length() {
            return 0;
        }

        @Override
        public boolean isMetadata() {
            return true;
        }

        @Override
        public String toString() {
            return "EOS";
        }
    }

    /** Answer with HTTP {@code status} instead of the body (if headers are not yet sent; else abort). */
    record Error(int status) implements Bucket {
        @Override
        public long length() {
            return 0;
        }

        @Override
        public boolean isMetadata() {
            return true;
        }
    }
}
