package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * mod_deflate with the kernel's filter directives: {@code AddOutputFilterByType}, {@code AddOutputFilter}
 * by extension with {@code RemoveOutputFilter}, {@code SetOutputFilter}, {@code SetInputFilter}; gzip
 * only for clients that accept it (q-values), {@code Vary}, the ETag suffix, small and already-encoded
 * responses left alone, flushes that reach the client, and gzip request bodies with the bomb limits.
 * Every compressed body is checked by decompressing it with the JDK's own gzip reader.
 */
@Timeout(60)
class DeflateTest {

    private static TestServer server;
    private static final String PAGE = "<html><body>" + "<p>compress me, compress me</p>\n".repeat(400) + "</body></html>\n";

    @BeforeAll
    static void start() throws Exception {
        java.nio.file.Path root = java.nio.file.Files.createTempDirectory("jhttpd-deflate");
        server = TestServer.start(root, String.join("\n",
                "AddOutputFilterByType DEFLATE text/html text/plain",
                "<Directory \"${HTDOCS}/byext\">",
                "  AddOutputFilter DEFLATE .data",
                "</Directory>",
                "<Directory \"${HTDOCS}/byext/plain\">",
                "  RemoveOutputFilter .data",
                "</Directory>",
                "<Location /slow>",
                "  SetHandler slow",
                "  SetOutputFilter DEFLATE",
                "</Location>",
                "<Location /echo>",
                "  SetHandler echo",
                "  SetInputFilter INFLATE",
                "</Location>",
                "<Location /whole>",
                "  SetHandler split",
                "  SetInputFilter INFLATE",
                "</Location>",
                "<Location /whole-small>",
                "  SetHandler split",
                "  SetInputFilter INFLATE",
                "  DeflateInflateLimitRequestBody 1000",
                "</Location>",
                "<Location /unknown>",
                "  SetOutputFilter NO_SUCH_FILTER",
                "</Location>").replace("${HTDOCS}", root.resolve("htdocs").toString()));
        server.file("page.html", PAGE);
        server.file("tiny.html", "<p>hi</p>");
        server.file("logo.png", PAGE);
        server.file("byext/a.data", PAGE);
        server.file("byext/plain/b.data", PAGE);
        server.file("unknown/u.html", "unknown filter, still served\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    @Test
    void htmlIsGzippedForAClientThatAcceptsIt() throws Exception {
        RawHttp.Response r = server.get("/page.html", "Accept-Encoding: gzip, deflate, br");
        assertEquals(200, r.status);
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        // the whole compressed body passed in one brigade, so the kernel could still count it
        String length = r.header("Content-Length");
        assertTrue(length == null || length.equals(String.valueOf(r.body.length)), length);
        assertTrue(r.body.length < PAGE.length() / 10, "compressed to " + r.body.length);
        assertEquals(PAGE, new String(gunzip(r.body), StandardCharsets.UTF_8));
        String etag = r.header("ETag");
        assertTrue(etag != null && etag.endsWith("-gzip\""), "Apache's DeflateAlterETag AddSuffix: " + etag);
    }

    @Test
    void noAcceptEncodingMeansIdentityButStillVary() throws Exception {
        RawHttp.Response r = server.get("/page.html");
        assertNull(r.header("Content-Encoding"));
        assertEquals("Accept-Encoding", r.header("Vary"));
        assertEquals(String.valueOf(PAGE.length()), r.header("Content-Length"));
        assertEquals(PAGE, r.bodyText());
    }

    @Test
    void gzipRefusedByQValueZeroIsNotSent() throws Exception {
        assertNull(server.get("/page.html", "Accept-Encoding: gzip;q=0, identity").header("Content-Encoding"));
        assertNull(server.get("/page.html", "Accept-Encoding: *;q=0.5, gzip;q=0").header("Content-Encoding"));
        assertEquals("gzip", server.get("/page.html", "Accept-Encoding: *").header("Content-Encoding"));
        assertEquals("gzip", server.get("/page.html", "Accept-Encoding: GZIP;q=0.3").header("Content-Encoding"));
    }

    @Test
    void otherTypesAreNotTouched() throws Exception {
        RawHttp.Response r = server.get("/logo.png", "Accept-Encoding: gzip");
        assertNull(r.header("Content-Encoding"));
        assertNull(r.header("Vary"), "the filter was never in the chain for this type");
        assertEquals(PAGE, r.bodyText());
    }

    @Test
    void aTinyBodyIsNotWorthCompressing() throws Exception {
        RawHttp.Response r = server.get("/tiny.html", "Accept-Encoding: gzip");
        assertNull(r.header("Content-Encoding"));
        assertEquals("<p>hi</p>", r.bodyText());
    }

    @Test
    void byExtensionAndRemovedBelow() throws Exception {
        RawHttp.Response r = server.get("/byext/a.data", "Accept-Encoding: gzip");
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals(PAGE, new String(gunzip(r.body), StandardCharsets.UTF_8));
        RawHttp.Response plain = server.get("/byext/plain/b.data", "Accept-Encoding: gzip");
        assertNull(plain.header("Content-Encoding"));
        assertEquals(PAGE, plain.bodyText());
    }

    @Test
    void headSaysGzipWithoutABody() throws Exception {
        RawHttp.Response r = server.request("HEAD", "/page.html", "Accept-Encoding: gzip");
        assertEquals(200, r.status);
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals(0, r.body.length);
    }

    @Test
    void anUnknownFilterIsSkippedAndTheRequestServed() throws Exception {
        RawHttp.Response r = server.get("/unknown/u.html");
        assertEquals(200, r.status);
        assertEquals("unknown filter, still served\n", r.bodyText());
    }

    @Test
    void aFlushReachesTheClientDecodable() throws Exception {
        // /slow sends "start\n", flushes, then sleeps 3 s: the client must be able to read "start\n" before that
        try (Socket s = new Socket("127.0.0.1", server.port)) {
            s.setSoTimeout(2500);
            s.getOutputStream().write(("GET /slow?3000 HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String head = readUntil(in, "\r\n\r\n");
            assertTrue(head.contains("Content-Encoding: gzip"), head);
            assertTrue(head.contains("Transfer-Encoding: chunked"), head);
            int size = Integer.parseInt(readUntil(in, "\r\n").trim(), 16);
            byte[] chunk = in.readNBytes(size);
            assertEquals(size, chunk.length);
            // skip the 10-byte gzip header; a sync flush leaves a decodable deflate stream
            Inflater inflater = new Inflater(true);
            inflater.setInput(Arrays.copyOfRange(chunk, 10, chunk.length));
            byte[] out = new byte[64];
            int n = inflater.inflate(out);
            inflater.end();
            assertEquals("start\n", new String(out, 0, n, StandardCharsets.UTF_8));
        }
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (!sb.toString().endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + sb);
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    // ---- INFLATE --------------------------------------------------------------------------------

    private static RawHttp.Response post(String path, byte[] body, String... headers) throws IOException {
        try (RawHttp c = new RawHttp(server.port)) {
            StringBuilder sb = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length + "\r\n");
            for (String h : headers) {
                sb.append(h).append("\r\n");
            }
            c.send(sb.append("\r\n").toString());
            c.send(body);
            return c.read();
        }
    }

    @Test
    void aGzipRequestBodyReachesTheHandlerInflated() throws Exception {
        byte[] data = PAGE.getBytes(StandardCharsets.UTF_8);
        RawHttp.Response r = post("/echo", gzip(data), "Content-Encoding: gzip");
        assertEquals(200, r.status);
        assertArrayEquals(data, r.body);
    }

    @Test
    void aBombStreamedToAHandlerThatAnswersAsItReadsIsCutOff() throws Exception {
        // the echo handler has sent its 200 before the ratio is exceeded: the response is cut short, never completed
        byte[] bomb = gzip(new byte[20 << 20]);
        try {
            RawHttp.Response r = post("/echo", bomb, "Content-Encoding: gzip");
            assertTrue(r.status == 413 || r.body.length < (20 << 20), "a whole 20 MiB echo got through");
        } catch (IOException cutShort) {
            // the chunked response ended without its last chunk: what a client of an aborted response sees
        }
    }

    @Test
    void aDecompressionBombIsRefused() throws Exception {
        // 20 MiB of zeros: about 20 KiB compressed, a ratio of about 1000 against the default limit of 200
        byte[] bomb = gzip(new byte[20 << 20]);
        // a handler that reads the whole body before answering: the refusal is its status
        assertEquals(413, post("/whole", bomb, "Content-Encoding: gzip").status);
    }

    @Test
    void theInflatedSizeLimitHolds() throws Exception {
        byte[] data = new byte[5000];
        new java.util.Random(1).nextBytes(data);
        assertEquals(413, post("/whole-small", gzip(data), "Content-Encoding: gzip").status);
        assertEquals(200, post("/whole-small", gzip(Arrays.copyOf(data, 900)), "Content-Encoding: gzip").status);
    }

    @Test
    void aBrokenGzipBodyIs400() throws Exception {
        byte[] good = gzip(PAGE.getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(good, good.length - 12);
        assertEquals(400, post("/whole", truncated, "Content-Encoding: gzip").status);
        assertEquals(400, post("/whole", "not gzip at all".getBytes(StandardCharsets.US_ASCII), "Content-Encoding: gzip").status);
        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 6] ^= 1;
        assertEquals(400, post("/whole", badCrc, "Content-Encoding: gzip").status);
    }

    @Test
    void anUnencodedBodyPassesTheInflateFilterUntouched() throws Exception {
        assertEquals("plain body", new String(post("/echo", "plain body".getBytes(StandardCharsets.US_ASCII)).body, StandardCharsets.UTF_8));
    }
}
