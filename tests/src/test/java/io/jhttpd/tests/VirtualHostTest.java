package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Name-based virtual hosts on the wildcard address ({@code <VirtualHost *>} and
 * {@code <VirtualHost _default_>}, since the port is ephemeral): the {@code Host} header picks the
 * vhost by {@code ServerName}, then {@code ServerAlias} (with wildcards), without regard to case or
 * port; no match or no {@code Host} picks the first vhost; what a vhost does not set it inherits
 * from the main server, wherever the main server's lines stand. Every expectation here was
 * checked against Apache 2.4.71 with the same configuration.
 */
class VirtualHostTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-vhost");
        Path htdocs = root.resolve("htdocs");
        for (String site : new String[] {"a", "b", "c"}) {
            Files.createDirectories(htdocs.resolve(site));
            Files.writeString(htdocs.resolve(site + "/index.html"), "site " + site + "\n");
        }
        Files.writeString(htdocs.resolve("index.html"), "main\n");
        Files.writeString(htdocs.resolve("b/x.secret"), "secret\n");
        Files.createDirectories(htdocs.resolve("a/both"));
        Files.createDirectories(htdocs.resolve("b/both"));
        Files.writeString(htdocs.resolve("a/both/x.txt"), "a both\n");
        Files.writeString(htdocs.resolve("b/both/x.txt"), "b both\n");
        server = TestServer.start(root, String.join("\n",
                "ErrorDocument 404 \"main 404\"",
                "<Files \"*.secret\">",
                "  Require all denied",
                "</Files>",
                "<Location /both>",
                "  Require all denied",
                "</Location>",
                "<VirtualHost *>",
                "  ServerName a.example",
                "  DocumentRoot \"" + htdocs.resolve("a") + "\"",
                "</VirtualHost>",
                "<VirtualHost _default_>",
                "  ServerName b.example",
                "  ServerAlias www.b.example *.b.test",
                "  DocumentRoot \"" + htdocs.resolve("b") + "\"",
                "  ErrorDocument 404 \"b 404\"",
                "  <Location /both>",
                "    Require all granted",
                "  </Location>",
                "</VirtualHost>",
                "<VirtualHost *:1>",
                "  ServerName c.example",
                "  DocumentRoot \"" + htdocs.resolve("c") + "\"",
                "</VirtualHost>",
                // after the vhosts, and still inherited by them
                "ErrorDocument 403 \"main 403\"",
                "Timeout 1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "Host: {0} -> site {1}")
    @CsvSource({
        "a.example, a",
        "A.Example, a",
        "a.example:8080, a",
        "a.example., a",
        "b.example, b",
        "www.b.example, b",
        "WWW.B.EXAMPLE:8080, b",
        "x.b.test, b",
        "deep.x.b.test, b",
        // "*.b.test" does not match b.test itself: first vhost
        "b.test, a",
        // c.example's vhost is for port 1, not this one
        "c.example, a",
        "unknown.example, a",
        "localhost, a",
        "127.0.0.1, a",
    })
    void hostHeaderPicksTheVirtualHost(String host, String site) throws Exception {
        RawHttp.Response r = server.get("/", "Host: " + host);
        assertEquals(200, r.status, r.toString());
        assertEquals("site " + site + "\n", r.bodyText());
    }

    @Test
    void noHostHeaderPicksTheFirstVirtualHost() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET / HTTP/1.0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("site a\n", r.bodyText());
        }
    }

    @Test
    void absoluteFormTargetPicksTheVirtualHost() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET http://www.b.example/ HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertEquals("site b\n", r.bodyText());
        }
    }

    @Test
    void eachRequestOnAConnectionPicksItsOwnVirtualHost() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET / HTTP/1.1\r\nHost: b.example\r\n\r\nGET / HTTP/1.1\r\nHost: a.example\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: x.b.test\r\nConnection: close\r\n\r\n");
            assertEquals("site b\n", c.read().bodyText());
            assertEquals("site a\n", c.read().bodyText());
            assertEquals("site b\n", c.read().bodyText());
        }
    }

    @Test
    void virtualHostKeepsWhatItSetsAndInheritsTheRest() throws Exception {
        // b sets its own ErrorDocument 404; a inherits the main server's
        assertEquals("b 404", server.get("/nope", "Host: b.example").bodyText());
        assertEquals("main 404", server.get("/nope", "Host: a.example").bodyText());
        // both inherit ErrorDocument 403, set after the vhosts, and the main server's <Files>
        RawHttp.Response b = server.get("/x.secret", "Host: b.example");
        assertEquals(403, b.status);
        assertEquals("main 403", b.bodyText());
        RawHttp.Response a = server.get("/x.secret", "Host: a.example");
        assertEquals(403, a.status, "the <Files> section applies before the file is found missing");
        assertEquals("main 403", a.bodyText());
    }

    @Test
    void sectionsOfAVirtualHostMergeAfterTheMainServers() throws Exception {
        assertEquals(403, server.get("/both/x.txt", "Host: a.example").status);
        RawHttp.Response b = server.get("/both/x.txt", "Host: b.example");
        assertEquals(200, b.status);
        assertEquals("b both\n", b.bodyText());
    }

    @Test
    void virtualHostInheritsTimeout() throws Exception {
        // "Timeout 1" of the main server governs the first vhost's connections (the default is 60 s)
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port), 5000);
            s.setSoTimeout(8000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: a.example\r\n".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            InputStream in = s.getInputStream();
            byte[] answer;
            try {
                answer = in.readAllBytes();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the connection was not timed out within 8 s", e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 700 && millis < 4000, "closed after " + millis + " ms");
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertTrue(text.isEmpty() || text.startsWith("HTTP/1.1 408 "), text);
        }
    }

    @Test
    void signatureAndRedirectsNameTheVirtualHostAskedFor() throws Exception {
        Files.createDirectories(server.htdocs.resolve("b/dir"));
        RawHttp.Response r = server.get("/dir", "Host: www.b.example:8080");
        assertEquals(301, r.status);
        // UseCanonicalName Off: the name and port the client used
        assertEquals("http://www.b.example:8080/dir/", r.header("Location"));
    }
}
