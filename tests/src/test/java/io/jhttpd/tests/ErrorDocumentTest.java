package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ErrorDocument} in its three forms (text, local URL by internal redirect, remote URL by
 * 302), {@code ErrorDocument N default}, a local ErrorDocument that fails itself, Apache's canned
 * pages and {@code ServerSignature}. Pages and headers were compared byte for byte with Apache
 * 2.4.71 answering the same configuration (a CGI script standing in for {@code echo-env}).
 */
class ErrorDocumentTest {

    private static final String DOCTYPE =
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n";

    static final String NOT_FOUND_PAGE = DOCTYPE
            + "<html><head>\n"
            + "<title>404 Not Found</title>\n"
            + "</head><body>\n"
            + "<h1>Not Found</h1>\n"
            + "<p>The requested URL was not found on this server.</p>\n"
            + "</body></html>\n";

    private static TestServer server;
    private static String software;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-errdoc");
        Path h = root.resolve("htdocs");
        for (String d : new String[] {"text", "text/default", "local", "env", "remote", "sig", "email", "broken", "broken403"}) {
            Files.createDirectories(h.resolve(d));
        }
        Files.writeString(h.resolve("missing.html"), "<p>not here</p>\n");
        Files.writeString(h.resolve("remote/x.txt"), "x\n");
        Files.writeString(h.resolve("broken403/x.txt"), "x\n");
        String hd = h.toString();
        server = TestServer.start(root, String.join("\n",
                "ServerAdmin admin@example.com",
                "<Directory \"" + hd + "/text\">",
                "  ErrorDocument 404 \"Sorry, no such page",
                "</Directory>",
                "<Directory \"" + hd + "/text/default\">",
                "  ErrorDocument 404 default",
                "</Directory>",
                "<Directory \"" + hd + "/local\">",
                "  ErrorDocument 404 /missing.html",
                "</Directory>",
                "<Directory \"" + hd + "/env\">",
                "  ErrorDocument 404 /show-env",
                "</Directory>",
                "<Location /show-env>",
                "  SetHandler echo-env",
                "</Location>",
                "<Directory \"" + hd + "/remote\">",
                "  Require all denied",
                "  ErrorDocument 403 http://example.com/",
                "</Directory>",
                "<Location /single-word>",
                "  ErrorDocument 404 Gone",
                "</Location>",
                "<Location /spaced-path>",
                "  ErrorDocument 404 \"/not a path\"",
                "</Location>",
                "<Directory \"" + hd + "/sig\">",
                "  ServerSignature On",
                "</Directory>",
                "<Directory \"" + hd + "/email\">",
                "  ServerSignature EMail",
                "</Directory>",
                "<Directory \"" + hd + "/broken\">",
                "  ErrorDocument 404 /not-there.html",
                "</Directory>",
                "<Directory \"" + hd + "/broken403\">",
                "  Require all denied",
                "  ErrorDocument 403 /not-there.html",
                "  ServerSignature On",
                "</Directory>",
                // a 401 ErrorDocument may not be a full URL: Apache warns and ignores the line
                "ErrorDocument 401 http://example.com/login"));
        software = server.get("/").header("Server");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void defaultPageIsApaches() throws Exception {
        RawHttp.Response r = server.get("/nope");
        assertEquals("HTTP/1.1 404 Not Found", r.statusLine);
        assertEquals("text/html; charset=iso-8859-1", r.header("Content-Type"));
        assertEquals(NOT_FOUND_PAGE, r.bodyText());
        assertEquals("236", r.header("Content-Length"));
    }

    @Test
    void text() throws Exception {
        RawHttp.Response r = server.get("/text/nope");
        assertEquals(404, r.status);
        assertEquals("text/html; charset=iso-8859-1", r.header("Content-Type"));
        assertEquals("Sorry, no such page", r.bodyText());
        assertEquals("19", r.header("Content-Length"));
        // a single word that is neither a path nor a URL is text too, and so is a quoted "path" with a space
        assertEquals("Gone", server.get("/single-word/x").bodyText());
        assertEquals("/not a path", server.get("/spaced-path/x").bodyText());
    }

    @Test
    void defaultInASubdirectoryRestoresTheCannedPage() throws Exception {
        RawHttp.Response r = server.get("/text/default/nope");
        assertEquals(404, r.status);
        assertEquals(NOT_FOUND_PAGE, r.bodyText());
    }

