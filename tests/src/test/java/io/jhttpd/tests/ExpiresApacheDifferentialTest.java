package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhttpd.api.HttpDate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mod_expires under Apache httpd and jhttpd with the same lines: for each request, the status,
 * {@code Expires} as seconds after the response's {@code Date} (or the absolute date, for
 * modification-based codes), and {@code Cache-Control}, must be the same. Without Apache, the
 * expected values written below are checked against jhttpd alone.
 */
class ExpiresApacheDifferentialTest {

    /** Files are old: a modification-based expiry falls before the request, and Apache then uses the request's time. */
    private static final long OLD_MTIME = 1_600_000_000_000L;
    private static final long RECENT_MTIME = System.currentTimeMillis() / 1000 * 1000 - 60_000;

    private static Path root;
    private static String section;
    private static TestServer jhttpd;

    private static final String[][] CASES = {
        // path, what jhttpd must answer (status, Expires relative to Date or absolute, Cache-Control)
        {"/a.css", "200 Date+86400 max-age=86400"},
        {"/a.png", "200 Date+2592000 max-age=2592000"},
        {"/a.txt", "200 Date+3600 max-age=3600"},
        {"/recent.html", "200 " + HttpDate.format(RECENT_MTIME + 7200_000) + " max-age=~"},
        {"/old.html", "200 Date+0 max-age=0"},
        {"/off/a.css", "200 - -"},
        {"/nope.css", "404 - -"},
        {"/cgi/own.cgi", "200 Thu, 01 Jan 2099 00:00:00 GMT -"},
    };

    @BeforeAll
    static void start() throws Exception {
        root = TestServer.readableTempRoot("jhttpd-expires");
        Path htdocs = root.resolve("htdocs");
        for (String f : new String[] {"a.css", "a.png", "a.txt", "old.html", "off/a.css"}) {
            Files.setLastModifiedTime(TestServer.writeReadable(root, htdocs.resolve(f), "x\n", "rw-r--r--"), FileTime.fromMillis(OLD_MTIME));
        }
        Files.setLastModifiedTime(TestServer.writeReadable(root, htdocs.resolve("recent.html"), "x\n", "rw-r--r--"),
                FileTime.fromMillis(RECENT_MTIME));
        TestServer.writeReadable(root, htdocs.resolve("cgi/own.cgi"),
                "#!/bin/sh\nprintf 'Content-Type: text/css\\nExpires: Thu, 01 Jan 2099 00:00:00 GMT\\n\\n'\necho x\n", "rwxr-xr-x");
        section = String.join("\n",
                "<Directory \"" + htdocs + "\">",
                "  Require all granted",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("cgi") + "\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi",
                "</Directory>",
                "ExpiresActive On",
                "ExpiresByType text/css A86400",
                "ExpiresByType image/* \"access plus 1 month\"",
                "ExpiresByType text/html \"modification plus 2 hours\"",
                "ExpiresDefault \"now plus 1 hour\"",
                "<Directory \"" + htdocs.resolve("off") + "\">",
                "  ExpiresActive Off",
                "</Directory>");
        jhttpd = TestServer.start(root, section);
    }

    @AfterAll
    static void stop() throws IOException {
        if (jhttpd != null) {
            jhttpd.close();
        }
    }

    @Test
    void jhttpdSetsTheExpiryEachLineSays() throws Exception {
        List<String> expected = new ArrayList<>();
        for (String[] c : CASES) {
            expected.add(c[0] + " " + c[1]);
        }
        assertEquals(expected, answers(jhttpd.port));
    }

    @Test
    void apacheAgrees() throws Exception {
        ApacheProcess.assertSameAnswers(root, new String[] {"mpm_prefork", "authz_core", "mime", "expires", "cgi"},
                section, ExpiresApacheDifferentialTest::answers, jhttpd.port);
    }

    private static List<String> answers(int port) throws IOException {
        List<String> out = new ArrayList<>();
        for (String[] c : CASES) {
            RawHttp.Response r = TestServer.request(port, "GET", c[0]);
            String expires = r.header("Expires");
            String shown = "-";
            if (expires != null) {
                long delta = (HttpDate.parse(expires) - HttpDate.parse(r.header("Date"))) / 1000;
                shown = c[1].contains("Date+") ? "Date+" + delta : expires;
            }
            String cc = r.header("Cache-Control");
            if (c[1].endsWith("max-age=~") && cc != null) {
                cc = "max-age=~";
            }
            out.add(c[0] + " " + r.status + " " + shown + " " + (cc == null ? "-" : cc));
        }
        return out;
    }
}
