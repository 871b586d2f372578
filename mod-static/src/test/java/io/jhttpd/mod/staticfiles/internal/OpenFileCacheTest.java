package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFileCacheTest {

    @TempDir
    Path dir;

    private static BasicFileAttributes stat(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class);
    }

    private static String text(OpenFileCache.OpenFile f) {
        ByteBuffer b = f.content();
        return StandardCharsets.UTF_8.decode(b).toString();
    }

    @Test
    void aSmallFileIsReadOnceAndServedFromMemoryWithNoDescriptor() throws Exception {
        Path p = Files.writeString(dir.resolve("a.txt"), "hello");
        OpenFileCache cache = new OpenFileCache(OpenFileCache.Settings.DEFAULT);
        try (OpenFileCache.OpenFile first = cache.open(p, stat(p))) {
            assertEquals("hello", text(first));
            assertNull(first.channel());
        }
        try (OpenFileCache.OpenFile second = cache.open(p, stat(p))) {
            assertEquals("hello", text(second));
        }
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
    }

    @Test
    void aChangedReplacedOrGrownFileIsSeenAtOnce() throws Exception {
        Path p = Files.writeString(dir.resolve("a.txt"), "one");
        Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
        OpenFileCache cache = new OpenFileCache(OpenFileCache.Settings.DEFAULT);
        cache.open(p, stat(p)).close();

        Files.writeString(p, "two");  // same size, new mtime
        try (OpenFileCache.OpenFile f = cache.open(p, stat(p))) {
            assertEquals("two", text(f));
        }
        Path other = Files.writeString(dir.resolve("b.tmp"), "six");
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(p));
        Files.move(other, p, StandardCopyOption.REPLACE_EXISTING);  // same size and mtime, another inode
        try (OpenFileCache.OpenFile f = cache.open(p, stat(p))) {
            assertEquals("six", text(f));
        }
        Files.writeString(p, "longer");
        try (OpenFileCache.OpenFile f = cache.open(p, stat(p))) {
            assertEquals("longer", text(f));
        }
        assertEquals(0, cache.hits());
        assertEquals(1, cache.size());
    }

    @Test
    void aLargeFileStaysOpenWhileAResponseSendsItEvenAfterItLeavesTheCache() throws Exception {
        Path big = Files.write(dir.resolve("big.bin"), new byte[100_000]);
        OpenFileCache cache = new OpenFileCache(new OpenFileCache.Settings(1, 20_000_000_000L, 1024, 0));
        OpenFileCache.OpenFile sending = cache.open(big, stat(big));
        FileChannel channel = sending.channel();
        assertNotNull(channel);
        assertNull(sending.content());

        Path small = Files.write(dir.resolve("other.bin"), new byte[200_000]);
        cache.open(small, stat(small)).close();  // evicts big.bin: max=1
        assertEquals(1, cache.size());
        assertTrue(channel.isOpen(), "a response still sends from it");
        sending.close();
        assertFalse(channel.isOpen(), "closed once the cache and the last response let go");
    }

    @Test
    void entriesAndDescriptorsAreBounded() throws Exception {
        OpenFileCache cache = new OpenFileCache(new OpenFileCache.Settings(8, 20_000_000_000L, 0, 0));
        List<FileChannel> channels = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Path p = Files.writeString(dir.resolve("f" + i), "x".repeat(i + 1));
            try (OpenFileCache.OpenFile f = cache.open(p, stat(p))) {
                channels.add(f.channel());
            }
        }
        assertTrue(cache.size() <= 8, "size " + cache.size());
        assertTrue(channels.stream().filter(FileChannel::isOpen).count() <= 8);
        cache.clear();
        assertEquals(0, channels.stream().filter(FileChannel::isOpen).count());
    }

    @Test
    void offOpensEveryTimeAndClosesAfterTheResponse() throws Exception {
        Path p = Files.writeString(dir.resolve("a.txt"), "x");
        OpenFileCache cache = new OpenFileCache(OpenFileCache.Settings.OFF);
        OpenFileCache.OpenFile f = cache.open(p, stat(p));
        FileChannel c = f.channel();
        f.close();
        assertFalse(c.isOpen());
        assertEquals(0, cache.size());
    }

    @Test
    void theDirectiveReadsMaxInactiveAndContentAndNamesMistakes() throws Exception {
        assertEquals(new OpenFileCache.Settings(500, 30_000_000_000L, 8192, 2_000_000_000L),
                OpenFileCacheConfig.parse(List.of("max=500", "inactive=30s", "content=8k", "valid=2s")));
        assertEquals(new OpenFileCache.Settings(10, 500_000_000L, 16384, 0),
                OpenFileCacheConfig.parse(List.of("max=10", "inactive=500ms")));
        assertEquals(OpenFileCache.Settings.OFF, OpenFileCacheConfig.parse(List.of("Off")));
        ConfigException e = assertThrows(ConfigException.class, () -> OpenFileCacheConfig.parse(List.of("max=x")));
        assertTrue(e.getMessage().contains("max=x"), e.getMessage());
        assertThrows(ConfigException.class, () -> OpenFileCacheConfig.parse(List.of("inactive=5s")));
        assertThrows(ConfigException.class, () -> OpenFileCacheConfig.parse(List.of("max=5", "fresh=1s")));
    }
}
