package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code <If>}, {@code <ElseIf>} and {@code <Else>}: at server level, nested in {@code <Directory>},
 * {@code <Location>} and {@code <Files>}, nested in each other, and in {@code .htaccess}; merged
 * after every other section, the server's before those of the sections a request matched. One table
 * of requests with the status and {@code Content-Type} each must get, asserted against jhttpd, and
 * against Apache httpd with the same configuration where it is installed (so the table is Apache's
 * behaviour, not our reading of its manual).
 */
class ConditionalSectionsTest {

    private static Path root;
    private static Path htdocs;
    private static String section;
    private static TestServer jhttpd;

    /** One request and what it must get: its status, and for a 200 its Content-Type. */
    private record Case(String method, String path, String header, int status, String type) {
        @Override
        public String toString() {
            return method + " " + path + (header == null ? "" : " [" + header + "]");
        }
    }

    private static final List<Case> CASES = List.of(
            // server level: an If/ElseIf/Else chain, exactly one of them applies
            new Case("GET", "/a.txt", null, 200, "text/x-else"),
            new Case("GET", "/a.txt?deny=1", null, 403, null),
            new Case("GET", "/a.txt", "X-Type: plain", 200, "text/x-elseif"),
            new Case("GET", "/a.txt?deny=1", "X-Type: plain", 403, null),
            // in a <Directory>: merged after the server's conditions, so it wins; nested conditions after their own
            new Case("GET", "/dir/b.txt", null, 200, "text/x-else"),
            new Case("GET", "/dir/b.txt", "X-Dir: yes", 200, "text/x-dir"),
            new Case("GET", "/dir/b.txt", "X-Dir: nested", 200, "text/x-nested"),
            new Case("GET", "/a.txt", "X-Dir: yes", 200, "text/x-else"),
            // regular expression groups, string interpolation, integer comparison
            new Case("GET", "/dir/item-42.txt", null, 200, "text/x-item-big"),
            new Case("GET", "/dir/item-7.txt", null, 200, "text/x-item-small"),
            // in a <Location>: the client (127.0.0.1) is outside 10.0.0.0/8
            new Case("GET", "/admin/x.txt", null, 403, null),
            new Case("GET", "/admin/x.txt", "X-Trusted: 1", 200, "text/x-else"),
            // in <Files>
            new Case("GET", "/dir/sub/c.txt", null, 200, "text/x-else"),
            new Case("HEAD", "/dir/sub/c.txt", null, 403, null),
            // .htaccess
            new Case("GET", "/ht/d.txt", null, 200, "text/x-ht-else"),
            new Case("GET", "/ht/d.txt?ht=1", null, 200, "text/x-ht-if"));

    @BeforeAll
    static void start() throws Exception {
        root = TestServer.readableTempRoot("jhttpd-if");
        htdocs = root.resolve("htdocs");
        for (String f : new String[] {"a.txt", "dir/b.txt", "dir/item-42.txt", "dir/item-7.txt", "dir/sub/c.txt", "admin/x.txt", "ht/d.txt"}) {
            write(f, "file " + f + "\n");
        }
        write("ht/.htaccess", String.join("\n",
                "<If \"%{QUERY_STRING} == 'ht=1'\">",
                "  ForceType text/x-ht-if",
                "</If>",
                "<Else>",
                "  ForceType text/x-ht-else",
                "</Else>", ""));
        section = String.join("\n",
                "<Directory \"" + htdocs + "\">",
                "  Require all granted",
                "</Directory>",
                "<If \"%{QUERY_STRING} =~ /(^|&)deny=1/\">",
                "  Require all denied",
                "</If>",
                "<ElseIf \"req('X-Type') == 'plain'\">",
                "  ForceType text/x-elseif",
                "</ElseIf>",
                "<Else>",
                "  ForceType text/x-else",
                "</Else>",
                "<Directory \"" + htdocs.resolve("dir") + "\">",
                "  <If \"-n req('X-Dir')\">",
                "    ForceType text/x-dir",
                "    <If \"req('X-Dir') == 'nested'\">",
                "      ForceType text/x-nested",
                "    </If>",
                "  </If>",
                "  <If \"%{REQUEST_URI} =~ m#/item-(\\d+)\\.txt$# && $1 -ge 10\">",
                "    ForceType text/x-item-big",
                "  </If>",
                "  <ElseIf \"'%{REQUEST_URI}' =~ /item-/\">",
                "    ForceType text/x-item-small",
                "  </ElseIf>",
                "</Directory>",
                "<Location \"/admin\">",
                "  <If \"! -R '10.0.0.0/8' && -z req('X-Trusted')\">",
                "    Require all denied",
                "  </If>",
                "</Location>",
                "<Files \"c.txt\">",
                "  <If \"%{REQUEST_METHOD} in {'HEAD', 'PUT'}\">",
                "    Require all denied",
                "  </If>",
                "</Files>",
                "<Directory \"" + htdocs.resolve("ht") + "\">",
                "  AllowOverride FileInfo",
                "</Directory>");
        jhttpd = TestServer.start(root, section);
    }

    private static void write(String relative, String text) throws IOException {
        TestServer.writeReadable(root, htdocs.resolve(relative), text, "rw-r--r--");
    }

    @AfterAll
    static void stop() throws IOException {
        if (jhttpd != null) {
            jhttpd.close();
        }
    }

    @Test
    void jhttpdAppliesTheConditionsThatHold() throws Exception {
        assertEquals(List.of(), failures(jhttpd.port));
    }

    @Test
    void apacheAgreesWithTheTable() throws Exception {
        assumeTrue(ApacheProcess.installed("authz_core"), "Apache httpd is not installed");
        try (ApacheProcess apache = ApacheProcess.start(root.resolve("apache"), htdocs,
                new String[] {"mpm_prefork", "authz_core", "mime"}, section)) {
            assertEquals(List.of(), failures(apache.port));
        }
    }

    private static List<String> failures(int port) throws IOException {
        List<String> failures = new ArrayList<>();
        for (Case c : CASES) {
            RawHttp.Response r = TestServer.request(port, c.method(), c.path(), c.header() == null ? new String[0] : new String[] {c.header()});
            String type = r.status == 200 ? r.header("Content-Type") : null;
            if (r.status != c.status() || (c.type() != null && !c.type().equals(type))) {
                failures.add(c + ": expected " + c.status() + " " + c.type() + " but got " + r.status + " " + type);
            }
        }
        return failures;
    }
}
