package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The output filter chain, observed on the wire: whatever way a handler cuts a body into data
 * buckets, file regions and flushes, the client receives exactly the body, validly framed
 * (Content-Length, strict chunked coding, or close-delimited for HTTP/1.0), and HEAD gets no body.
 */
class FilterChainProperties {

    private static TestServer server;

    @BeforeContainer
    static void start() throws Exception {
        server = TestServer.start("<Location /split>\n  SetHandler split\n</Location>\n"
                + "<Location /split/gz>\n  SetOutputFilter DEFLATE\n</Location>\n");
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
    }

    @Provide
    Arbitrary<List<String>> plans() {
        Arbitrary<String> item = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 3000).map(String::valueOf),
                Arbitraries.just("F"),
                Arbitraries.integers().between(0, 3000).map(n -> "f" + n));
        return item.list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(20_000);
    }

    private static byte[] request(String method, String protocol, byte[] body, List<String> plan, boolean close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = method + " /split HTTP/" + protocol + "\r\nHost: localhost\r\n"
                + "X-Split: " + String.join(",", plan) + "\r\n"
                + "Content-Length: " + body.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    @Property(tries = 150)
    void anySplitGivesTheSameBytesOnHttp11(@ForAll("bodies") byte[] body, @ForAll("plans") List<String> plan) throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(request("POST", "1.1", body, plan, false));
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertArrayEquals(body, r.body);
            // the connection is still in step: a HEAD on it gets headers only, then a GET works
            c.send(request("HEAD", "1.1", body, plan, false));
            RawHttp.Response h = c.read(true);
            assertEquals(200, h.status);
            c.send(request("POST", "1.1", body, plan, true));
            RawHttp.Response again = c.read();
            assertArrayEquals(body, again.body);
        }
    }

    @Property(tries = 60)
    void anySplitThroughDeflateGunzipsToTheSameBytes(@ForAll("bodies") byte[] body, @ForAll("plans") List<String> plan) throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            String head = "POST /split/gz HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nConnection: close\r\n"
                    + "X-Split: " + String.join(",", plan) + "\r\nContent-Length: " + body.length + "\r\n\r\n";
            c.send(head.getBytes(StandardCharsets.ISO_8859_1));
            c.send(body);
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            if ("gzip".equals(r.header("Content-Encoding"))) {
                try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body))) {
                    assertArrayEquals(body, in.readAllBytes());
                }
            } else {
                // only a body too small to gain, known whole at the first brigade, goes out as it is
                assertTrue(body.length < 68, "a body of " + body.length + " bytes was not compressed");
                assertArrayEquals(body, r.body);
            }
        }
    }

    @Property(tries = 50)
    void anySplitGivesTheSameBytesOnHttp10(@ForAll("bodies") byte[] body, @ForAll("plans") List<String> plan) throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send(request("POST", "1.0", body, plan, false));
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertArrayEquals(body, r.body);
        }
    }
}
