package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pipelined requests (RFC 9112 §9.3): requests written back to back, before any response was
 * read, are answered one by one in the order sent, each with its own body, however the bytes are
 * cut into TCP writes; a request body the handler never reads is drained, so the next request
 * still starts where it should.
 */
@Timeout(60)
class PipeliningTest {

    private static TestServer server;
    private static final String BIG = "0123456789abcdef".repeat(4096);

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("<Location /echo>\n  SetHandler echo\n</Location>\n");
        server.file("a.txt", "file a\n");
        server.file("b.html", "<b>file b</b>\n");
        server.file("big.txt", BIG);
        server.file("sub/c.json", "{\"c\": true}\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** One request of a pipeline and what its response must be. */
    private record Exchange(String request, boolean head, int status, String body, String contentType) {
    }

    private static List<Exchange> tenRequests() {
        String h = "Host: localhost\r\n";
        List<Exchange> x = new ArrayList<>();
        x.add(new Exchange("GET /a.txt HTTP/1.1\r\n" + h + "\r\n", false, 200, "file a\n", "text/plain"));
        x.add(new Exchange("GET /b.html HTTP/1.1\r\n" + h + "\r\n", false, 200, "<b>file b</b>\n", "text/html"));
        x.add(new Exchange("HEAD /big.txt HTTP/1.1\r\n" + h + "\r\n", true, 200, "", "text/plain"));
        x.add(new Exchange("POST /echo HTTP/1.1\r\n" + h + "Content-Type: text/x-one\r\nContent-Length: 17\r\n\r\n"
                + "GET /a.txt HTTP/1", false, 200, "GET /a.txt HTTP/1", "text/x-one"));
        x.add(new Exchange("GET /sub/c.json HTTP/1.1\r\n" + h + "\r\n", false, 200, "{\"c\": true}\n", "application/json"));
        x.add(new Exchange("GET /missing HTTP/1.1\r\n" + h + "\r\n", false, 404, null, "text/html; charset=iso-8859-1"));
        x.add(new Exchange("POST /echo HTTP/1.1\r\n" + h + "Content-Type: text/x-two\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n10\r\n0123456789ABCDEF\r\n0\r\n\r\n", false, 200, "abc0123456789ABCDEF", "text/x-two"));
        // a body the static handler does not want is read and dropped, not taken for the next request
        x.add(new Exchange("POST /a.txt HTTP/1.1\r\n" + h + "Content-Length: 33\r\n\r\n"
                + "GET /b.html HTTP/1.1\r\nHost: x\r\n\r\n", false, 200, "file a\n", "text/plain"));
        x.add(new Exchange("GET /big.txt HTTP/1.1\r\n" + h + "\r\n", false, 200, BIG, "text/plain"));
        x.add(new Exchange("GET /b.html HTTP/1.1\r\n" + h + "Connection: close\r\n\r\n", false, 200,
                "<b>file b</b>\n", "text/html"));
        return x;
    }

    private static byte[] concat(List<Exchange> x) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Exchange e : x) {
            out.writeBytes(e.request().getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    private static void readAll(RawHttp c, List<Exchange> x) throws Exception {
        for (int i = 0; i < x.size(); i++) {
            Exchange e = x.get(i);
            RawHttp.Response r = c.read(e.head());
            String what = "response " + (i + 1) + " to " + e.request().lines().findFirst().orElse("");
            assertEquals(e.status(), r.status, what);
            assertEquals(e.contentType(), r.header("Content-Type"), what);
            if (e.body() != null) {
                assertEquals(e.body(), r.bodyText(), what);
            }
            if (e.head()) {
                assertEquals(String.valueOf(BIG.length()), r.header("Content-Length"), what);
            }
            assertEquals(i == x.size() - 1 ? "close" : null, r.header("Connection"), what);
        }
        assertEquals(0, c.readUntilClosed(3000).length, "nothing after the last response");
    }

    @Test
    void tenRequestsInOneWriteAreAnsweredInOrder() throws Exception {
        List<Exchange> x = tenRequests();
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(concat(x));
            readAll(c, x);
        }
    }

    @Test
    void theSamePipelineCutIntoSmallWritesAnywhere() throws Exception {
        List<Exchange> x = tenRequests();
        byte[] all = concat(x);
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            try (RawHttp c = new RawHttp(server.port)) {
                int at = 0;
                while (at < all.length) {
                    int n = Math.min(all.length - at, 1 + random.nextInt(round == 0 ? 2 : 700));
                    c.send(Arrays.copyOfRange(all, at, at + n));
                    at += n;
                }
                readAll(c, x);
            }
        }
    }

    @Test
    void aPipelineIsAnsweredWhileTheClientIsStillWriting() throws Exception {
        // The client reads each response before it finishes writing the pipeline: the server must
        // answer what it has, and not wait for the whole pipeline (or for the socket to close).
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\nGET /b.html HTTP/1.1\r\nHo");
            assertEquals("file a\n", c.read().bodyText());
            c.send("st: localhost\r\n\r\nPOST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 6\r\n\r\nabc");
            assertEquals("<b>file b</b>\n", c.read().bodyText());
            RawHttp.Response echo = c.readHeadOnly();
            assertEquals(200, echo.status);
            c.send("def");
            byte[] body = new byte[6];
            // the echo streams: the first half may already have arrived before the second was sent
            assertEquals(6, readFully(c, body));
            assertArrayEquals("abcdef".getBytes(StandardCharsets.US_ASCII), body);
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Response last = c.read();
            assertEquals("file a\n", last.bodyText());
            assertNull(last.header("Connection"));
            assertFalse(c.isClosedByServer(200));
        }
    }

    private static int readFully(RawHttp c, byte[] into) throws Exception {
        return c.readBytes(into);
    }
}
