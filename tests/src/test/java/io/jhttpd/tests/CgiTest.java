package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mod_cgi through a real server with real scripts (POSIX sh, Perl, php-cgi): the environment,
 * request bodies, redirects, status and header handling, NPH, errors, timeouts and client aborts.
 * Expected answers are Apache 2.4.71's (prefork + mod_cgi, {@code apache-oracle}) for the same
 * configuration and scripts; each test says what Apache answered.
 */
class CgiTest {

    private static TestServer server;
    private static Path htdocs;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-cgi");
        htdocs = root.resolve("htdocs");
        Files.createDirectories(htdocs.resolve("cgi"));
        Files.createDirectories(htdocs.resolve("plain"));
        Files.createDirectories(htdocs.resolve("handler"));
        Files.createDirectories(htdocs.resolve("slow"));
        script("cgi/env.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\nenv\n");
        script("cgi/cat.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\n"
                + "echo \"CONTENT_LENGTH=${CONTENT_LENGTH-unset} CONTENT_TYPE=${CONTENT_TYPE-unset}\"\ncat\n");
        script("cgi/args.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\nfor a in \"$@\"; do echo \"[$a]\"; done\n");
        script("cgi/local.cgi", "#!/bin/sh\nprintf 'Location: /cgi/env.cgi?from=local\\n\\nignored'\n");
        script("cgi/remote.cgi", "#!/bin/sh\nprintf 'Location: http://example.com/x\\n\\nignored'\n");
        script("cgi/status.cgi", "#!/bin/sh\nprintf 'Status: 299 Custom thing\\nX-A: 1\\nX-A: 2\\nContent-Length: 3\\n"
                + "Set-Cookie: a=1\\nSet-Cookie: b=2\\n\\nhello\\n'\n");
        script("cgi/notfound.cgi", "#!/bin/sh\nprintf 'Status: 404 Not Here\\r\\nContent-Type: text/plain\\r\\n\\r\\nmy own 404\\n'\n");
        script("cgi/badstatus.cgi", "#!/bin/sh\nprintf 'Status: abc\\n\\nhello\\n'\n");
        script("cgi/badname.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\nBad Header: x\\n\\nbody\\n'\n");
        script("cgi/nocolon.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\ngarbage line\\n\\nbody\\n'\n");
        script("cgi/empty.cgi", "#!/bin/sh\necho oops >&2\n");
        script("cgi/nph-raw.cgi", "#!/bin/sh\nprintf 'HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\nX-Nph: yes\\r\\n\\r\\nnph body\\n'\n");
        script("cgi/hello.pl", "#!/usr/bin/perl\nprint \"Content-Type: text/plain\\n\\n\";\n"
                + "print \"perl says $ENV{REQUEST_METHOD} $ENV{QUERY_STRING}\\n\";\n");
        script("cgi/info.php", "#!/usr/bin/php-cgi\n<?php header('X-Powered: php'); echo 'php ', $_SERVER['REQUEST_METHOD'], ' ',"
                + " $_GET['a'] ?? '-', ' ', $_POST['b'] ?? '-', \"\\n\";\n");
        Files.writeString(htdocs.resolve("cgi/source.cgi"), "#!/bin/sh\necho secret source\n");
        script("plain/env.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nran\\n'\n");
        script("handler/anything", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nvia SetHandler\\n'\n");
        // writes its pid, then hangs before (or after) its header section
        script("slow/hang.cgi", "#!/bin/sh\necho $$ > \"" + root.resolve("hang.pid") + "\"\n"
                + "sleep 30 &\necho $! > \"" + root.resolve("hang-child.pid") + "\"\nwait\n");
        script("slow/hangbody.cgi", "#!/bin/sh\necho $$ > \"" + root.resolve("hangbody.pid") + "\"\n"
                + "printf 'Content-Type: text/plain\\n\\nstart\\n'\nsleep 30\n");
        script("slow/endless.cgi", "#!/bin/sh\necho $$ > \"" + root.resolve("endless.pid") + "\"\n"
                + "printf 'Content-Type: application/octet-stream\\n\\n'\nexec cat /dev/zero\n");
        String h = htdocs.toString();
        server = TestServer.start(root, String.join("\n",
                "ServerAdmin admin@example.com",
                "<Directory \"" + h + "/cgi\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi .pl .php",
                "  SetEnv FOO bar",
                "  SetEnv REDIRECT_STATUS 200",
                "  SetEnv GONE x",
                "  PassEnv HOME",
                "</Directory>",
                "<Directory \"" + h + "/cgi/sub\">",
                "  UnsetEnv GONE",
                "  SetEnv SERVER_NAME evil",
                "</Directory>",
                "<Directory \"" + h + "/plain\">",
                "  AddHandler cgi-script .cgi",
                "</Directory>",
                "<Directory \"" + h + "/handler\">",
                "  Options ExecCGI",
                "  SetHandler cgi-script",
                "</Directory>",
                "<Directory \"" + h + "/slow\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi",
                "  CGIScriptTimeout 1",
                "</Directory>"));
        Files.createDirectories(htdocs.resolve("cgi/sub"));
        script("cgi/sub/env.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\nenv\n");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    /**
     * Over IPv6, REMOTE_ADDR and SERVER_ADDR are written as Apache writes them (APR's inet_ntop):
     * {@code ::1}, where Java's own text would be {@code 0:0:0:0:0:0:0:1}.
     */
    @Test
    void ipv6AddressesAreWrittenAsApacheWritesThem() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("::1"))) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here: " + e);
            return;
        }
        Path root = Files.createTempDirectory("jhttpd-cgi6");
        Path cgi = root.resolve("htdocs/cgi");
        Files.createDirectories(cgi);
        Path env = cgi.resolve("addr.cgi");
        Files.writeString(env, "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\necho \"$REMOTE_ADDR $SERVER_ADDR\"\n");
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestServer s = TestServer.start(root, "Listen [::1]:" + port + "\n<Directory \"" + cgi + "\">\n"
                + "  Options +ExecCGI\n  AddHandler cgi-script .cgi\n</Directory>")) {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://[::1]:" + port + "/cgi/addr.cgi")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("::1 ::1\n", r.body());
        }
    }

    private static void script(String relative, String text) throws IOException {
        Path p = htdocs.resolve(relative);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Map<String, String> env(String body) {
        Map<String, String> env = new TreeMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    @Test
    void environmentHasTheVariablesApacheGives() throws Exception {
        RawHttp.Response r = server.get("/cgi/env.cgi/extra/path?a=b", "Proxy: evil", "X_Under: u", "X-Dash: d",
                "Authorization: Basic eA==");
        assertEquals(200, r.status, r.bodyText());
        Map<String, String> env = env(r.bodyText());
        // Apache 2.4.71 for the same request: exactly these names (PWD comes from the shell), plus
        // what SetEnv/PassEnv add here (FOO, GONE, REDIRECT_STATUS, HOME)
        Set<String> apache = Set.of("CONTEXT_DOCUMENT_ROOT", "CONTEXT_PREFIX", "DOCUMENT_ROOT", "GATEWAY_INTERFACE",
                "HTTP_CONNECTION", "HTTP_HOST", "HTTP_X_DASH", "PATH", "PATH_INFO", "PATH_TRANSLATED", "PWD", "QUERY_STRING",
                "REMOTE_ADDR", "REMOTE_PORT", "REQUEST_METHOD", "REQUEST_SCHEME", "REQUEST_URI", "SCRIPT_FILENAME",
                "SCRIPT_NAME", "SERVER_ADDR", "SERVER_ADMIN", "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL",
                "SERVER_SIGNATURE", "SERVER_SOFTWARE");
        Set<String> expected = new TreeSet<>(apache);
        expected.addAll(Set.of("FOO", "GONE", "REDIRECT_STATUS", "HOME"));
        assertEquals(expected, env.keySet());
        String h = htdocs.toString();
        assertEquals(h, env.get("DOCUMENT_ROOT"));
        assertEquals(h, env.get("CONTEXT_DOCUMENT_ROOT"));
        assertEquals("", env.get("CONTEXT_PREFIX"));
        assertEquals("CGI/1.1", env.get("GATEWAY_INTERFACE"));
        assertEquals("localhost:" + server.port, env.get("HTTP_HOST"));
        assertEquals("d", env.get("HTTP_X_DASH"));
        assertEquals("/extra/path", env.get("PATH_INFO"));
        assertEquals(h + "/extra/path", env.get("PATH_TRANSLATED"));
        assertEquals("a=b", env.get("QUERY_STRING"));
        assertEquals("127.0.0.1", env.get("REMOTE_ADDR"));
        assertTrue(env.get("REMOTE_PORT").matches("\\d+"));
        assertEquals("GET", env.get("REQUEST_METHOD"));
        assertEquals("http", env.get("REQUEST_SCHEME"));
        assertEquals("/cgi/env.cgi/extra/path?a=b", env.get("REQUEST_URI"));
        assertEquals(h + "/cgi/env.cgi", env.get("SCRIPT_FILENAME"));
        assertEquals("/cgi/env.cgi", env.get("SCRIPT_NAME"));
        assertEquals("127.0.0.1", env.get("SERVER_ADDR"));
        assertEquals("admin@example.com", env.get("SERVER_ADMIN"));
        assertEquals("localhost", env.get("SERVER_NAME"));
        assertEquals(Integer.toString(server.port), env.get("SERVER_PORT"));
        assertEquals("HTTP/1.1", env.get("SERVER_PROTOCOL"));
        assertEquals("", env.get("SERVER_SIGNATURE"));
        assertTrue(env.get("SERVER_SOFTWARE").startsWith("jhttpd/"));
        assertEquals(h + "/cgi", env.get("PWD"));
        assertEquals("bar", env.get("FOO"));
        assertEquals(System.getenv("HOME"), env.get("HOME"));
    }

    @Test
    void unsetEnvInAnInnerDirectoryRemovesAnOuterSetEnv() throws Exception {
        Map<String, String> env = env(server.get("/cgi/sub/env.cgi").bodyText());
        assertEquals("bar", env.get("FOO"));
        assertFalse(env.containsKey("GONE"), env.toString());
        // as Apache's ap_add_common_vars: the server's own variables win over SetEnv
        assertEquals("localhost", env.get("SERVER_NAME"));
    }

    @Test
    void credentialsArePassedOnlyWithCgiPassAuth() throws Exception {
        Map<String, String> env = env(server.get("/cgi/env.cgi", "Authorization: Basic eA==").bodyText());
        assertNull(env.get("HTTP_AUTHORIZATION"));
    }

    @Test
    void postBodyWithContentLengthReachesStdin() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /cgi/cat.cgi HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 5\r\nConnection: close\r\n\r\nhello");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            // Apache: "CONTENT_LENGTH=5 CONTENT_TYPE=application/x-www-form-urlencoded\nhello"
            assertEquals("CONTENT_LENGTH=5 CONTENT_TYPE=application/x-www-form-urlencoded\nhello", r.bodyText());
        }
    }

    @Test
    void chunkedPostStreamsWithoutContentLength() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /cgi/cat.cgi HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n6\r\nhello \r\n7\r\nchunked\r\n0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            // Apache: no CONTENT_LENGTH for a chunked body, the body streamed as it came
            assertEquals("CONTENT_LENGTH=unset CONTENT_TYPE=application/x-www-form-urlencoded\nhello chunked", r.bodyText());
        }
    }

    @Test
    void isindexQueryBecomesShellEscapedArguments() throws Exception {
        // Apache: [word1] [two x] [a\;b]
        assertEquals("[word1]\n[two x]\n[a\\;b]\n", server.get("/cgi/args.cgi?word1+two%20x+a;b").bodyText());
        assertEquals("", server.get("/cgi/args.cgi?k=v+w").bodyText());
    }

    @Test
    void localLocationIsAnInternalRedirectAsGet() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /cgi/local.cgi HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 3\r\nConnection: close\r\n\r\nx=1");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            Map<String, String> env = env(r.bodyText());
            // Apache: the redirected request is a GET without CONTENT_LENGTH; the first script's
            // variables come back with REDIRECT_ in front
            assertEquals("GET", env.get("REQUEST_METHOD"));
            assertEquals("from=local", env.get("QUERY_STRING"));
            assertFalse(env.containsKey("CONTENT_LENGTH"), env.toString());
            assertEquals("application/x-www-form-urlencoded", env.get("CONTENT_TYPE"));
            assertEquals("200", env.get("REDIRECT_STATUS"));
            assertEquals("/cgi/local.cgi", env.get("REDIRECT_URL"));
            assertEquals("POST", env.get("REDIRECT_REQUEST_METHOD"));
            assertEquals("3", env.get("REDIRECT_CONTENT_LENGTH"));
            assertEquals("/cgi/local.cgi", env.get("REDIRECT_SCRIPT_NAME"));
            assertEquals("bar", env.get("REDIRECT_FOO"));
            assertEquals("/cgi/local.cgi", env.get("REQUEST_URI"));
        }
    }

    @Test
    void absoluteLocationIsA302WithoutTheScriptsBody() throws Exception {
        RawHttp.Response r = server.get("/cgi/remote.cgi");
        // Apache: 302 Found, Location: http://example.com/x, its canned page
        assertEquals(302, r.status);
        assertEquals("http://example.com/x", r.header("Location"));
        assertFalse(r.bodyText().contains("ignored"));
        assertTrue(r.bodyText().contains("<h1>Found</h1>"), r.bodyText());
    }

    @Test
    void statusAndHeadersFromTheScript() throws Exception {
        RawHttp.Response r = server.get("/cgi/status.cgi");
        // Apache: "HTTP/1.1 299 Custom thing", X-A: 1, 2, chunked (the script's Content-Length dropped)
        assertEquals(299, r.status);
        assertEquals("1, 2", r.header("X-A"));
        assertEquals("chunked", r.header("Transfer-Encoding"));
        assertNull(r.header("Content-Length"));
        assertEquals(java.util.List.of("a=1", "b=2"), r.headers.get("set-cookie"));
        assertEquals("hello\n", r.bodyText());
        RawHttp.Response nf = server.get("/cgi/notfound.cgi");
        assertEquals(404, nf.status);
        assertEquals("my own 404\n", nf.bodyText());
    }

    @Test
    void invalidStatusIsA500WithTheScriptsBody() throws Exception {
        // Apache: 500, body "hello" ("Invalid status line from script 'badstatus.cgi': abc")
        RawHttp.Response r = server.get("/cgi/badstatus.cgi");
        assertEquals(500, r.status);
        assertEquals("hello\n", r.bodyText());
    }

    @Test
    void garbageHeadersAre500() throws Exception {
        // Apache: 500 and its canned page for each ("Response header name 'Bad Header' contains
        // invalid characters", "malformed header from script 'nocolon.cgi': Bad header: garbage
        // line", "End of script output before headers: empty.cgi")
        for (String s : new String[] {"badname", "nocolon", "empty"}) {
            RawHttp.Response r = server.get("/cgi/" + s + ".cgi");
            assertEquals(500, r.status, s);
            assertTrue(r.bodyText().contains("<h1>Internal Server Error</h1>"), s);
            assertFalse(r.bodyText().startsWith("body"), s);
        }
    }

    @Test
    void aFileThatIsNotExecutableIs500NeverItsSource() throws Exception {
        // Apache: 500 ("(13)Permission denied: exec of '.../source.cgi' failed")
        RawHttp.Response r = server.get("/cgi/source.cgi");
        assertEquals(500, r.status);
        assertFalse(r.bodyText().contains("secret"));
    }

    @Test
    void withoutExecCgiTheScriptIsForbidden() throws Exception {
        // Apache: 403 ("Options ExecCGI is off in this directory")
        RawHttp.Response r = server.get("/plain/env.cgi");
        assertEquals(403, r.status);
        assertFalse(r.bodyText().contains("ran"));
    }

    @Test
    void setHandlerRunsAnyFileAsAScript() throws Exception {
        assertEquals("via SetHandler\n", server.get("/handler/anything").bodyText());
    }

    @Test
    void missingScriptIs404() throws Exception {
        assertEquals(404, server.get("/cgi/nothere.cgi").status);
    }

    @Test
    void nphScriptWritesTheWholeResponse() throws Exception {
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /cgi/nph-raw.cgi HTTP/1.1\r\nHost: localhost\r\n\r\n");
            byte[] all = c.readUntilClosed(5000);
            // Apache: exactly the script's bytes, then the connection closes
            assertEquals("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Nph: yes\r\n\r\nnph body\n",
                    new String(all, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void perlScript() throws Exception {
        assertEquals("perl says GET x=1\n", server.get("/cgi/hello.pl?x=1").bodyText());
    }

    @Test
    void phpCgiWithRedirectStatusFromSetEnv() throws Exception {
        RawHttp.Response g = server.get("/cgi/info.php?a=A");
        assertEquals(200, g.status, g.bodyText());
        assertEquals("php", g.header("X-Powered"));
        assertEquals("php GET A -\n", g.bodyText());
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /cgi/info.php?a=A HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 3\r\nConnection: close\r\n\r\nb=B");
            assertEquals("php POST A B\n", c.read().bodyText());
        }
    }

    @Test
    void scriptSilentBeyondTheTimeoutIsKilledAnd504() throws Exception {
        Path pidFile = server.root.resolve("hang.pid");
        RawHttp.Response r = server.get("/slow/hang.cgi");
        // Apache (Timeout 3 there): 504 Gateway Timeout after the timeout
        assertEquals(504, r.status);
        assertGone(pidFile);
        // and the process the script started goes with it
        assertGone(server.root.resolve("hang-child.pid"));
    }

    @Test
    void scriptStallingInItsBodyIsKilledAndTheResponseCutOff() throws Exception {
        Path pidFile = server.root.resolve("hangbody.pid");
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /slow/hangbody.cgi HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String all = new String(c.readUntilClosed(10_000), StandardCharsets.ISO_8859_1);
            // Apache: 200, "start", then the connection closes without the last chunk
            assertTrue(all.startsWith("HTTP/1.1 200 OK\r\n"), all);
            assertTrue(all.contains("start\n"), all);
            assertFalse(all.endsWith("0\r\n\r\n"), all);
        }
        assertGone(pidFile);
    }

    @Test
    void clientThatGoesAwayTakesTheScriptWithIt() throws Exception {
        Path pidFile = server.root.resolve("endless.pid");
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("GET /slow/endless.cgi HTTP/1.1\r\nHost: localhost\r\n\r\n");
            byte[] some = new byte[65536];
            int got = 0;
            while (got < some.length) {
                int n = c.readBytes(some);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            assertTrue(got >= some.length, "the script's output stopped early");
        }
        assertGone(pidFile);
    }

    /** The process whose pid the script wrote is gone within a few seconds. */
    private static void assertGone(Path pidFile) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pidFile) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "script " + pid + " still runs");
    }
}
