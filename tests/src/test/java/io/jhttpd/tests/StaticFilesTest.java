package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Static files through the default handler, mod_mime's types and mod_dir: content types from
 * {@code TypesConfig} and {@code AddType}, validators ({@code Last-Modified}, Apache's
 * {@code ETag}), HEAD, conditional requests, {@code DirectoryIndex}, {@code DirectorySlash}'s
 * redirect (built as Apache builds it under {@code UseCanonicalName Off}), 403 and 404, and a large
 * file sent zero-copy. Statuses, headers and pages were compared with Apache 2.4.71 serving the
 * same tree.
 */
class StaticFilesTest {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** A fixed modification time, long enough ago for strong validators. */
    private static final Instant MTIME = Instant.parse("2024-01-02T03:04:05.123456Z");
    private static final int BIG = 5 * 1024 * 1024 + 17;

    private static TestServer server;
    private static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-static");
        Path h = root.resolve("htdocs");
        Files.createDirectories(h);
        write(h, "page.html", "<p>page</p>\n");
        write(h, "notes.txt", "notes\n");
        write(h, "style.css", "p{}\n");
        write(h, "data.json", "{}\n");
        write(h, "upper.PNG", "png");
        write(h, "archive.html.txt", "two extensions\n");
        write(h, "noext", "no extension\n");
        write(h, "file.unknownext", "unknown extension\n");
        write(h, "special/x.txt", "special\n");
        write(h, "special/x.jh", "added type\n");
        write(h, "a b.txt", "space\n");
        write(h, "dir/index.html", "<h1>index</h1>\n");
        write(h, "dir/other.txt", "other\n");
        write(h, "noindex/file.txt", "x\n");
        write(h, "custom/home.txt", "home\n");
        write(h, "disabled/index.html", "never\n");
        write(h, "noslash/index.html", "noslash\n");
        write(h, "sp ace/index.html", "space dir\n");
        write(h, "empty.txt", "");
        big = new byte[BIG];
        new Random(42).nextBytes(big);
        Files.write(h.resolve("big.bin"), big);
        try (var files = Files.walk(h)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.setLastModifiedTime(p, FileTime.from(MTIME));
            }
        }
        server = TestServer.start(root, String.join("\n",
                "AddType text/x-jhttpd .jh",
                "<Directory \"" + h.resolve("special") + "\">",
                "  AddType text/x-special .txt",
                "</Directory>",
                "<Directory \"" + h.resolve("custom") + "\">",
                "  DirectoryIndex missing.html home.txt",
                "</Directory>",
                "<Directory \"" + h.resolve("disabled") + "\">",
                "  DirectoryIndex disabled",
                "</Directory>",
                "<Directory \"" + h.resolve("noslash") + "\">",
                "  DirectorySlash Off",
                "</Directory>"));
    }

    private static void write(Path htdocs, String name, String content) throws Exception {
        Path p = htdocs.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Apache's ETag under the default {@code FileETag MTime Size}: size and mtime in µs, in hex. */
    private static String etag(long size, Instant mtime) {
        long micros = TimeUnit.SECONDS.toMicros(mtime.getEpochSecond()) + mtime.getNano() / 1000;
        return "\"" + Long.toHexString(size) + "-" + Long.toHexString(micros) + "\"";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/page.html, text/html",
        "/notes.txt, text/plain",
        "/style.css, text/css",
        "/data.json, application/json",
        "/upper.PNG, image/png",
        "/archive.html.txt, text/plain",
        "/special/x.jh, text/x-jhttpd",
        "/special/x.txt, text/x-special",
        "/a%20b.txt, text/plain",
    })
    void contentTypeFromTheFileName(String path, String type) throws Exception {
        RawHttp.Response r = server.get(path);
        assertEquals(200, r.status, path);
        assertEquals(type, r.header("Content-Type"));
    }

    @Test
    void unknownTypeSendsNoContentType() throws Exception {
        // 2.4 has no DefaultType: nothing known, no header
        for (String path : new String[] {"/noext", "/file.unknownext"}) {
            RawHttp.Response r = server.get(path);
            assertEquals(200, r.status, path);
            assertNull(r.header("Content-Type"), path);
        }
    }

    @Test
    void getSendsTheFileWithItsValidators() throws Exception {
        RawHttp.Response r = server.get("/page.html");
        assertEquals("HTTP/1.1 200 OK", r.statusLine);
        assertEquals("<p>page</p>\n", r.bodyText());
        assertEquals("12", r.header("Content-Length"));
        assertEquals("Tue, 02 Jan 2024 03:04:05 GMT", r.header("Last-Modified"));
        assertEquals(etag(12, MTIME), r.header("ETag"));
        assertNull(r.header("Transfer-Encoding"));
        assertTrue(r.header("Date") != null);
    }

    @Test
    void emptyFile() throws Exception {
        RawHttp.Response r = server.get("/empty.txt");
        assertEquals(200, r.status);
        assertEquals("0", r.header("Content-Length"));
        assertEquals(0, r.body.length);
    }

    @Test
    void headSendsTheHeadersAndNoBody() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("HEAD /page.html HTTP/1.1\r\nHost: localhost\r\n\r\nGET /notes.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            RawHttp.Response head = c.read(true);
            assertEquals(200, head.status);
            assertEquals("12", head.header("Content-Length"));
            assertEquals("text/html", head.header("Content-Type"));
            assertEquals(etag(12, MTIME), head.header("ETag"));
            assertEquals("Tue, 02 Jan 2024 03:04:05 GMT", head.header("Last-Modified"));
            // the next response starts right after the HEAD response's head: no body was sent
            RawHttp.Response next = c.read();
            assertEquals(200, next.status);
            assertEquals("notes\n", next.bodyText());
        }
    }

    @Test
    void ifNoneMatch() throws Exception {
        String tag = etag(12, MTIME);
        RawHttp.Response r = server.get("/page.html", "If-None-Match: " + tag);
        assertEquals("HTTP/1.1 304 Not Modified", r.statusLine);
        assertEquals(0, r.body.length);
        assertEquals(tag, r.header("ETag"));
        assertEquals("Tue, 02 Jan 2024 03:04:05 GMT", r.header("Last-Modified"));
        assertNull(r.header("Content-Type"));
        assertEquals(304, server.get("/page.html", "If-None-Match: \"x\", W/" + tag).status, "weak comparison");
        assertEquals(304, server.get("/page.html", "If-None-Match: *").status);
        assertEquals(200, server.get("/page.html", "If-None-Match: \"12-0\"").status);
        assertEquals(304, server.request("HEAD", "/page.html", "If-None-Match: " + tag).status);
    }

    @Test
    void ifModifiedSince() throws Exception {
        assertEquals(304, server.get("/page.html", "If-Modified-Since: Tue, 02 Jan 2024 03:04:05 GMT").status);
        assertEquals(304, server.get("/page.html", "If-Modified-Since: " + HTTP_DATE.format(Instant.now().minusSeconds(5))).status);
        assertEquals(200, server.get("/page.html", "If-Modified-Since: Tue, 02 Jan 2024 03:04:04 GMT").status);
        // a date after the request time does not count (Apache's rule)
        assertEquals(200, server.get("/page.html", "If-Modified-Since: " + HTTP_DATE.format(Instant.now().plusSeconds(3600))).status);
        assertEquals(200, server.get("/page.html", "If-Modified-Since: yesterday").status);
        // If-None-Match that does not match wins over a matching If-Modified-Since
        assertEquals(200, server.get("/page.html", "If-None-Match: \"other\"",
                "If-Modified-Since: Tue, 02 Jan 2024 03:04:05 GMT").status);
    }

    @Test
    void fileChangedJustNowHasAWeakETag() throws Exception {
        Path p = server.file("fresh.txt", "fresh\n");
        // half a second ahead: still "within a second of the request" however slow this machine is
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().plusMillis(500)));
        RawHttp.Response r = server.get("/fresh.txt");
        assertEquals(200, r.status);
        assertEquals("W/" + etag(6, Files.getLastModifiedTime(p).toInstant()), r.header("ETag"));
    }

    @Test
    void directoryIndex() throws Exception {
        RawHttp.Response r = server.get("/dir/");
        assertEquals(200, r.status);
        assertEquals("<h1>index</h1>\n", r.bodyText());
        assertEquals("text/html", r.header("Content-Type"));
        assertEquals(etag(15, MTIME), r.header("ETag"));
        RawHttp.Response custom = server.get("/custom/");
        assertEquals(200, custom.status);
        assertEquals("home\n", custom.bodyText());
        assertEquals("text/plain", custom.header("Content-Type"));
        assertEquals(200, server.get("/dir/?x=1").status);
    }

    @Test
    void directorySlashRedirects() throws Exception {
        RawHttp.Response r = server.get("/dir");
        assertEquals("HTTP/1.1 301 Moved Permanently", r.statusLine);
        String location = "http://localhost:" + server.port + "/dir/";
        assertEquals(location, r.header("Location"));
        assertEquals("text/html; charset=iso-8859-1", r.header("Content-Type"));
        assertEquals("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n"
                + "<html><head>\n"
                + "<title>301 Moved Permanently</title>\n"
                + "</head><body>\n"
                + "<h1>Moved Permanently</h1>\n"
                + "<p>The document has moved <a href=\"" + location + "\">here</a>.</p>\n"
                + "</body></html>\n", r.bodyText());
    }

    @Test
    void directorySlashBuildsTheUrlAsApacheDoes() throws Exception {
        // UseCanonicalName Off: the Host the client sent, its port or none (80); the query kept
        assertEquals("http://localhost/dir/", server.get("/dir", "Host: localhost").header("Location"));
        assertEquals("http://www.example.org:8080/dir/?a=b",
                server.get("/dir?a=b", "Host: www.example.org:8080").header("Location"));
        assertEquals("http://localhost:" + server.port + "/sp%20ace/?q=1", server.get("/sp%20ace?q=1").header("Location"));
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /dir HTTP/1.0\r\n\r\n");
            assertEquals("http://localhost/dir/", c.read().header("Location"), "no Host: the ServerName");
        }
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET http://other.example:81/dir HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertEquals("http://other.example:81/dir/", c.read().header("Location"), "absolute form: its authority");
        }
    }

    @Test
    void directorySlashOff() throws Exception {
        assertEquals(403, server.get("/noslash").status);
        assertEquals("noslash\n", server.get("/noslash/").bodyText());
    }

    @Test
    void directoryWithoutIndexIsForbidden() throws Exception {
        RawHttp.Response r = server.get("/noindex/");
        assertEquals(403, r.status);
        assertEquals(SectionMergeTest.FORBIDDEN_PAGE, r.bodyText());
        assertEquals(403, server.get("/disabled/").status, "DirectoryIndex disabled");
    }

    @Test
    void missingFile() throws Exception {
        RawHttp.Response r = server.get("/nope.html");
        assertEquals(404, r.status);
        assertEquals(ErrorDocumentTest.NOT_FOUND_PAGE, r.bodyText());
        assertEquals(404, server.get("/dir/nope/").status);
        assertEquals(404, server.get("/page.html/extra").status);
    }

    @Test
    void options() throws Exception {
        RawHttp.Response r = server.request("OPTIONS", "/page.html");
        assertEquals(200, r.status);
        assertEquals(Set.of("GET", "POST", "OPTIONS", "HEAD", "TRACE"), Set.of(r.header("Allow").split(",")));
        assertEquals("0", r.header("Content-Length"));
    }

    @Test
    void largeFileArrivesIntact() throws Exception {
        // read straight off the socket: every byte, then the server's end of the connection
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream(BIG + 1024);
            in.transferTo(all);
            byte[] bytes = all.toByteArray();
            int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(end > 0, "no end of head");
            String head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
            assertTrue(head.contains("\r\nContent-Length: " + BIG + "\r\n"), head);
            byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
            assertEquals(BIG, body.length);
            assertArrayEquals(sha256(big), sha256(body));
        }
        RawHttp.Response head = server.request("HEAD", "/big.bin");
        assertEquals(Integer.toString(BIG), head.header("Content-Length"));
    }

    @Test
    void largeFileTwiceOnOneConnection() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\nGET /big.bin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertArrayEquals(sha256(big), sha256(c.read().body));
            assertArrayEquals(sha256(big), sha256(c.read().body));
        }
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
