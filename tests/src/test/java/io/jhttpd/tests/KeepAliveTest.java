package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Persistent connections as Apache keeps them: HTTP/1.1 is persistent unless a side says
 * {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}; the
 * {@code Keep-Alive} header is sent only to a client that sent the keep-alive token;
 * {@code MaxKeepAliveRequests} bounds how many requests follow the first one; {@code KeepAlive Off}
 * closes after every response. Checked against Apache 2.4.71.
 */
@Timeout(60)
class KeepAliveTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("<Location /echo>\n  SetHandler echo\n</Location>\n"
                + "<Location /split>\n  SetHandler split\n</Location>\n");
        server.file("one.txt", "first file\n");
        server.file("two.html", "<p>second file</p>\n");
        server.file("dir/three.txt", "third ".repeat(1000));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String get(String path, String extra) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
    }

    @Test
    void aHundredRequestsOnOneConnection() throws Exception {
        String[] paths = {"/one.txt", "/two.html", "/dir/three.txt"};
        String[] bodies = {"first file\n", "<p>second file</p>\n", "third ".repeat(1000)};
        try (RawHttp c = new RawHttp(server.port)) {
            for (int i = 0; i < 100; i++) {
                c.send(get(paths[i % 3], ""));
                RawHttp.Response r = c.read();
                assertEquals(200, r.status, "request " + (i + 1));
                assertEquals(bodies[i % 3], r.bodyText(), "request " + (i + 1));
                assertEquals(String.valueOf(bodies[i % 3].length()), r.header("Content-Length"));
                // Apache sends no Connection or Keep-Alive header to an HTTP/1.1 client that did not ask
                assertNull(r.header("Connection"), "request " + (i + 1));
                assertNull(r.header("Keep-Alive"), "request " + (i + 1));
            }
            // still open after the hundredth (MaxKeepAliveRequests 100 allows 100 more after the first)
            assertFalse(c.isClosedByServer(300));
        }
    }

    @Test
    void errorResponsesThatKeepTheConnectionDoNotEndIt() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(get("/missing.txt", ""));
            RawHttp.Response r = c.read();
            assertEquals(404, r.status);
            assertNull(r.header("Connection"));
            c.send(get("/one.txt", ""));
            assertEquals("first file\n", c.read().bodyText());
        }
    }

    @Test
    void connectionCloseFromTheClientIsHonoured() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(get("/one.txt", "Connection: close\r\n"));
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("first file\n", r.bodyText());
            assertEquals("close", r.header("Connection"));
            c.trySend(get("/two.html", ""));
            assertEquals(0, c.readUntilClosed(3000).length, "nothing is answered after Connection: close");
        }
    }

    @Test
    void connectionCloseAmongOtherTokensIsHonoured() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(get("/one.txt", "Connection: TE, Close\r\nTE: trailers\r\n"));
            RawHttp.Response r = c.read();
            assertEquals("close", r.header("Connection"));
            assertEquals(0, c.readUntilClosed(3000).length);
        }
    }

    @Test
    void http10WithoutKeepAliveCloses() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /one.txt HTTP/1.0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals("HTTP/1.1 200 OK", r.statusLine);
            assertEquals("first file\n", r.bodyText());
            assertEquals("close", r.header("Connection"));
            assertEquals(0, c.readUntilClosed(3000).length);
        }
    }

    @Test
    void http10WithKeepAliveStaysOpenAndIsToldTheLimits() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /one.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("Keep-Alive", r.header("Connection"));
            // TestServer has KeepAliveTimeout 2; max counts the requests still allowed after this one
            assertEquals("timeout=2, max=100", r.header("Keep-Alive"));
            c.send("GET /two.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            r = c.read();
            assertEquals("<p>second file</p>\n", r.bodyText());
            assertEquals("timeout=2, max=99", r.header("Keep-Alive"));
            // a 1.0 request without the token ends it
            c.send("GET /one.txt HTTP/1.0\r\n\r\n");
            r = c.read();
            assertEquals("close", r.header("Connection"));
            assertEquals(0, c.readUntilClosed(3000).length);
        }
    }

    @Test
    void http10ResponseOfUnknownLengthEndsWithTheConnection() throws Exception {
        // HTTP/1.0 has no chunked coding: a response whose length is unknown when its head goes out
        // (here the handler flushes early) can only end with the connection, keep-alive or not
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /split HTTP/1.0\r\nConnection: keep-alive\r\nX-Split: 3,F\r\n"
                    + "Content-Length: 10\r\n\r\n0123456789");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertNull(r.header("Content-Length"));
            assertEquals("close", r.header("Connection"));
            assertEquals("0123456789", r.bodyText());
        }
    }

    @Test
    void maxKeepAliveRequestsCountsTheRequestsAfterTheFirst() throws Exception {
        // Apache's ap_set_keepalive: with MaxKeepAliveRequests 5 a connection carries 6 requests;
        // responses to a client that sends the keep-alive token count down max=5 ... max=1, and the
        // 6th response says Connection: close before the server closes.
        try (TestServer s = TestServer.start("MaxKeepAliveRequests 5\n")) {
            s.file("f.txt", "f\n");
            try (RawHttp c = new RawHttp(s.port)) {
                for (int i = 1; i <= 5; i++) {
                    c.send("GET /f.txt HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
                    RawHttp.Response r = c.read();
                    assertEquals(200, r.status);
                    assertEquals("Keep-Alive", r.header("Connection"), "response " + i);
                    assertEquals("timeout=2, max=" + (6 - i), r.header("Keep-Alive"), "response " + i);
                }
                c.send("GET /f.txt HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n");
                RawHttp.Response last = c.read();
                assertEquals(200, last.status);
                assertEquals("f\n", last.bodyText());
                assertEquals("close", last.header("Connection"), "the 6th response");
                assertNull(last.header("Keep-Alive"));
                c.trySend(get("/f.txt", ""));
                assertEquals(0, c.readUntilClosed(3000).length, "no 7th response");
            }
            // pipelined: the same count, the rest of the pipeline is not answered
            try (RawHttp c = new RawHttp(s.port)) {
                c.send(get("/f.txt", "").repeat(8));
                for (int i = 1; i <= 6; i++) {
                    RawHttp.Response r = c.read();
                    assertEquals(200, r.status);
                    assertEquals(i == 6 ? "close" : null, r.header("Connection"), "response " + i);
                }
                assertEquals(0, c.readUntilClosed(3000).length, "requests 7 and 8 are not answered");
            }
        }
    }

    @Test
    void keepAliveOffClosesAfterEveryResponse() throws Exception {
        try (TestServer s = TestServer.start("KeepAlive Off\n")) {
            s.file("f.txt", "f\n");
            try (RawHttp c = new RawHttp(s.port)) {
                c.send(get("/f.txt", "") + get("/f.txt", ""));
                RawHttp.Response r = c.read();
                assertEquals(200, r.status);
                assertEquals("close", r.header("Connection"));
                assertEquals(0, c.readUntilClosed(3000).length);
            }
        }
    }

    @Test
    void javaHttpClientReusesItsConnection() throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create(server.url("/two.html")))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("<p>second file</p>\n", r.body());
            assertEquals("text/html", r.headers().firstValue("Content-Type").orElse(null));
        }
        HttpResponse<String> post = send(client, HttpRequest.newBuilder(URI.create(server.url("/echo")))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("posted through java.net.http")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, post.statusCode());
        assertEquals("posted through java.net.http", post.body());
        HttpResponse<Void> head = send(client, HttpRequest.newBuilder(URI.create(server.url("/dir/three.txt")))
                .timeout(Duration.ofSeconds(10)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals("6000", head.headers().firstValue("Content-Length").orElse(null));
        HttpResponse<String> missing = send(client, HttpRequest.newBuilder(URI.create(server.url("/nope")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("<title>404 Not Found</title>"));
        // and the pooled connection still works after all that
        HttpResponse<String> again = send(client, HttpRequest.newBuilder(URI.create(server.url("/one.txt")))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("first file\n", again.body());
    }

    /** {@code client.send}, bounded in time: a request timeout alone does not end every wait of java.net.http. */
    private static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws Exception {
        return client.sendAsync(request, body).get(15, java.util.concurrent.TimeUnit.SECONDS);
    }
}
