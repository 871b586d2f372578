package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HEAD (RFC 9110 §9.3.2): the same header fields as the GET would have, Content-Length included,
 * and not one byte of body, so that a persistent connection stays in step: the next response
 * starts exactly where the HEAD response's head ends.
 */
@Timeout(60)
class HeadTest {

    private static TestServer server;
    private static final String BIG = "head test line\n".repeat(7000);

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("<Location /headers>\n  SetHandler echo-headers\n</Location>\n"
                + "<Location /split>\n  SetHandler split\n</Location>\n");
        server.file("empty.txt", "");
        server.file("small.html", "<p>small</p>\n");
        server.file("big.txt", BIG);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String request(String method, String path, String extra) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
    }

    @Test
    void headHasTheHeadersOfGetAndNoBody() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            for (String path : new String[] {"/empty.txt", "/small.html", "/big.txt"}) {
                c.send(request("GET", path, ""));
                RawHttp.Response get = c.read();
                assertEquals(200, get.status);
                c.send(request("HEAD", path, ""));
                RawHttp.Response head = c.read(true);
                assertEquals(200, head.status, path);
                assertNotNull(get.header("Content-Length"), path);
                for (String field : new String[] {"Content-Length", "Content-Type", "ETag", "Last-Modified"}) {
                    assertEquals(get.header(field), head.header(field), path + ": " + field);
                }
                assertNull(head.header("Transfer-Encoding"), path);
            }
            // had any HEAD response carried body bytes, this response would not parse
            c.send(request("GET", "/small.html", ""));
            assertEquals("<p>small</p>\n", c.read().bodyText());
        }
    }

    @Test
    void headIsFollowedByNothingBeforeTheClose() throws Exception {
        for (String path : new String[] {"/big.txt", "/missing", "/headers"}) {
            try (RawHttp c = new RawHttp(server.port)) {
                c.send(request("HEAD", path, "Connection: close\r\n"));
                RawHttp.Response head = c.read(true);
                assertEquals(path.equals("/missing") ? 404 : 200, head.status, path);
                assertEquals(0, c.readUntilClosed(3000).length, path + ": no body bytes after a HEAD response");
            }
        }
    }

    @Test
    void headOfAGeneratedResponseCarriesItsLength() throws Exception {
        // the handler writes a body for HEAD too; the server measures it, then drops it
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(request("GET", "/headers", "X-Probe: 1\r\n"));
            RawHttp.Response get = c.read();
            c.send(request("HEAD", "/headers", "X-Probe: 1\r\n"));
            RawHttp.Response head = c.read(true);
            assertEquals(200, head.status);
            assertEquals(String.valueOf(get.body.length), head.header("Content-Length"));
            assertEquals(get.header("Content-Type"), head.header("Content-Type"));
            c.send(request("GET", "/small.html", ""));
            assertEquals("<p>small</p>\n", c.read().bodyText());
        }
    }

    @Test
    void headOfAStreamedResponseIsNeitherChunkedNorClosing() throws Exception {
        // the GET answer goes out chunked (the handler flushes before the end); the HEAD answer
        // has no body to frame: no Transfer-Encoding, and the connection goes on (Apache alike)
        String split = "X-Split: 2,F,3\r\nContent-Length: 8\r\n";
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /split HTTP/1.1\r\nHost: localhost\r\n" + split + "\r\nabcdefgh");
            RawHttp.Response get = c.read();
            assertEquals("chunked", get.header("Transfer-Encoding"));
            assertEquals("abcdefgh", get.bodyText());
            c.send("HEAD /split HTTP/1.1\r\nHost: localhost\r\n" + split + "\r\nabcdefgh");
            RawHttp.Response head = c.read(true);
            assertEquals(200, head.status);
            assertNull(head.header("Transfer-Encoding"));
            assertNull(head.header("Connection"));
            c.send(request("GET", "/small.html", ""));
            assertEquals("<p>small</p>\n", c.read().bodyText());
        }
    }

    @Test
    void pipelinedHeadsStayInStep() throws Exception {
        String[] paths = {"/big.txt", "/missing", "/small.html", "/empty.txt", "/headers", "/big.txt"};
        StringBuilder pipeline = new StringBuilder();
        for (String p : paths) {
            pipeline.append(request("HEAD", p, ""));
        }
        pipeline.append(request("GET", "/big.txt", "Connection: close\r\n"));
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(pipeline.toString());
            for (String p : paths) {
                RawHttp.Response r = c.read(true);
                assertEquals(p.equals("/missing") ? 404 : 200, r.status, p);
            }
            RawHttp.Response last = c.read();
            assertEquals(BIG, last.bodyText());
            assertEquals(0, c.readUntilClosed(3000).length);
        }
    }

    @Test
    void headOverHttp10() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("HEAD /big.txt HTTP/1.0\r\n\r\n");
            RawHttp.Response r = c.read(true);
            assertEquals(200, r.status);
            assertEquals(String.valueOf(BIG.length()), r.header("Content-Length"));
            assertEquals("close", r.header("Connection"));
            assertEquals(0, c.readUntilClosed(3000).length);
        }
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("HEAD /big.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawHttp.Response r = c.read(true);
            assertEquals("Keep-Alive", r.header("Connection"));
            c.send("GET /small.html HTTP/1.0\r\n\r\n");
            assertEquals("<p>small</p>\n", c.read().bodyText());
        }
    }
}
