package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Byte ranges end to end, without Apache at hand: each expectation is what Apache 2.4.71 answered
 * for the same file and header (ApacheDifferentialTest checks the wider table against a live Apache).
 */
class RangeRequestTest {

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz\n";
    private static TestServer server;
    private static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-ranges");
        server = TestServer.start(root, """
                <Directory "%1$s/htdocs/nosendfile">
                  EnableSendfile Off
                </Directory>
                <Directory "%1$s/htdocs/noranges">
                  MaxRanges none
                </Directory>
                """.formatted(root));
        Path a = server.file("a.txt", ALPHABET);
        server.file("noranges/a.txt", ALPHABET);
        big = new byte[3 * 1024 * 1024 + 5];
        new Random(3).nextBytes(big);
        Files.write(server.htdocs.resolve("big.bin"), big);
        Files.createDirectories(server.htdocs.resolve("nosendfile"));
        Files.write(server.htdocs.resolve("nosendfile/big.bin"), big);
        try (var files = Files.walk(server.htdocs)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
            }
        }
        assertTrue(Files.exists(a));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void oneRange() throws Exception {
        RawHttp.Response r = server.get("/a.txt", "Range: bytes=1-2");
        assertEquals(206, r.status);
        assertEquals("bytes 1-2/37", r.header("Content-Range"));
        assertEquals("2", r.header("Content-Length"));
        assertEquals("bytes", r.header("Accept-Ranges"));
        assertEquals("12", r.bodyText());
    }

    @Test
    void severalRangesAsMultipartByteranges() throws Exception {
        RawHttp.Response r = server.get("/a.txt", "Range: bytes=0-3,10-12");
        assertEquals(206, r.status);
        String type = r.header("Content-Type");
        assertTrue(type.matches("multipart/byteranges; boundary=[0-9a-f]{1,16}"), type);
        String b = type.substring(type.indexOf('=') + 1);
        // Apache 2.4.71, byte for byte (191 bytes), its boundary replaced by ours
        String expected = "\r\n--" + b + "\r\nContent-type: text/plain\r\nContent-range: bytes 0-3/37\r\n\r\n0123"
                + "\r\n--" + b + "\r\nContent-type: text/plain\r\nContent-range: bytes 10-12/37\r\n\r\nabc"
                + "\r\n--" + b + "--\r\n";
        assertEquals(expected, r.bodyText());
        assertEquals(Integer.toString(191 - 3 * (16 - b.length())), r.header("Content-Length"));
        assertNull(r.header("Content-Range"));
    }

    @Test
    void unsatisfiableIs416WithTheLength() throws Exception {
        RawHttp.Response r = server.get("/a.txt", "Range: bytes=100-");
        assertEquals(416, r.status);
        assertEquals("bytes */37", r.header("Content-Range"), "Apache 2.4.71 omits it; RFC 9110 and the issue ask for it");
    }

    @Test
    void theApacheKillerGetsTheFileOnceNotAThousandTimes() throws Exception {
        String ranges = IntStream.range(0, 1300).mapToObj(i -> "0-" + (i + 10)).collect(Collectors.joining(","));
        RawHttp.Response r = server.get("/big.bin", "Range: bytes=" + ranges);
        assertEquals(200, r.status);
        assertEquals(Integer.toString(big.length), r.header("Content-Length"));
        assertArrayEquals(big, r.body);
    }

    @Test
    void ifRangeWithTheCurrentEtagOrDateGivesTheRangeOtherwiseTheWholeFile() throws Exception {
        String etag = server.request("HEAD", "/a.txt").header("ETag");
        assertEquals(206, server.get("/a.txt", "Range: bytes=1-2", "If-Range: " + etag).status);
        assertEquals(206, server.get("/a.txt", "Range: bytes=1-2", "If-Range: Tue, 02 Jan 2024 03:04:05 GMT").status);
        assertEquals(200, server.get("/a.txt", "Range: bytes=1-2", "If-Range: \"other\"").status);
        assertEquals(200, server.get("/a.txt", "Range: bytes=1-2", "If-Range: W/" + etag).status);
        assertEquals(200, server.get("/a.txt", "Range: bytes=1-2", "If-Range: Tue, 02 Jan 2024 03:04:06 GMT").status);
    }

    @Test
    void largeRangesZeroCopyOrReadAreTheFilesBytes() throws Exception {
        for (String path : new String[] {"/big.bin", "/nosendfile/big.bin"}) {
            RawHttp.Response one = server.get(path, "Range: bytes=1000-2000999");
            assertEquals(206, one.status, path);
            assertArrayEquals(Arrays.copyOfRange(big, 1000, 2001000), one.body, path);
            RawHttp.Response tail = server.get(path, "Range: bytes=-70000,5-9");
            assertEquals(206, tail.status);
            String text = new String(tail.body, StandardCharsets.ISO_8859_1);
            assertTrue(text.contains("Content-range: bytes " + (big.length - 70000) + "-" + (big.length - 1) + "/" + big.length), path);
            RawHttp.Response whole = server.get(path);
            assertArrayEquals(big, whole.body, path);
        }
    }

    @Test
    void maxRangesNoneTurnsRangesOff() throws Exception {
        RawHttp.Response r = server.get("/noranges/a.txt", "Range: bytes=1-2");
        assertEquals(200, r.status);
        assertEquals("none", r.header("Accept-Ranges"));
        assertEquals(ALPHABET, r.bodyText());
    }

    @Test
    void rangesOnOneKeepAliveConnection() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            for (int i = 0; i < 3; i++) {
                c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\nRange: bytes=" + i + "-" + (i + 1) + ",20-21\r\n\r\n");
                RawHttp.Response r = c.read();
                assertEquals(206, r.status);
                assertTrue(r.bodyText().contains("Content-range: bytes " + i + "-" + (i + 1) + "/37\r\n\r\n" + ALPHABET.substring(i, i + 2)));
            }
        }
    }
}
