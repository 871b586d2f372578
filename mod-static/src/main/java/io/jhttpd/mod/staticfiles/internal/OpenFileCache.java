package io.jhttpd.mod.staticfiles.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open files kept between requests, like nginx's {@code open_file_cache}: a hot file is neither
 * opened nor read again while it stays the same file.
 *
 * <p>A file up to {@link Settings#contentLimit} bytes is kept as its bytes (a heap buffer every
 * response gets a read-only view of), so it goes out in the same write as the response header and
 * holds no descriptor; a larger one is kept open, shared by all requests that send it
 * ({@code transferTo} takes a position, so they do not disturb each other).
 *
 * <p>An entry is used only while the file the kernel found for this request (its attributes)
 * has the size, modification time and identity (device and inode) the entry was made with;
 * anything else (rewritten, replaced by a rename, deleted) makes it stale, and the file is opened
 * anew. The kernel reads the attributes for every request unless {@code valid=T} lets it reuse
 * them for up to T: that T is then how long a change can go unseen. Entries not used for {@link Settings#inactiveNanos} are
 * dropped; at most {@link Settings#maxEntries} are kept (the least recently used go first), which
 * also bounds the descriptors held. A descriptor is closed only when the entry is gone <em>and</em>
 * no response still sends from it.
 */
final class OpenFileCache {

    /**
     * {@code OpenFileCache max=N inactive=T content=SIZE valid=T}.
     *
     * @param maxEntries    most files kept (0: no cache)
     * @param inactiveNanos an entry unused this long is dropped
     * @param contentLimit  files up to this size are kept as bytes instead of an open descriptor
     * @param validNanos    how long the kernel may reuse a path's attributes without looking (0: it looks every time)
     */
    record Settings(int maxEntries, long inactiveNanos, int contentLimit, long validNanos) {
        static final Settings OFF = new Settings(0, 0, 0, 0);
        static final Settings DEFAULT = new Settings(1000, 20_000_000_000L, 16 * 1024, 0);

        boolean enabled() {
            return maxEntries > 0;
        }
    }

    /**
     * A file to send, taken from the cache or opened for this request only. {@link #release} it
     * when the response no longer needs it.
     */
    abstract static class OpenFile implements AutoCloseable {
        /** The bytes of a small file (read-only, position 0), or {@code null}. */
        abstract ByteBuffer content();

        /** The open file, or {@code null} when {@link #content} holds it. */
        abstract FileChannel channel();

        /**
         * The length of what was opened, which is what gets sent: a file replaced between the
         * kernel's look at the path and the open is sent whole as it is now, never cut or padded.
         */
        abstract long size();

        @Override
        public abstract void close() throws IOException;
    }

    private final Settings settings;
    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    OpenFileCache(Settings settings) {
        this.settings = settings;
    }

    Settings settings() {
        return settings;
    }

    /**
     * The file {@code path} whose attributes the kernel just read as {@code attributes}: from the
     * cache if it holds that very file, else opened (and cached, if it fits).
     *
     * @throws IOException if the file cannot be opened or read
     */
    OpenFile open(Path path, BasicFileAttributes attributes) throws IOException {
        if (!settings.enabled()) {
            return new Uncached(FileChannel.open(path, StandardOpenOption.READ));
        }
        long now = System.nanoTime();
        Entry e = entries.get(path);
        if (e != null) {
            if (e.describes(attributes) && e.acquire()) {
                e.lastUsed = now;
                hits.incrementAndGet();
                return e;
            }
            remove(path, e);
        }
        misses.incrementAndGet();
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        Entry fresh;
        try {
            long length = attributes.size();
            if (length <= settings.contentLimit()) {
                ByteBuffer bytes = readAll(channel, (int) length);
                channel.close();
                if (bytes == null) {
                    // the file changed size while we read it: serve it uncached this time
                    return new Uncached(FileChannel.open(path, StandardOpenOption.READ));
                }
                fresh = new Entry(attributes, bytes, null);
            } else if (channel.size() != length) {
                // not the file the kernel saw (replaced meanwhile): serve what was opened, uncached
                return new Uncached(channel);
            } else {
                fresh = new Entry(attributes, null, channel);
            }
        } catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
        fresh.lastUsed = now;
        fresh.acquire();
        makeRoom(now);
        Entry previous = entries.putIfAbsent(path, fresh);
        if (previous != null) {
            // another request cached it first; this one serves from its own copy, released after use
            fresh.retire();
            return fresh;
        }
        size.incrementAndGet();
        return fresh;
    }

    /** Number of files held now. */
    int size() {
        return size.get();
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    /** Drops every entry (at shutdown); descriptors close as their last response ends. */
    void clear() {
        for (Map.Entry<Path, Entry> e : entries.entrySet()) {
            remove(e.getKey(), e.getValue());
        }
    }

    private void remove(Path path, Entry e) {
        if (entries.remove(path, e)) {
            size.decrementAndGet();
            e.retire();
        }
    }

    /** Drops inactive entries, then the least recently used eighth if still full. */
    private void makeRoom(long now) {
        if (size.get() < settings.maxEntries()) {
            return;
        }
        List<Map.Entry<Path, Entry>> all = new ArrayList<>(entries.entrySet());
        for (Map.Entry<Path, Entry> e : all) {
            if (now - e.getValue().lastUsed > settings.inactiveNanos()) {
                remove(e.getKey(), e.getValue());
            }
        }
        int excess = size.get() - settings.maxEntries() + 1;
        if (excess <= 0) {
            return;
        }
        all.removeIf(e -> e.getValue().retired());
        all.sort(Comparator.comparingLong(e -> e.getValue().lastUsed));
        int drop = Math.min(all.size(), Math.max(excess, settings.maxEntries() / 8));
        for (int i = 0; i < drop; i++) {
            remove(all.get(i).getKey(), all.get(i).getValue());
        }
    }

    /** All of a file of {@code length} bytes, or {@code null} if it is not that long any more. */
    private static ByteBuffer readAll(FileChannel channel, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        long position = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position);
            if (n < 0) {
                return null;
            }
            position += n;
        }
        // one more byte would mean the file grew after the kernel looked at it
        if (channel.size() != length) {
            return null;
        }
        return buf.flip().asReadOnlyBuffer();
    }

    /**
     * A cached file. Its use count starts at one for the cache itself; each response adds one
     * while it sends. Retiring removes the cache's count; the descriptor closes at zero.
     */
    private static final class Entry extends OpenFile {
        private final long size;
        private final long mtimeNanos;
        private final Object fileKey;
        private final ByteBuffer content;
        private final FileChannel channel;
        private final AtomicInteger uses = new AtomicInteger(1);
        volatile long lastUsed;
        private final AtomicBoolean retired = new AtomicBoolean();

        Entry(BasicFileAttributes attributes, ByteBuffer content, FileChannel channel) {
            this.size = attributes.size();
            this.mtimeNanos = nanos(attributes);
            this.fileKey = attributes.fileKey();
            this.content = content;
            this.channel = channel;
        }

        boolean describes(BasicFileAttributes a) {
            return a.size() == size && nanos(a) == mtimeNanos && Objects.equals(a.fileKey(), fileKey);
        }

        private static long nanos(BasicFileAttributes a) {
            return a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        boolean acquire() {
            int n;
            do {
                n = uses.get();
                if (n <= 0) {
                    return false;
                }
            } while (!uses.compareAndSet(n, n + 1));
            return true;
        }

        boolean retired() {
            return retired.get();
        }

        void retire() {
            if (retired.compareAndSet(false, true)) {
                release();
            }
        }

        private void release() {
            if (uses.decrementAndGet() == 0 && channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // nothing was written through it; a failed close of a read-only file loses nothing
                }
            }
        }

        @Override
        ByteBuffer content() {
            return content == null ? null : content.duplicate();
        }

        @Override
        long size() {
            return size;
        }

        @Override
        FileChannel channel() {
            return channel;
        }

        @Override
        public void close() {
            release();
        }
    }

    /** A file opened for one response, closed after it. */
    private static final class Uncached extends OpenFile {
        private final FileChannel channel;
        private final long size;

        Uncached(FileChannel channel) throws IOException {
            this.channel = channel;
            try {
                this.size = channel.size();
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        long size() {
            return size;
        }

        @Override
        ByteBuffer content() {
            return null;
        }

        @Override
        FileChannel channel() {
            return channel;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
