package io.jhttpd.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAttributeCacheTest {

    @TempDir
    Path dir;

    @Test
    void offByDefaultEveryCallLooks() throws Exception {
        FileAttributeCache cache = new FileAttributeCache();
        Path p = Files.writeString(dir.resolve("a"), "1");
        assertEquals(1, cache.stat(p).size());
        Files.writeString(p, "22");
        assertEquals(2, cache.stat(p).size());
        Files.delete(p);
        assertNull(cache.stat(p));
    }

    @Test
    void configuredItReusesWhatItSawIncludingAbsence() throws Exception {
        FileAttributeCache cache = new FileAttributeCache();
        cache.configure(600_000_000_000L, 10);
        Path p = Files.writeString(dir.resolve("a"), "1");
        BasicFileAttributes first = cache.stat(p);
        Files.writeString(p, "22");
        assertSame(first, cache.stat(p), "within valid, no stat");
        Path missing = dir.resolve("missing");
        assertNull(cache.stat(missing));
        Files.writeString(missing, "now here");
        assertNull(cache.stat(missing), "absence is remembered too");
    }

    @Test
    void expiredEntriesAreReadAgainAndTheSizeIsBounded() throws Exception {
        FileAttributeCache cache = new FileAttributeCache();
        cache.configure(1, 3);  // 1 ns: always expired
        Path p = Files.writeString(dir.resolve("a"), "1");
        cache.stat(p);
        Files.writeString(p, "22");
        assertEquals(2, cache.stat(p).size());
        cache.configure(600_000_000_000L, 3);
        for (int i = 0; i < 10; i++) {
            assertNotNull(cache.stat(Files.writeString(dir.resolve("f" + i), "x")));
        }
        // the bound holds: the 10th path was admitted after the cache emptied itself
        Files.writeString(dir.resolve("f9"), "changed");
        assertEquals(1, cache.stat(dir.resolve("f9")).size());
        Files.writeString(dir.resolve("f0"), "changed");
        assertEquals(7, cache.stat(dir.resolve("f0")).size(), "f0 was dropped to make room");
    }
}
