package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhttpd.tests.echo.EchoModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Httpd.stop(true)}, Apache's graceful stop: a request in flight runs to its end and its
 * client gets the whole response; connections idle between requests are closed at once (not after
 * {@code KeepAliveTimeout}); new connections are refused; the server is gone within a bounded time.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GracefulStopTest {

    private static final String CONFIG = String.join("\n",
            "KeepAliveTimeout 30",
            "<Location /slow>",
            "  SetHandler slow",
            "</Location>");

    private static String expectedSlowBody() {
        StringBuilder sb = new StringBuilder("start\n");
        for (int i = 0; i < EchoModule.SLOW_BODY_BYTES; i++) {
            sb.append((char) ('0' + i % 10));
        }
        return sb.append("\nend\n").toString();
    }

    @Test
    void requestInFlightCompletes() throws Exception {
        try (TestServer s = TestServer.start(CONFIG); Socket c = connect(s.port)) {
            c.getOutputStream().write("GET /slow?800 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = c.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            readUntil(in, got, "start\n");
            // the handler is sleeping now: stop from another thread
            long stopAt = System.nanoTime();
            CompletableFuture<Void> stopper = CompletableFuture.runAsync(() -> s.httpd.stop(true));
            stopper.get(5, TimeUnit.SECONDS);
            in.transferTo(got);
            long closedAfter = (System.nanoTime() - stopAt) / 1_000_000;
            // our side ends too (FIN), or the server's lingering close would wait for it
            c.shutdownOutput();
            String response = got.toString(StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response.substring(0, Math.min(200, response.length())));
            int headEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headEnd + 2);
            // the head went out before the stop; the connection ends after the response (read to its end above)
            assertTrue(head.contains("\r\nTransfer-Encoding: chunked\r\n"), head);
            assertEquals(expectedSlowBody(), dechunk(response.substring(headEnd + 4)));
            assertTrue(closedAfter >= 500, "the response ended after " + closedAfter + " ms, before the handler did");
            assertTrue(s.httpd.awaitStop(5_000), "the server did not stop within 5 s of the response");
        }
    }

    @Test
    void newConnectionsAreRefusedOnceStopped() throws Exception {
        try (TestServer s = TestServer.start(CONFIG)) {
            s.file("index.html", "hi\n");
            assertEquals(200, s.get("/index.html").status);
            s.httpd.stop(true);
            assertTrue(s.httpd.awaitStop(5_000), "an idle server stops at once");
            assertRefused(s.port);
        }
    }

    @Test
    void newConnectionsAreRefusedWhileDraining() throws Exception {
        try (TestServer s = TestServer.start(CONFIG); Socket c = connect(s.port)) {
            c.getOutputStream().write("GET /slow?1500 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = c.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            readUntil(in, got, "start\n");
            s.httpd.stop(true);
            // Apache's graceful-stop closes the listeners first; the request in flight goes on
            Thread.sleep(300);
            assertRefused(s.port);
            in.transferTo(got);
            String response = got.toString(StandardCharsets.ISO_8859_1);
            assertEquals(expectedSlowBody(), dechunk(response.substring(response.indexOf("\r\n\r\n") + 4)));
            assertTrue(s.httpd.awaitStop(5_000));
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedPromptly() throws Exception {
        try (TestServer s = TestServer.start(CONFIG); RawHttp idle = new RawHttp(s.port)) {
            s.file("index.html", "hi\n");
            idle.send("GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttp.Response r = idle.read();
            assertEquals(200, r.status);
            assertTrue(r.header("Connection") == null || !r.header("Connection").equalsIgnoreCase("close"), r.toString());
            assertFalse(idle.isClosedByServer(200), "kept alive before the stop");
            long start = System.nanoTime();
            s.httpd.stop(true);
            assertTrue(idle.isClosedByServer(3_000), "the idle connection was not closed by the graceful stop");
            assertTrue(s.httpd.awaitStop(3_000), "the server did not stop");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3_000, "stopping took " + millis + " ms (KeepAliveTimeout is 30 s)");
        }
    }

    @Test
    void idleConnectionIsClosedWhileARequestIsInFlight() throws Exception {
        // the idle one goes at once; the busy one finishes; then the server is gone
        try (TestServer s = TestServer.start(CONFIG); Socket slow = connect(s.port); RawHttp other = new RawHttp(s.port)) {
            s.file("index.html", "hi\n");
            other.send("GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(200, other.read().status);
            slow.getOutputStream().write("GET /slow?800 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            readUntil(slow.getInputStream(), new ByteArrayOutputStream(), "start\n");
            long stopAt = System.nanoTime();
            s.httpd.stop(true);
            assertTrue(other.isClosedByServer(3_000), "the idle connection stays open");
            long millis = (System.nanoTime() - stopAt) / 1_000_000;
            // the slow handler still sleeps for most of its 800 ms: the idle connection did not wait for it
            assertTrue(millis < 600, "the idle connection was closed only after " + millis + " ms");
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            slow.getInputStream().transferTo(rest);
            slow.shutdownOutput();
            assertTrue(rest.toString(StandardCharsets.ISO_8859_1).endsWith("\nend\n\r\n0\r\n\r\n"), "the slow response ended whole");
            assertTrue(s.httpd.awaitStop(5_000));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void assertRefused(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            fail("a new connection was accepted after the graceful stop began");
        } catch (ConnectException expected) {
            // refused
        }
    }

    /** Reads into {@code got} until it contains {@code marker}. */
    private static void readUntil(InputStream in, ByteArrayOutputStream got, String marker) throws IOException {
        byte[] buf = new byte[4096];
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection closed before " + marker.strip() + ": " + got);
            }
            got.write(buf, 0, n);
        }
    }

    /** Decodes a chunked body that ends the connection (no trailers). */
    private static String dechunk(String chunked) throws IOException {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            if (eol < 0) {
                throw new IOException("chunk size line missing at " + at + " of " + chunked.length());
            }
            int size = Integer.parseInt(chunked.substring(at, eol), 16);
            at = eol + 2;
            if (size == 0) {
                if (!chunked.substring(at).equals("\r\n")) {
                    throw new IOException("bytes after the last chunk: " + chunked.substring(at));
                }
                return out.toString();
            }
            out.append(chunked, at, at + size);
            at += size;
            if (!chunked.startsWith("\r\n", at)) {
                throw new IOException("chunk not followed by CRLF");
            }
            at += 2;
        }
    }
}
