package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mod_headers: the same {@code Header} and {@code RequestHeader} lines under Apache httpd (Debian's
 * apache2 with mod_headers, started by the test) and jhttpd, and a set of requests (a file, a
 * condition that holds or not, an error page of the server, a CGI script's own 404, a section
 * that adds and removes, a forced type, a 304, request headers a script sees): the status, every
 * {@code X-*} header with all its values in order, {@code Content-Type}, whether {@code ETag} is
 * there, and the script's output must be the same. Without Apache, the same requests are checked
 * against jhttpd alone for the cases written out below.
 */
class HeadersApacheDifferentialTest {

    private static Path root;
    private static String section;
    private static TestServer jhttpd;

    private static final String[][] REQUESTS = {
        {"GET", "/a.txt"},
        {"GET", "/a.txt?c=1"},
        {"GET", "/nope"},
        {"GET", "/sub/b.txt"},
        {"GET", "/ct/c.txt"},
        {"GET", "/a.txt", "If-Modified-Since: Sat, 01 Jan 2050 00:00:00 GMT"},
        {"GET", "/a.txt", "X-Echo-1: e", "X-In: orig", "X-Drop: d"},
        {"GET", "/cgi/env.cgi", "X-Drop: d", "X-In: orig"},
        {"GET", "/cgi/missing.cgi"},
        {"HEAD", "/a.txt"},
    };

    @BeforeAll
    static void start() throws Exception {
        root = TestServer.readableTempRoot("jhttpd-headers");
        Path htdocs = root.resolve("htdocs");
        write(htdocs, "a.txt", "a\n", "rw-r--r--");
        write(htdocs, "sub/b.txt", "b\n", "rw-r--r--");
        write(htdocs, "ct/c.txt", "c\n", "rw-r--r--");
        write(htdocs, "cgi/env.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\n"
                + "echo \"X_REQ=$HTTP_X_REQ X_IN=$HTTP_X_IN X_DROP=$HTTP_X_DROP\"\n", "rwxr-xr-x");
        write(htdocs, "cgi/missing.cgi", "#!/bin/sh\nprintf 'Status: 404 Not Found\\nContent-Type: text/plain\\nX-Script: 1\\n\\n'\n"
                + "echo gone\n", "rwxr-xr-x");
        section = String.join("\n",
                "<Directory \"" + htdocs + "\">",
                "  Require all granted",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("cgi") + "\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi",
                "</Directory>",
                "SetEnv FOO bar",
                "Header set X-Set \"a %{FOO}e %{NONE}e %% b\"",
                "Header always set X-Always yes",
                "Header add X-Add one",
                "Header add X-Add two",
                "Header append X-Append first",
                "Header append X-Append second",
                "Header merge X-Merge m1",
                "Header merge X-Merge m1",
                "Header merge X-Merge m2",
                "Header setifempty X-Ifempty v",
                "Header setifempty X-Ifempty w",
                "Header set X-Cond on \"expr=%{QUERY_STRING} == 'c=1'\"",
                "Header set X-Env on env=FOO",
                "Header set X-NotEnv on env=!FOO",
                "Header edit* X-Add o O",
                "Header edit X-Append (\\w+)$ [$1]",
                "Header echo ^X-(Echo-.*|Req|In|Drop)$",
                "Header unset ETag",
                "Header always set X-Script-Seen %{FOO}e",
                "RequestHeader set X-Req from-config",
                "RequestHeader append X-In added",
                "RequestHeader unset X-Drop",
                "<Location /sub>",
                "  Header unset X-Set",
                "  Header set X-Sub 1",
                "</Location>",
                "<Location /ct>",
                "  Header set Content-Type text/x-forced",
                "</Location>");
        jhttpd = TestServer.start(root, section);
    }

    private static void write(Path htdocs, String relative, String text, String mode) throws IOException {
        Path p = TestServer.writeReadable(root, htdocs.resolve(relative), text, mode);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_600_000_000_000L));
    }

    @AfterAll
    static void stop() throws IOException {
        if (jhttpd != null) {
            jhttpd.close();
        }
    }

    @Test
    void jhttpdChangesTheHeadersAsWritten() throws Exception {
        List<String> got = answers(jhttpd.port);
        assertEquals("200 {content-type=[text/plain], x-add=[One, twO], x-always=[yes], x-append=[first, [second]], "
                + "x-env=[on], x-ifempty=[v], x-in=[added], x-merge=[m1, m2], x-req=[from-config], x-script-seen=[bar], "
                + "x-set=[a bar (null) % b]} etag=false body=a\n",
                got.get(0));
        assertEquals(true, got.get(1).contains("x-cond=[on]"), got.get(1));
        assertEquals("404 {content-type=[text/html; charset=iso-8859-1], x-always=[yes], x-script-seen=[bar]} etag=false",
                got.get(2).replaceAll(" body=.*", ""));
        assertEquals("200 {content-type=[text/x-forced]", got.get(4).substring(0, "200 {content-type=[text/x-forced]".length()));
        for (String echoed : new String[] {"x-echo-1=[e]", "x-in=[orig, added]", "x-req=[from-config]"}) {
            assertEquals(true, got.get(6).contains(echoed), got.get(6));
        }
        assertEquals(false, got.get(6).contains("x-drop"), got.get(6));
        assertEquals(true, got.get(7).endsWith("body=X_REQ=from-config X_IN=orig, added X_DROP=\n"), got.get(7));
        assertEquals(true, got.get(8).startsWith("404 ") && got.get(8).contains("x-set=[a bar (null) % b]"), got.get(8));
    }

    @Test
    void apacheAgrees() throws Exception {
        ApacheProcess.assertSameAnswers(root, new String[] {"mpm_prefork", "authz_core", "mime", "headers", "env", "cgi", "alias"},
                section, HeadersApacheDifferentialTest::answers, jhttpd.port);
    }

    /** Each request's answer as one line: status, the compared headers, whether ETag came, the body. */
    private static List<String> answers(int port) throws IOException {
        List<String> out = new ArrayList<>();
        for (String[] req : REQUESTS) {
            String[] headers = new String[req.length - 2];
            System.arraycopy(req, 2, headers, 0, headers.length);
            RawHttp.Response r = TestServer.request(port, req[0], req[1], headers);
            Map<String, List<String>> kept = new TreeMap<>();
            for (Map.Entry<String, List<String>> h : r.headers.entrySet()) {
                if (h.getKey().startsWith("x-") || h.getKey().equals("content-type")) {
                    kept.put(h.getKey(), h.getValue());
                }
            }
            String body = r.status == 404 && req[1].equals("/nope") ? "(error page)" : r.bodyText();
            out.add(r.status + " " + kept + " etag=" + r.headers.containsKey("etag") + (body.isEmpty() ? "" : " body=" + body));
        }
        return out;
    }
}
