package io.jhttpd.kernel.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attributes of paths the storage walk looked at, kept for a bounded time so that a hot file
 * costs no {@code stat} per request (see {@code ServerContext.cacheFileAttributes}). A missing
 * path is remembered too, as {@code null}. Off (every call reads the file system) until configured.
 * At most {@code maxEntries} paths: when full, expired entries go, and if that is not enough, all.
 */
public final class FileAttributeCache {

    private record Entry(BasicFileAttributes attributes, long readAt) {
    }

    private final Map<Path, Entry> entries = new ConcurrentHashMap<>();
    private volatile long validNanos;
    private volatile int maxEntries;

    /** Keeps what is read for {@code validNanos} (0: not at all), at most {@code maxEntries} paths. */
    public void configure(long validNanos, int maxEntries) {
        this.maxEntries = Math.max(0, maxEntries);
        this.validNanos = this.maxEntries == 0 ? 0 : Math.max(0, validNanos);
        entries.clear();
    }

    /** The attributes of {@code p} (following links), or {@code null} if nothing readable is there. */
    public BasicFileAttributes stat(Path p) {
        long valid = validNanos;
        if (valid <= 0) {
            return read(p);
        }
        long now = System.nanoTime();
        Entry e = entries.get(p);
        if (e != null && now - e.readAt() < valid) {
            return e.attributes();
        }
        BasicFileAttributes a = read(p);
        if (e == null && entries.size() >= maxEntries) {
            entries.values().removeIf(x -> now - x.readAt() >= valid);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(p, new Entry(a, now));
        return a;
    }

    private static BasicFileAttributes read(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
