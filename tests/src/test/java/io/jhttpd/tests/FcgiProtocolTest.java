package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The FastCGI client against a hand-written backend: long name-value pairs, padding, record types
 * it does not know, STDERR, connection reuse, and backends that misbehave (garbage, silence,
 * dying mid-response).
 */
class FcgiProtocolTest {

    private static TestServer serve(FakeFcgiBackend backend, String extra) throws Exception {
        TestServer s = TestServer.start("<Location \"/app\">\n  SetHandler \"proxy:fcgi://127.0.0.1:" + backend.port() + "\"\n</Location>\n"
                + extra);
        s.file("target.txt", "target\n");
        return s;
    }

    private static void hello(FakeFcgiBackend.Received r, OutputStream out) throws IOException {
        FakeFcgiBackend.stdout(out, r.requestId(), "Content-Type: text/plain\r\n\r\nhello " + r.params().get("QUERY_STRING").length());
        FakeFcgiBackend.end(out, r.requestId());
    }

    @Test
    void longNameValuePairsPaddingAndUnknownRecordTypes() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            // a record type nobody defined, a management record, odd padding, STDERR between STDOUT records
            FakeFcgiBackend.record(out, 99, r.requestId(), "??".getBytes(StandardCharsets.US_ASCII), 3);
            FakeFcgiBackend.record(out, 10, 0, new byte[0], 0);
            FakeFcgiBackend.record(out, 6, r.requestId(), "Status: 203 Odd\nX-A: 1\n".getBytes(StandardCharsets.US_ASCII), 7);
            FakeFcgiBackend.record(out, 7, r.requestId(), "warning from app\n".getBytes(StandardCharsets.US_ASCII), 255);
            FakeFcgiBackend.record(out, 6, r.requestId(), "\nbody-".getBytes(StandardCharsets.US_ASCII), 1);
            FakeFcgiBackend.record(out, 6, r.requestId(), r.params().get("QUERY_STRING").substring(0, 5).getBytes(StandardCharsets.US_ASCII), 0);
            FakeFcgiBackend.end(out, r.requestId());
        }); TestServer s = serve(backend, "")) {
            String query = "q=" + "x".repeat(3000);
            RawHttp.Response r = s.get("/app?" + query, "X-Long: " + "y".repeat(200));
            assertEquals(203, r.status, r.bodyText());
            assertEquals("1", r.header("X-A"));
            assertEquals("body-q=xxx", r.bodyText());
            FakeFcgiBackend.Received got = backend.received.get(0);
            assertEquals(query, got.params().get("QUERY_STRING"));
            assertEquals("y".repeat(200), got.params().get("HTTP_X_LONG"));
            assertEquals("/app", got.params().get("SCRIPT_NAME"));
            assertFalse(got.keepConnection(), "no FCGI_KEEP_CONN without enablereuse");
        }
    }

    @Test
    void requestBodyArrivesOnStdin() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            FakeFcgiBackend.stdout(out, r.requestId(), "\r\n" + r.stdin().length + " " + r.params().get("CONTENT_LENGTH"));
            FakeFcgiBackend.end(out, r.requestId());
        }); TestServer s = serve(backend, "")) {
            byte[] body = new byte[150_000];
            Arrays.fill(body, (byte) 'z');
            try (RawHttp c = new RawHttp(s.port)) {
                c.send("POST /app HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n");
                c.send(body);
                RawHttp.Response r = c.read();
                assertEquals(200, r.status);
                assertEquals("150000 150000", r.bodyText());
            }
        }
    }

    @Test
    void connectionsAreReusedOnlyWithEnableReuse() throws Exception {
        try (FakeFcgiBackend plain = new FakeFcgiBackend(FcgiProtocolTest::hello); TestServer s = serve(plain, "")) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, s.get("/app?i").status);
            }
            assertEquals(3, plain.connections());
        }
        try (FakeFcgiBackend pooled = new FakeFcgiBackend(FcgiProtocolTest::hello);
             TestServer s = serve(pooled, "ProxySet \"fcgi://127.0.0.1:" + pooled.port() + "/\" enablereuse=on\n")) {
            for (int i = 0; i < 5; i++) {
                RawHttp.Response r = s.get("/app?i");
                assertEquals(200, r.status);
                assertEquals("hello 1", r.bodyText());
            }
            assertTrue(pooled.received.stream().allMatch(FakeFcgiBackend.Received::keepConnection));
            // one connection for the requests (plus at most one for the GET_VALUES probe)
            assertTrue(pooled.connections() <= 2, "connections: " + pooled.connections());
        }
    }

    @Test
    void garbageFromTheBackendIs502() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> out.write("HTTP/1.1 200 OK\r\n\r\nnot fastcgi".getBytes(StandardCharsets.US_ASCII)));
             TestServer s = serve(backend, "")) {
            assertEquals(502, s.get("/app").status);
        }
    }

    @Test
    void malformedHeaderBlockIs502() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            FakeFcgiBackend.stdout(out, r.requestId(), "this is no header\r\n\r\nbody");
            FakeFcgiBackend.end(out, r.requestId());
        }); TestServer s = serve(backend, "")) {
            assertEquals(502, s.get("/app").status);
        }
    }

    @Test
    void backendClosingBeforeTheHeadIs502() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            FakeFcgiBackend.stdout(out, r.requestId(), "Content-Type: text/plain\r\n");
            throw new IOException("closing on purpose");
        }); TestServer s = serve(backend, "")) {
            assertEquals(502, s.get("/app").status);
        }
    }

    @Test
    void backendDyingAfterTheHeadIs502WhileNothingWasSent() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            FakeFcgiBackend.stdout(out, r.requestId(), "Content-Type: text/plain\r\nX-Never: 1\r\n\r\n");
            out.flush();
            throw new IOException("dying on purpose");
        }); TestServer s = serve(backend, "")) {
            RawHttp.Response r = s.get("/app");
            assertEquals(502, r.status);
            assertEquals(null, r.header("X-Never"));
        }
    }

    @Test
    void backendDyingMidBodyAbortsTheClientConnection() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            for (int i = 0; i < 8; i++) {
                FakeFcgiBackend.stdout(out, r.requestId(), (i == 0 ? "Content-Type: text/plain\r\n\r\n" : "") + "a".repeat(60_000));
            }
            out.flush();
            throw new IOException("dying on purpose");
        }); TestServer s = serve(backend, "")) {
            try (RawHttp c = new RawHttp(s.port)) {
                c.send("GET /app HTTP/1.1\r\nHost: localhost\r\n\r\n");
                byte[] all = c.readUntilClosed(10_000);
                String text = new String(all, StandardCharsets.ISO_8859_1);
                assertTrue(text.startsWith("HTTP/1.1 200"), text);
                assertFalse(text.endsWith("0\r\n\r\n"), "a cut response must not end like a complete chunked body");
            }
        }
    }

    @Test
    void silentBackendTimesOutWith504() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }); TestServer s = serve(backend, "ProxySet \"fcgi://127.0.0.1:" + backend.port() + "\" timeout=1\n")) {
            assertEquals(504, s.get("/app").status);
        }
    }

    @Test
    void localLocationIsAnInternalRedirect() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) -> {
            FakeFcgiBackend.stdout(out, r.requestId(), "Location: /target.txt\r\n\r\nignored");
            FakeFcgiBackend.end(out, r.requestId());
        }); TestServer s = serve(backend, "")) {
            RawHttp.Response r = s.get("/app");
            assertEquals(200, r.status);
            assertEquals("target\n", r.bodyText());
        }
    }

    @Test
    void overloadedBackendIs503() throws Exception {
        try (FakeFcgiBackend backend = new FakeFcgiBackend((r, out) ->
                FakeFcgiBackend.record(out, 3, r.requestId(), new byte[] {0, 0, 0, 0, 2, 0, 0, 0}, 0));
             TestServer s = serve(backend, "")) {
            assertEquals(503, s.get("/app").status);
        }
    }

    @Test
    void unixSocketUrlWithoutBackendIs503AndBadConfigNamesTheLine() throws Exception {
        try (TestServer s = TestServer.start("<Location \"/gone\">\n  SetHandler \"proxy:unix:/nonexistent/php.sock|fcgi://localhost/\"\n</Location>\n")) {
            assertEquals(503, s.get("/gone").status);
        }
        java.nio.file.Path root = Files.createTempDirectory("jhttpd-badfcgi");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> TestServer.start(root, "ProxyPassMatch \"^/(.*)$\" \"fcgi://127.0.0.1:99999/$1\"\n").close());
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("httpd.conf") && message.contains("99999"), message);
    }
}
