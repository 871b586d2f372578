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
 * {@code Require} with Apache's providers ({@code all}, {@code ip}, {@code local}, {@code env},
 * {@code method}, {@code expr}, {@code not}) and containers ({@code <RequireAll>},
 * {@code <RequireAny>}, {@code <RequireNone>}, nested), {@code <Limit>} and {@code <LimitExcept>},
 * and how an inner section's lines replace
 * the outer ones: one table of requests with the status each must get (the client is
 * 127.0.0.1), asserted against jhttpd, and against Apache httpd with the same lines where it is
 * installed.
 */
class RequireApacheDifferentialTest {

    private static Path root;
    private static String section;
    private static TestServer jhttpd;

    private static final String[][] CASES = {
        {"GET", "/ip-ok/a.txt", "200"},
        {"GET", "/ip-no/a.txt", "403"},
        {"GET", "/local/a.txt", "200"},
        {"GET", "/not-me/a.txt", "403"},
        {"GET", "/env/in/a.txt", "200"},
        {"GET", "/env/out/a.txt", "403"},
        {"GET", "/method/a.txt", "200"},
        {"HEAD", "/method/a.txt", "200"},
        {"DELETE", "/method/a.txt", "403"},
        {"GET", "/expr/a.txt?key=1", "200"},
        {"GET", "/expr/a.txt", "403"},
        {"GET", "/any/a.txt", "403"},
        {"DELETE", "/any/a.txt", "405"},
        {"GET", "/none/a.txt", "403"},
        {"GET", "/inner/a.txt", "403"},
        {"GET", "/inner/open/a.txt", "200"},
        {"GET", "/a.txt", "200"},
        // <Limit> and <LimitExcept>: HEAD is GET; where every line is skipped for the method, nothing restricts it
        {"GET", "/lim-a/a.txt", "200"},
        {"POST", "/lim-a/a.txt", "403"},
        {"DELETE", "/lim-a/a.txt", "403"},
        {"GET", "/lim-b/a.txt", "200"},
        {"HEAD", "/lim-b/a.txt", "200"},
        {"POST", "/lim-b/a.txt", "403"},
        {"GET", "/lim-c/a.txt", "200"},
        {"POST", "/lim-c/a.txt", "403"},
        {"GET", "/lim-d/a.txt", "403"},
        {"HEAD", "/lim-d/a.txt", "403"},
        {"POST", "/lim-d/a.txt", "200"},
        {"GET", "/lim-e/sub/a.txt", "200"},
        {"POST", "/lim-e/sub/a.txt", "200"},
    };

    @BeforeAll
    static void start() throws Exception {
        root = TestServer.readableTempRoot("jhttpd-require");
        Path htdocs = root.resolve("htdocs");
        for (String[] c : CASES) {
            String path = c[1].replaceAll("\\?.*", "");
            TestServer.writeReadable(root, htdocs.resolve(path.substring(1)), "file\n", "rw-r--r--");
        }
        section = String.join("\n",
                "<Directory \"" + htdocs + "\">",
                "  Require all granted",
                "</Directory>",
                "SetEnvIf Request_URI ^/env/in LETIN",
                "<Location /ip-ok>",
                "  Require ip 10.0.0.0/8 127.0.0.1",
                "</Location>",
                "<Location /ip-no>",
                "  Require ip 10.0.0.0/255.0.0.0 192.168.1 ::2",
                "</Location>",
                "<Location /local>",
                "  Require local",
                "</Location>",
                "<Location /not-me>",
                "  <RequireAll>",
                "    Require all granted",
                "    Require not ip 127.0.0.1",
                "  </RequireAll>",
                "</Location>",
                "<Location /env>",
                "  Require env LETIN OTHER",
                "</Location>",
                "<Location /method>",
                "  Require method GET POST",
                "</Location>",
                "<Location /expr>",
                "  Require expr \"%{QUERY_STRING} == 'key=1'\"",
                "</Location>",
                "<Location /any>",
                "  <RequireAny>",
                "    Require ip 10.0.0.0/8",
                "    <RequireAll>",
                "      Require method DELETE",
                "      Require local",
                "    </RequireAll>",
                "  </RequireAny>",
                "</Location>",
                "<Location /none>",
                "  <RequireAll>",
                "    Require all granted",
                "    <RequireNone>",
                "      Require ip 127.0.0.1",
                "      Require env NOPE",
                "    </RequireNone>",
                "  </RequireAll>",
                "</Location>",
                "<Directory \"" + htdocs.resolve("inner") + "\">",
                "  Require all denied",
                "</Directory>",
                "<Location /inner/open>",
                "  Require all granted",
                "</Location>",
                "<Directory \"" + htdocs.resolve("lim-a") + "\">",
                "  <Limit POST DELETE>",
                "    Require all denied",
                "  </Limit>",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("lim-b") + "\">",
                "  <LimitExcept GET>",
                "    Require all denied",
                "  </LimitExcept>",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("lim-c") + "\">",
                "  Require all denied",
                "  <Limit GET>",
                "    Require all granted",
                "  </Limit>",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("lim-d") + "\">",
                "  <Limit GET>",
                "    Require ip 10.0.0.0/8",
                "  </Limit>",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("lim-e") + "\">",
                "  Require all denied",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("lim-e/sub") + "\">",
                "  <Limit POST>",
                "    Require all granted",
                "  </Limit>",
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
    void jhttpdLetsInWhomTheLinesSay() throws Exception {
        assertEquals(List.of(), failures(jhttpd.port));
    }

    @Test
    void apacheAgreesWithTheTable() throws Exception {
        assumeTrue(ApacheProcess.installed("authz_host") && ApacheProcess.installed("setenvif"), "Apache httpd is not installed");
        try (ApacheProcess apache = ApacheProcess.start(root.resolve("apache"), root.resolve("htdocs"),
                new String[] {"mpm_prefork", "authz_core", "authz_host", "mime", "setenvif"}, section)) {
            assertEquals(List.of(), failures(apache.port));
        }
    }

    private static List<String> failures(int port) throws IOException {
        List<String> failures = new ArrayList<>();
        for (String[] c : CASES) {
            int status = TestServer.request(port, c[0], c[1]).status;
            if (status != Integer.parseInt(c[2])) {
                failures.add(c[0] + " " + c[1] + ": expected " + c[2] + " but got " + status);
            }
        }
        return failures;
    }
}
