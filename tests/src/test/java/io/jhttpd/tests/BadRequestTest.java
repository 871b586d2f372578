package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input over a real socket: every request the server must refuse gets the status Apache 2.4
 * gives it (checked against Apache 2.4.71 with the same configuration), says
 * {@code Connection: close}, and the server closes the connection right after the response.
 * A request written behind the refused one on the same connection is never answered: whatever
 * the refused request's framing was, nothing after it can be smuggled in.
 *
 * <p>Where jhttpd is deliberately stricter than Apache (the kernel's {@code http} package-info
 * lists why), the case says what Apache does instead.
 */
@Timeout(60)
class BadRequestTest {

    private static final String FOLLOW_UP = "GET /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n";
    private static final String ECHO = "POST /echo HTTP/1.1\r\nHost: localhost\r\n";
    /** A handler that reads the whole body before answering, so a body error comes before any response. */
    private static final String WHOLE = "POST /whole HTTP/1.1\r\nHost: localhost\r\n";

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start("LimitRequestBody 1000\n"
                + "<Location /echo>\n  SetHandler echo\n</Location>\n"
                + "<Location /whole>\n  SetHandler split\n</Location>\n");
        server.file("a.txt", "the follow-up request's file\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static List<Arguments> badRequests() {
        List<Arguments> c = new ArrayList<>();
        // limits of the head
        c.add(Arguments.of("request line over LimitRequestLine", 414,
                "GET /" + "a".repeat(8200) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("101 header fields (LimitRequestFields 100)", 400,
                "GET /a.txt HTTP/1.1\r\nHost: localhost\r\n" + fields(100) + "\r\n"));
        c.add(Arguments.of("header field over LimitRequestFieldSize", 400,
                "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(8200) + "\r\n\r\n"));
        // limits of the body
        c.add(Arguments.of("Content-Length over LimitRequestBody, to a handler that reads", 413,
                ECHO + "Content-Length: 5000\r\n\r\n" + "x".repeat(100)));
        c.add(Arguments.of("Content-Length over LimitRequestBody, to a static file", 413,
                "POST /a.txt HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(100)));
        c.add(Arguments.of("chunked body over LimitRequestBody", 413,
                WHOLE + "Transfer-Encoding: chunked\r\n\r\n7d0\r\n" + "x".repeat(2000) + "\r\n0\r\n\r\n"));
        // transfer codings
        c.add(Arguments.of("a transfer coding other than chunked before chunked (Apache: accepted as is)", 501,
                ECHO + "Transfer-Encoding: gzip, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("final transfer coding not chunked", 400,
                ECHO + "Transfer-Encoding: gzip\r\n\r\n"));
        c.add(Arguments.of("Transfer-Encoding: xchunked", 400,
                ECHO + "Transfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("Transfer-Encoding: chunked, identity", 400,
                ECHO + "Transfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("chunked twice (Apache: accepted)", 400,
                ECHO + "Transfer-Encoding: chunked, chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("Transfer-Encoding in HTTP/1.0 (Apache: used, then closes)", 400,
                "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        // versions
        c.add(Arguments.of("version HTTP/1.x", 400, "GET /a.txt HTTP/1.x\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("version HTTP/1.11", 400, "GET /a.txt HTTP/1.11\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("version http/1.1 in lower case", 400, "GET /a.txt http/1.1\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("version HTTP/2.0 (Apache: served as 1.x)", 505, "GET /a.txt HTTP/2.0\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("HTTP/2 preface (Apache: 400)", 505, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        c.add(Arguments.of("HTTP/0.9 request line (Apache: answers 0.9 style)", 400, "GET /a.txt\r\n\r\n"));
        // request line grammar
        c.add(Arguments.of("two spaces in the request line", 400, "GET  /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("tab in the request line", 400, "GET\t/a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("control character in the target", 400, "GET /a\u0001.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        c.add(Arguments.of("unknown method", 501, "FOO /a.txt HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        // request smuggling shapes
        c.add(Arguments.of("Content-Length with Transfer-Encoding (Apache: drops the length, closes after)", 400,
                ECHO + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("two different Content-Lengths", 400,
                ECHO + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"));
        c.add(Arguments.of("two equal Content-Lengths", 400,
                ECHO + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"));
        c.add(Arguments.of("Content-Length as a list", 400, ECHO + "Content-Length: 5, 5\r\n\r\nhello"));
        c.add(Arguments.of("Content-Length: +5", 400, ECHO + "Content-Length: +5\r\n\r\nhello"));
        c.add(Arguments.of("Content-Length: -1", 400, ECHO + "Content-Length: -1\r\n\r\nhello"));
        c.add(Arguments.of("Content-Length: 5a", 400, ECHO + "Content-Length: 5a\r\n\r\nhello"));
        c.add(Arguments.of("Content-Length beyond 2^63", 400,
                ECHO + "Content-Length: 99999999999999999999999\r\n\r\nhello"));
        c.add(Arguments.of("chunk size 0x10", 400,
                WHOLE + "Transfer-Encoding: chunked\r\n\r\n0x10\r\n0123456789abcdef\r\n0\r\n\r\n"));
        c.add(Arguments.of("chunk size -1", 400, WHOLE + "Transfer-Encoding: chunked\r\n\r\n-1\r\nab\r\n0\r\n\r\n"));
        // Apache answers an overflowing chunk size as "request entity too large"
        c.add(Arguments.of("chunk size ffffffffffffffffff (overflow)", 413,
                WHOLE + "Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nab\r\n0\r\n\r\n"));
        c.add(Arguments.of("chunk size with leading space", 400,
                WHOLE + "Transfer-Encoding: chunked\r\n\r\n 5\r\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("chunk-size line ending in a bare LF", 400,
                WHOLE + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("chunk data not followed by CRLF", 400,
                WHOLE + "Transfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n"));
        c.add(Arguments.of("chunk-size line over LimitRequestFieldSize", 413,
                WHOLE + "Transfer-Encoding: chunked\r\n\r\n5;" + "e".repeat(9000) + "\r\nhello\r\n0\r\n\r\n"));
        c.add(Arguments.of("obs-fold header line (Apache: unfolds it)", 400,
                "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nX-A: one\r\n two\r\n\r\n"));
        c.add(Arguments.of("whitespace before the first header line", 400,
                "GET /a.txt HTTP/1.1\r\n Host: localhost\r\n\r\n"));
        c.add(Arguments.of("bare CR in a header value", 400,
                "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nX-A: o\rne\r\n\r\n"));
        c.add(Arguments.of("bare LF ending a header line", 400,
                "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nX-A: one\n\r\n"));
        c.add(Arguments.of("NUL in a header value", 400,
                "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0000b\r\n\r\n"));
        c.add(Arguments.of("whitespace between field name and colon", 400,
                "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nX-A : one\r\n\r\n"));
        c.add(Arguments.of("Transfer-Encoding with whitespace before the colon", 400,
                ECHO + "Transfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc"));
        c.add(Arguments.of("HTTP/1.1 without Host", 400, "GET /a.txt HTTP/1.1\r\n\r\n"));
        c.add(Arguments.of("two Host headers", 400, "GET /a.txt HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n"));
        c.add(Arguments.of("empty Host", 400, "GET /a.txt HTTP/1.1\r\nHost:\r\n\r\n"));
        c.add(Arguments.of("malformed Host", 400, "GET /a.txt HTTP/1.1\r\nHost: a b\r\n\r\n"));
        return c;
    }

    private static String fields(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("X-F").append(i).append(": v\r\n");
        }
        return sb.toString();
    }

    /** The refused request and the next one arrive in one write, as a smuggling attempt would send them. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void refusedAndClosedWithTheNextRequestInTheSameWrite(String what, int status, String request) throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(request + FOLLOW_UP);
            RawHttp.Response r = c.read();
            assertRefused(status, r);
            assertArrayEquals(new byte[0], c.readUntilClosed(3000), "something was answered after the refusal");
        }
    }

    /** The next request is written only after the refusal arrived. */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badRequests")
    void refusedAndClosedWithTheNextRequestWrittenAfterTheResponse(String what, int status, String request)
            throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(request);
            RawHttp.Response r = c.read();
            assertRefused(status, r);
            c.trySend(FOLLOW_UP);
            assertArrayEquals(new byte[0], c.readUntilClosed(3000), "something was answered after the refusal");
        }
    }

    private static void assertRefused(int status, RawHttp.Response r) {
        assertEquals(status, r.status, r.statusLine);
        assertEquals("close", r.header("Connection"), "the refusal announces the close");
        assertTrue(r.bodyText().contains("<title>" + status + " "), "Apache's canned error page: " + r.bodyText());
    }

    @Test
    void headLimitsAreMeasuredAsApacheMeasuresThem() throws Exception {
        // A request line may be 8191 bytes (LimitRequestLine 8190 + the byte Apache's buffer keeps
        // spare), a field line 8191 bytes, and there may be 100 fields: all answered normally.
        String target = "/a.txt?" + "q".repeat(8191 - "GET /a.txt? HTTP/1.1".length());
        String line = "GET " + target + " HTTP/1.1";
        assertEquals(8191, line.length());
        String field = "X-Big: " + "b".repeat(8191 - "X-Big: ".length());
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(line + "\r\nHost: localhost\r\n\r\n");
            assertEquals(200, c.read().status);
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n" + field + "\r\n\r\n");
            assertEquals(200, c.read().status);
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n" + fields(99) + "\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("the follow-up request's file\n", r.bodyText());
        }
        // one byte more is refused
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET " + target + "q HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertEquals(414, c.read().status);
        }
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /a.txt HTTP/1.1\r\nHost: localhost\r\n" + field + "b\r\n\r\n");
            assertEquals(400, c.read().status);
        }
    }

    @Test
    void aBodyErrorAfterTheResponseStartedCutsTheResponseOff() throws Exception {
        // The echo handler answers while it reads: when the chunked body turns out bad after the
        // first chunk, the 200 is already on the wire. The response must then end without its
        // last chunk, so the client cannot take the truncated echo for a whole one, and the
        // connection closes with nothing answered after it.
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(ECHO + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            RawHttp.Response head = c.readHeadOnly();
            assertEquals(200, head.status);
            c.send("zz\r\nbad\r\n0\r\n\r\n" + FOLLOW_UP);
            byte[] rest = c.readUntilClosed(3000);
            String text = new String(rest, StandardCharsets.ISO_8859_1);
            assertEquals("5\r\nhello\r\n", text, "the echoed chunk, then the close: no last chunk, no second response");
        }
    }
}
