package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code KeepAliveTimeout} and {@code Timeout} as a client sees them: an idle persistent connection
 * is closed once the keep-alive timeout passes; a client that stalls inside a request is given up on
 * after {@code Timeout} (408 once Apache would answer one), and nothing waits forever.
 * Checked against Apache 2.4.71 (without mod_reqtimeout) with the same two directives.
 */
@Timeout(60)
class TimeoutTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("Timeout 2\nKeepAliveTimeout 1\n"
                + "<Location /echo>\n  SetHandler echo\n</Location>\n");
        server.file("a.txt", "a\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterKeepAliveTimeout() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals("a\n", c.read().bodyText());
            long t0 = System.nanoTime();
            assertEquals(0, c.readUntilClosed(5000).length, "closed without a word");
            long waited = millisSince(t0);
            assertTrue(waited >= 700 && waited < 3000, "closed after " + waited + " ms; KeepAliveTimeout is 1 s");
        }
    }

    @Test
    void keepAliveTimeoutStartsAgainAfterEachRequest() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            for (int i = 0; i < 3; i++) {
                c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertEquals("a\n", c.read().bodyText());
                Thread.sleep(500);
            }
            // 1.5 s after the first request (KeepAliveTimeout 1), and the connection still serves
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals("a\n", c.read().bodyText());
        }
    }

    @Test
    void halfARequestLineIsGivenUpOnAfterTimeout() throws Exception {
        // Apache closes without a response when the request line never ends (it logs the
        // timeout only); jhttpd answers 408 to any started request. Either way: closed in time.
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /a.txt HT");
            long t0 = System.nanoTime();
            byte[] answer = c.readUntilClosed(6000);
            long waited = millisSince(t0);
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertTrue(answer.length == 0 || text.startsWith("HTTP/1.1 408 Request Timeout\r\n"), text);
            assertTrue(waited >= 1500 && waited < 4500, "gave up after " + waited + " ms; Timeout is 2 s");
        }
    }

    @Test
    void halfAHeaderSectionGets408AfterTimeout() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            long t0 = System.nanoTime();
            RawHttp.Response r = c.read();
            long waited = millisSince(t0);
            assertEquals(408, r.status);
            assertEquals("close", r.header("Connection"));
            assertTrue(r.bodyText().contains("<title>408 Request Timeout</title>"));
            assertTrue(waited >= 1500 && waited < 4500, "answered after " + waited + " ms; Timeout is 2 s");
            assertEquals(0, c.readUntilClosed(3000).length);
        }
    }

    @Test
    void aStalledBodyGets408WhenNothingWasAnsweredYet() throws Exception {
        // the static handler reads (and drops) the body before answering, as Apache's does
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nabc");
            long t0 = System.nanoTime();
            RawHttp.Response r = c.read();
            long waited = millisSince(t0);
            assertEquals(408, r.status);
            assertEquals("close", r.header("Connection"));
            assertTrue(waited >= 1500 && waited < 4500, "answered after " + waited + " ms; Timeout is 2 s");
            assertEquals(0, c.readUntilClosed(3000).length);
        }
    }

    @Test
    void aStalledBodyCutsOffAResponseAlreadyUnderWay() throws Exception {
        // The echo answers while it reads; when the upload stalls, the response cannot be finished:
        // it is cut off (no last chunk), so the client can tell the echo is incomplete.
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nab");
            RawHttp.Response head = c.readHeadOnly();
            assertEquals(200, head.status);
            long t0 = System.nanoTime();
            String rest = new String(c.readUntilClosed(6000), StandardCharsets.ISO_8859_1);
            long waited = millisSince(t0);
            assertTrue(rest.equals("5\r\nhello\r\n2\r\nab\r\n") || rest.equals("5\r\nhello\r\n"), rest);
            assertTrue(waited >= 1500 && waited < 4500, "cut off after " + waited + " ms; Timeout is 2 s");
        }
    }

    @Test
    void aConnectionThatNeverSendsIsClosedWithoutAResponse() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            long t0 = System.nanoTime();
            assertEquals(0, c.readUntilClosed(6000).length, "nothing was asked, nothing is answered");
            long waited = millisSince(t0);
            assertTrue(waited >= 1500 && waited < 4500, "closed after " + waited + " ms; Timeout is 2 s");
        }
    }
}
