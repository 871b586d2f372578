package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same CGI script under Apache httpd (Debian's apache2, prefork + mod_cgi, started by the
 * test) and jhttpd, serving the same folder with the same configuration: the environments the
 * script sees must agree, name for name and value for value except where the servers differ by
 * nature (their port, name and version, the client's port). Skipped where Apache is not installed.
 */
class CgiApacheDifferentialTest {

    /** Variables whose values differ by nature between the two servers. */
    private static final Set<String> OWN_VALUES = Set.of("SERVER_SOFTWARE", "SERVER_PORT", "HTTP_HOST", "REMOTE_PORT", "PATH");

    private static Path root;
    private static ApacheProcess apache;
    private static TestServer jhttpd;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(ApacheProcess.installed("cgi"), "Apache httpd is not installed");
        root = Files.createTempDirectory("jhttpd-cgi-diff");
        // Apache's children run as another user: they must reach the scripts
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path htdocs = root.resolve("htdocs");
        Files.createDirectories(htdocs.resolve("cgi"));
        Path env = htdocs.resolve("cgi/env.cgi");
        Files.writeString(env, "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\nenv\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rwxr-xr-x"));
        String section = String.join("\n",
                "<Directory \"" + htdocs.resolve("cgi") + "\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi",
                "  Require all granted",
                "  SetEnv FOO bar",
                "</Directory>",
                "ServerAdmin admin@example.com");
        apache = ApacheProcess.start(root.resolve("apache"), htdocs, new String[] {"mpm_prefork", "authz_core", "mime", "cgi", "env"}, section);
        jhttpd = TestServer.start(root, section);
    }

    @AfterAll
    static void stop() throws Exception {
        if (apache != null) {
            apache.close();
        }
        if (jhttpd != null) {
            jhttpd.close();
        }
    }

    private static Map<String, String> env(int port, String request) throws IOException {
        try (RawHttp c = new RawHttp(port)) {
            c.send(request.replace("PORT", Integer.toString(port)));
            RawHttp.Response r = c.read();
            assertEquals(200, r.status, r.bodyText());
            Map<String, String> env = new TreeMap<>();
            for (String line : r.bodyText().split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return env;
        }
    }

    private static void assertSameEnvironment(String request) throws IOException {
        Map<String, String> theirs = env(apache.port, request);
        Map<String, String> ours = env(jhttpd.port, request);
        assertEquals(theirs.keySet(), ours.keySet(), "variable names");
        for (String name : theirs.keySet()) {
            if (!OWN_VALUES.contains(name)) {
                assertEquals(theirs.get(name), ours.get(name), name);
            }
        }
    }

    @Test
    void getWithPathInfoQueryAndOddHeaders() throws Exception {
        assertSameEnvironment("GET /cgi/env.cgi/extra/path?a=b&c=%20d HTTP/1.1\r\nHost: localhost:PORT\r\n"
                + "Proxy: evil\r\nX_Under: u\r\nX-Dash: d\r\nX-Dash: e\r\nAuthorization: Basic eA==\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n");
    }

    @Test
    void postWithLengthAndChunkedBodies() throws Exception {
        assertSameEnvironment("POST /cgi/env.cgi HTTP/1.1\r\nHost: localhost:PORT\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\nab");
        assertSameEnvironment("POST /cgi/env.cgi?x HTTP/1.1\r\nHost: localhost:PORT\r\nContent-Type: text/plain\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\nab\r\n0\r\n\r\n");
    }
}
