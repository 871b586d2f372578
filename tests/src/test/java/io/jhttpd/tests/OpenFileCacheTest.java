package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * mod-static's {@code OpenFileCache}: files kept between requests, yet a changed, replaced or
 * deleted file is what the next request sees (by default), or what a request sees within
 * {@code valid=}; descriptors held stay within {@code max=}. The server runs in this JVM, so its
 * open descriptors are this process's.
 */
class OpenFileCacheTest {

    @Test
    void byDefaultTheNextRequestSeesAChangedReplacedOrDeletedFile() throws Exception {
        try (TestServer s = TestServer.start("")) {
            Path p = s.file("hot.txt", "one\n");
            Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
            for (int i = 0; i < 3; i++) {
                assertEquals("one\n", s.get("/hot.txt").bodyText());
            }
            Files.writeString(p, "two\n");  // same size
            assertEquals("two\n", s.get("/hot.txt").bodyText());

            Path fresh = s.file("fresh.tmp", "six\n");
            Files.setLastModifiedTime(fresh, Files.getLastModifiedTime(p));
            Files.move(fresh, p, StandardCopyOption.REPLACE_EXISTING);  // same size and time, another inode
            assertEquals("six\n", s.get("/hot.txt").bodyText());

            Files.delete(p);
            assertEquals(404, s.get("/hot.txt").status);
            s.file("hot.txt", "back\n");
            assertEquals("back\n", s.get("/hot.txt").bodyText());
        }
    }

    @Test
    void aLargeCachedFileIsSentWholeAndInRangesToManyRequests() throws Exception {
        try (TestServer s = TestServer.start("OpenFileCache max=10 content=1k")) {
            byte[] big = new byte[300_000];
            new java.util.Random(7).nextBytes(big);
            Files.write(s.htdocs.resolve("big.bin"), big);
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = s.get("/big.bin");
                assertEquals(200, r.status);
                assertTrue(java.util.Arrays.equals(big, r.body));
                RawHttp.Response part = s.get("/big.bin", "Range: bytes=100000-100009");
                assertEquals(206, part.status);
                assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(big, 100000, 100010), part.body));
            }
        }
    }

    @Test
    void withValidTheKernelReusesWhatItSawAndSeesChangesWithinThatTime() throws Exception {
        try (TestServer s = TestServer.start("OpenFileCache max=100 valid=1s")) {
            Path p = s.file("hot.txt", "one\n");
            assertEquals("one\n", s.get("/hot.txt").bodyText());
            Files.writeString(p, "changed\n");
            // seen within valid=1s; the loop is bounded, not timed
            String body = null;
            for (int i = 0; i < 100 && !"changed\n".equals(body); i++) {
                body = s.get("/hot.txt").bodyText();
                Thread.sleep(50);
            }
            assertEquals("changed\n", body);
        }
        try (TestServer s = TestServer.start("OpenFileCache max=100 valid=600s")) {
            Path p = s.file("hot.txt", "one\n");
            assertEquals("one\n", s.get("/hot.txt").bodyText());
            Files.writeString(p, "changed\n");
            assertEquals("one\n", s.get("/hot.txt").bodyText(), "no stat, no open: what was cached is sent");
        }
    }

    @Test
    void concurrentRequestsWhileFilesChangeAlwaysGetOneWholeVersion() throws Exception {
        try (TestServer s = TestServer.start("OpenFileCache max=2 content=4k")) {
            // small (in memory), large (shared descriptor) and a third that keeps evicting them (max=2)
            java.util.Map<String, java.util.Set<String>> versions = new java.util.concurrent.ConcurrentHashMap<>();
            String[] names = {"small.txt", "large.txt", "third.txt"};
            int[] sizes = {100, 50_000, 10_000};
            for (int i = 0; i < names.length; i++) {
                String v = "v0-".repeat(sizes[i] / 3);
                versions.computeIfAbsent(names[i], k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(v);
                s.file(names[i], v);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(5);
            try {
                java.util.List<java.util.concurrent.Future<?>> jobs = new java.util.ArrayList<>();
                jobs.add(pool.submit(() -> {
                    for (int round = 1; round <= 30; round++) {
                        for (int i = 0; i < names.length; i++) {
                            String v = ("v" + round + "-").repeat(sizes[i] / ("v" + round + "-").length());
                            versions.get(names[i]).add(v);
                            Path tmp = s.file(names[i] + ".tmp", v);
                            Files.move(tmp, s.htdocs.resolve(names[i]), StandardCopyOption.REPLACE_EXISTING,
                                    StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                    return null;
                }));
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    jobs.add(pool.submit(() -> {
                        for (int n = 0; n < 60; n++) {
                            String name = names[(n + seed) % names.length];
                            RawHttp.Response r = s.get("/" + name, n % 4 == 0 ? new String[] {"Range: bytes=0-9"} : new String[0]);
                            String body = r.bodyText();
                            if (r.status == 206) {
                                assertEquals(10, body.length());
                            } else {
                                assertEquals(200, r.status);
                                assertTrue(versions.get(name).contains(body), name + ": a torn or unknown body of " + body.length());
                            }
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> f : jobs) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void descriptorsHeldStayWithinMax() throws Exception {
        try (TestServer s = TestServer.start("OpenFileCache max=4 content=0")) {
            for (int i = 0; i < 20; i++) {
                s.file("f" + i + ".txt", "file " + i + "\n");
            }
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 20; i++) {
                    assertEquals("file " + i + "\n", s.get("/f" + i + ".txt").bodyText());
                }
            }
            long open = openDescriptorsUnder(s.htdocs, 4);
            assertTrue(open <= 4, open + " files of htdocs open");
        }
    }

    @Test
    void offOpensAndClosesPerRequest() throws Exception {
        try (TestServer s = TestServer.start("OpenFileCache off")) {
            s.file("a.txt", "a\n");
            for (int i = 0; i < 5; i++) {
                assertEquals("a\n", s.get("/a.txt").bodyText());
            }
            assertEquals(0, openDescriptorsUnder(s.htdocs, 0));
        }
    }

    @Test
    void aBadOpenFileCacheLineNamesTheProblem() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-ofc");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> TestServer.start(root, "OpenFileCache max=lots").close());
        assertTrue(e.getMessage().contains("max=lots"), e.getMessage());
        assertTrue(e.getMessage().contains("httpd.conf:" + (TestServer.BASE_CONFIG_LINES + 1)), e.getMessage());
    }

    /**
     * Files under {@code dir} this JVM holds open, once at most {@code expected} (or after 2 s):
     * the server closes a request's file just after writing the response, so the client may
     * have the whole response a moment before.
     */
    private static long openDescriptorsUnder(Path dir, long expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        long n;
        while ((n = openDescriptorsUnder(dir)) > expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return n;
    }

    private static long openDescriptorsUnder(Path dir) throws IOException {
        Path real = dir.toRealPath();
        long n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(real)) {
                        n++;
                    }
                } catch (IOException e) {
                    // closed while listing
                }
            }
        }
        return n;
    }
}