    @Test
    void localPageKeepsTheStatus() throws Exception {
        RawHttp.Response r = server.get("/local/nope");
        assertEquals("HTTP/1.1 404 Not Found", r.statusLine);
        assertEquals("<p>not here</p>\n", r.bodyText());
        assertEquals("text/html", r.header("Content-Type"));
        assertEquals("16", r.header("Content-Length"));
        // served by the default handler like any file
        assertTrue(r.header("ETag") != null && r.header("Last-Modified") != null, r.toString());
        RawHttp.Response head = server.request("HEAD", "/local/nope");
        assertEquals(404, head.status);
        assertEquals("16", head.header("Content-Length"));
    }

    @Test
    void localPageSeesTheRedirectVariables() throws Exception {
        RawHttp.Response r = server.get("/env/nope?a=b");
        assertEquals(404, r.status);
        String body = r.bodyText();
        assertTrue(body.contains("REDIRECT_STATUS=404\n"), body);
        assertTrue(body.contains("REDIRECT_URL=/env/nope\n"), body);
        assertTrue(body.contains("REDIRECT_QUERY_STRING=a=b\n"), body);
        assertTrue(body.contains("REDIRECT_REQUEST_METHOD=GET\n"), body);
        assertTrue(body.contains("uri=/show-env\n"), body);
        assertTrue(body.contains("status=404\n"), body);
        // the redirect is a GET, but the method it replaced is noted
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /env/nope HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
            RawHttp.Response post = c.read();
            assertEquals(404, post.status);
            assertTrue(post.bodyText().contains("REDIRECT_REQUEST_METHOD=POST\n"), post.bodyText());
        }
    }

    @Test
    void remoteUrlRedirects() throws Exception {
        RawHttp.Response r = server.get("/remote/x.txt");
        assertEquals("HTTP/1.1 302 Found", r.statusLine);
        assertEquals("http://example.com/", r.header("Location"));
        assertEquals(DOCTYPE
                + "<html><head>\n"
                + "<title>302 Found</title>\n"
                + "</head><body>\n"
                + "<h1>Found</h1>\n"
                + "<p>The document has moved <a href=\"http://example.com/\">here</a>.</p>\n"
                + "</body></html>\n", r.bodyText());
    }

    @Test
    void failingLocalPageReportsTheOriginalError() throws Exception {
        RawHttp.Response r = server.get("/broken/nope");
        assertEquals(404, r.status);
        assertEquals(DOCTYPE
                + "<html><head>\n"
                + "<title>404 Not Found</title>\n"
                + "</head><body>\n"
                + "<h1>Not Found</h1>\n"
                + "<p>The requested URL was not found on this server.</p>\n"
                + "<p>Additionally, a 404 Not Found\n"
                + "error was encountered while trying to use an ErrorDocument to handle the request.</p>\n"
                + "</body></html>\n", r.bodyText());
        // the original request's status and signature; Apache names the original status twice
        RawHttp.Response f = server.get("/broken403/x.txt", "Host: localhost");
        assertEquals(403, f.status);
        assertEquals(DOCTYPE
                + "<html><head>\n"
                + "<title>403 Forbidden</title>\n"
                + "</head><body>\n"
                + "<h1>Forbidden</h1>\n"
                + "<p>You don't have permission to access this resource.</p>\n"
                + "<p>Additionally, a 403 Forbidden\n"
                + "error was encountered while trying to use an ErrorDocument to handle the request.</p>\n"
                + "<hr>\n"
                + "<address>" + software + " Server at localhost Port 80</address>\n"
                + "</body></html>\n", f.bodyText());
    }

    @Test
    void serverSignatureOn() throws Exception {
        RawHttp.Response r = server.get("/sig/nope");
        assertEquals(404, r.status);
        String expected = NOT_FOUND_PAGE.replace("</body></html>\n",
                "<hr>\n<address>" + software + " Server at localhost Port " + server.port + "</address>\n</body></html>\n");
        assertEquals(expected, r.bodyText());
        // the name and port are those the client asked for (UseCanonicalName Off); no port means 80
        assertTrue(server.get("/sig/nope", "Host: www.example.org:8080").bodyText()
                .contains("<address>" + software + " Server at www.example.org Port 8080</address>\n"));
        assertTrue(server.get("/sig/nope", "Host: localhost").bodyText()
                .contains("<address>" + software + " Server at localhost Port 80</address>\n"));
    }

    @Test
    void serverSignatureEmail() throws Exception {
        RawHttp.Response r = server.get("/email/nope", "Host: localhost");
        assertTrue(r.bodyText().endsWith("<hr>\n<address>" + software
                + " Server at <a href=\"mailto:admin@example.com\">localhost</a> Port 80</address>\n</body></html>\n"),
                r.bodyText());
    }

    @Test
    void signatureIsOffByDefault() throws Exception {
        assertTrue(!server.get("/nope").bodyText().contains("<address>"));
        assertNull(server.get("/nope").header("Location"));
    }
}
