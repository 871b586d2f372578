package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@code <Directory>}, {@code <DirectoryMatch>}, {@code <Files>}, {@code <FilesMatch>},
 * {@code <Location>} and {@code <LocationMatch>} merge, in Apache's order (directories shortest
 * first whatever their order in the file, then directory regexes, then files, then locations,
 * which therefore win), seen through {@code Require}, {@code Options} (symbolic links),
 * {@code AddHandler}/{@code SetHandler}, {@code AcceptPathInfo} and {@code LimitRequestBody}.
 * The statuses were checked against Apache 2.4.71 with the same sections (with mod_status's
 * handler standing in for the test handlers).
 */
class SectionMergeTest {

    /** Apache 2.4's 403 page, byte for byte. */
    static final String FORBIDDEN_PAGE = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\" \"http://www.w3.org/TR/html4/strict.dtd\">\n"
            + "<html><head>\n"
            + "<title>403 Forbidden</title>\n"
            + "</head><body>\n"
            + "<h1>Forbidden</h1>\n"
            + "<p>You don't have permission to access this resource.</p>\n"
            + "</body></html>\n";

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-sections");
        Path h = root.resolve("htdocs");
        for (String f : new String[] {"index.html", "a.html", "private/a.txt", "private/open/a.txt", "private/open/deny/a.txt",
            "private/via-location/a.txt", "sec1/a.txt", "nosec/a.txt", "deep/a.txt", "deep/er/a.txt", ".htaccess", ".htpasswd",
            "a.secret", "public/a.secret", "docs/x.bak", "docs/a.txt", "x.bak", "loc1/a.txt", "order/a.txt", "order/open/a.txt",
            "order/open/closed/a.txt", "x.eh", "x.eh.txt", "nh/x.eh", "hdr/plain/a.txt", "pi/a.html", "off/a.html",
            "upload/a.txt", "location1/a.txt", "wild1/sub/a.txt", "wild1/a.txt", "tilde5/a.txt", "tl/a.txt", "x.tmp",
            "target.txt"}) {
            Path p = h.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "file " + f + "\n");
        }
        for (String dir : new String[] {"", "links", "links/no", "links/abs", "links/plus"}) {
            Path d = h.resolve(dir);
            Files.createDirectories(d);
            Files.createSymbolicLink(d.resolve("l.txt"), h.resolve("target.txt"));
        }
        String hd = h.toString();
        server = TestServer.start(root, String.join("\n",
                "<Directory \"" + hd + "\">",
                "  Options None",
                "</Directory>",
                // deeper wins, whatever the order in the file
                "<Directory \"" + hd + "/private/open\">",
                "  Require all granted",
                "</Directory>",
                "<Directory \"" + hd + "/private\">",
                "  Require all denied",
                "</Directory>",
                "<Directory \"" + hd + "/deep/er\">",
                "  Require all granted",
                "</Directory>",
                "<Directory \"" + hd + "/deep\">",
                "  Require all denied",
                "</Directory>",
                // a regex after every plain <Directory>, however deep
                "<Directory \"" + hd + "/sec1\">",
                "  Require all granted",
                "</Directory>",
                "<DirectoryMatch \"/sec[0-9]+\">",
                "  Require all denied",
                "</DirectoryMatch>",
                // a wildcard <Directory> is a plain one; "~" makes the regex forms
                "<Directory \"" + hd + "/w*/sub\">",
                "  Require all denied",
                "</Directory>",
                "<Directory ~ \"/tilde[0-9]\">",
                "  Require all denied",
                "</Directory>",
                "<Files ~ \"\\.tmp$\">",
                "  Require all denied",
                "</Files>",
                "<Location ~ \"^/tl\">",
                "  Require all denied",
                "</Location>",
                "<Files \".ht*\">",
                "  Require all denied",
                "</Files>",
                "<FilesMatch \"\\.secret$\">",
                "  Require all denied",
                "</FilesMatch>",
                "<Directory \"" + hd + "/docs\">",
                "  <Files \"*.bak\">",
                "    Require all denied",
                "  </Files>",
                "</Directory>",
                // <Location> wins over <Directory> and <Files>
                "<Location /private/via-location>",
                "  Require all granted",
                "</Location>",
                "<Location /private/open/deny>",
                "  Require all denied",
                "</Location>",
                "<Location /public>",
                "  Require all granted",
                "</Location>",
                "<LocationMatch \"^/loc[0-9]\">",
                "  Require all denied",
                "</LocationMatch>",
                // among locations the later wins
                "<Location /order>",
                "  Require all denied",
                "</Location>",
                "<Location /order/open>",
                "  Require all granted",
                "</Location>",
                "<LocationMatch \"^/order/open/closed\">",
                "  Require all denied",
                "</LocationMatch>",
                // Options: + and - adjust the outer set, a plain list replaces it
                "<Directory \"" + hd + "/links\">",
                "  Options +FollowSymLinks",
                "</Directory>",
                "<Directory \"" + hd + "/links/no\">",
                "  Options -FollowSymLinks",
                "</Directory>",
                "<Directory \"" + hd + "/links/abs\">",
                "  Options Indexes",
                "</Directory>",
                "<Directory \"" + hd + "/links/plus\">",
                "  Options +Indexes",
                "</Directory>",
                // handlers
                "AddHandler echo-headers .eh",
                "<Directory \"" + hd + "/nh\">",
                "  SetHandler None",
                "</Directory>",
                "<Location /hdr>",
                "  SetHandler echo-headers",
                "</Location>",
                "<Location /hdr/plain>",
                "  SetHandler None",
                "</Location>",
                // path info
                "<Directory \"" + hd + "/pi\">",
                "  AcceptPathInfo On",
                "</Directory>",
                "<Directory \"" + hd + "/off\">",
                "  AcceptPathInfo Off",
                "</Directory>",
                "<Location /env>",
                "  SetHandler echo-env",
                "</Location>",
                "<Location /env/off>",
                "  AcceptPathInfo Off",
                "</Location>",
                // request body limits
                "<Location /echo>",
                "  SetHandler echo",
                "  LimitRequestBody 10",
                "</Location>",
                "<Location /echo/unlimited>",
                "  LimitRequestBody 0",
                "</Location>",
                "<Directory \"" + hd + "/upload\">",
                "  LimitRequestBody 10",
                "</Directory>"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/index.html, 200",
        "/private/a.txt, 403",
        "/private/open/a.txt, 200",
        "/deep/a.txt, 403",
        "/deep/er/a.txt, 200",
        "/sec1/a.txt, 403",
        "/nosec/a.txt, 200",
        "/.htaccess, 403",
        "/.htpasswd, 403",
        "/.htnothing, 403",
        "/a.secret, 403",
        "/docs/x.bak, 403",
        "/x.bak, 200",
        "/private/via-location/a.txt, 200",
        "/private/open/deny/a.txt, 403",
        "/public/a.secret, 200",
        "/loc1/a.txt, 403",
        "/loc12/nothing, 403",
        "/location1/a.txt, 200",
        "/order/a.txt, 403",
        "/order/open/a.txt, 200",
        "/order/open/closed/a.txt, 403",
        "/wild1/sub/a.txt, 403",
        "/wild1/a.txt, 200",
        "/tilde5/a.txt, 403",
        "/tl/a.txt, 403",
        "/x.tmp, 403",
        "/l.txt, 403",
        "/links/l.txt, 200",
        "/links/no/l.txt, 403",
        "/links/abs/l.txt, 403",
        "/links/plus/l.txt, 200",
    })
    void accessFollowsTheMergedSections(String path, int status) throws Exception {
        RawHttp.Response r = server.get(path);
        assertEquals(status, r.status, path + ": " + r);
        if (status == 200) {
            assertTrue(r.bodyText().startsWith("file "), r.bodyText());
        }
    }

    @Test
    void aDirectoryWalkKeptFromEarlierRequestsStillChecksEachFilesLink() throws Exception {
        // the walk of a directory is kept once its sections are known; a link is still checked
        // per file wherever the options ask for it, whatever was asked before
        server.get("/links/no/");
        server.get("/links/no/a-missing-file");
        for (int i = 0; i < 3; i++) {
            assertEquals(403, server.get("/links/no/l.txt").status);
            assertEquals(200, server.get("/links/l.txt").status);
            assertEquals(200, server.get("/links/plus/l.txt").status);
        }
    }

    @Test
    void aDirectoryWalkKeptFromEarlierRequestsStillMergesFilesAndLocations() throws Exception {
        // the directory's own merge is kept for files no <Files> or <Location> names; the rest
        // of the same directory still get theirs, in whatever order they are asked for
        for (int i = 0; i < 3; i++) {
            assertEquals(200, server.get("/docs/a.txt").status);
            assertEquals(403, server.get("/docs/x.bak").status);
            assertEquals(403, server.get("/order/a.txt").status);
            assertEquals(200, server.get("/order/open/a.txt").status);
            assertEquals(403, server.get("/x.tmp").status);
            assertEquals(200, server.get("/a.html").status);
        }
    }

    @Test
    void deniedAnswersWithApachesPage() throws Exception {
        RawHttp.Response r = server.get("/private/a.txt");
        assertEquals(403, r.status);
        assertEquals("HTTP/1.1 403 Forbidden", r.statusLine);
        assertEquals("text/html; charset=iso-8859-1", r.header("Content-Type"));
        assertEquals(FORBIDDEN_PAGE, r.bodyText());
        assertEquals(Integer.toString(FORBIDDEN_PAGE.length()), r.header("Content-Length"));
    }

    @Test
    void deniedWhetherOrNotTheFileExists() throws Exception {
        assertEquals(403, server.get("/private/nothing-here").status);
        assertEquals(403, server.get("/private/").status);
        assertEquals(403, server.request("HEAD", "/private/a.txt").status);
    }

    @Test
    void addHandlerLooksAtEveryExtension() throws Exception {
        for (String path : new String[] {"/x.eh", "/x.eh.txt"}) {
            RawHttp.Response r = server.get(path, "X-Probe: " + path);
            assertEquals(200, r.status, path);
            assertEquals("text/plain", r.header("Content-Type"), path);
            assertTrue(r.bodyText().contains("X-Probe: " + path + "\n"), r.bodyText());
        }
    }

    @Test
    void setHandlerInALocation() throws Exception {
        RawHttp.Response r = server.get("/hdr/anything", "X-Probe: 1");
        assertEquals(200, r.status);
        assertTrue(r.bodyText().contains("X-Probe: 1\n"), r.bodyText());
    }

    @Test
    void setHandlerNoneCancelsAnOuterSetHandler() throws Exception {
        RawHttp.Response r = server.get("/hdr/plain/a.txt", "X-Probe: 1");
        assertEquals(200, r.status);
        assertEquals("file hdr/plain/a.txt\n", r.bodyText());
        assertEquals(404, server.get("/hdr/plain/missing").status);
    }

    @Test
    void setHandlerNoneLeavesAddHandlerAlone() throws Exception {
        // Apache's core_override_type sets a handler only for a name other than "none"
        RawHttp.Response r = server.get("/nh/x.eh", "X-Probe: nh");
        assertEquals(200, r.status);
        assertTrue(r.bodyText().contains("X-Probe: nh\n"), r.bodyText());
    }

    @Test
    void acceptPathInfo() throws Exception {
        // Default: the static handler refuses path info
        assertEquals(404, server.get("/a.html/extra").status);
        RawHttp.Response on = server.get("/pi/a.html/extra/more");
        assertEquals(200, on.status);
        assertEquals("file pi/a.html\n", on.bodyText());
        assertEquals("text/html", on.header("Content-Type"));
        assertEquals(404, server.get("/off/a.html/extra").status);
        assertEquals(200, server.get("/off/a.html").status);
    }

    @Test
    void acceptPathInfoIsTheHandlersBusiness() throws Exception {
        // as with Apache's mod_status, a handler that ignores path info answers whatever AcceptPathInfo says
        RawHttp.Response r = server.get("/env/off/x");
        assertEquals(200, r.status);
        assertTrue(r.bodyText().contains("uri=/env/off/x\n"), r.bodyText());
    }

    @Test
    void limitRequestBodyPerLocation() throws Exception {
        assertEquals(200, post("/echo", "0123456789", false).status);
        assertEquals("0123456789", post("/echo", "0123456789", false).bodyText());
        assertEquals(413, post("/echo", "01234567890", false).status);
        assertEquals(413, post("/echo", "01234567890", true).status);
        assertEquals(200, post("/echo/unlimited", "01234567890", false).status);
        assertEquals(200, post("/echo/unlimited", "01234567890", true).status);
    }

    @Test
    void limitRequestBodyForAStaticFile() throws Exception {
        // the default handler reads (and drops) the body under the directory's limit, as Apache does
        assertEquals(200, post("/upload/a.txt", "0123456789", false).status);
        assertEquals(413, post("/upload/a.txt", "01234567890", false).status);
        assertEquals(413, post("/upload/a.txt", "01234567890", true).status);
        assertEquals(200, post("/a.html", "01234567890", false).status);
    }

    private static RawHttp.Response post(String path, String body, boolean chunked) throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nConnection: close\r\n";
            if (chunked) {
                c.send(head + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n" + body
                        + "\r\n0\r\n\r\n");
            } else {
                c.send(head + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            }
            return c.read();
        }
    }
}
