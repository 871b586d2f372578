package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real CGI application from Debian, {@code gitweb} (Perl, packages {@code gitweb} and
 * {@code libcgi-pm-perl}), browsing a small repository the test makes with {@code git}: the
 * project list, a summary page and a raw file, all through mod_cgi. Skipped where gitweb is not
 * installed ({@code .ci/run} installs it).
 */
class GitwebTest {

    private static final Path GITWEB = Path.of("/usr/share/gitweb/gitweb.cgi");
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isReadable(GITWEB), "gitweb is not installed");
        assumeTrue(run(Path.of("/"), "perl", "-MCGI", "-e", "1"), "Perl's CGI module is not installed");
        Path root = Files.createTempDirectory("jhttpd-gitweb");
        Path repos = root.resolve("repos");
        Path work = root.resolve("work");
        Files.createDirectories(repos);
        Files.createDirectories(work);
        assertTrue(run(repos, "git", "init", "-q", "--bare", "demo.git"));
        assertTrue(run(work, "git", "init", "-q", "-b", "master"));
        Files.writeString(work.resolve("README"), "hello from gitweb\n");
        assertTrue(run(work, "git", "add", "README"));
        assertTrue(run(work, "git", "-c", "user.name=Tester", "-c", "user.email=t@example.com", "commit", "-q", "-m",
                "first commit message"));
        assertTrue(run(work, "git", "push", "-q", repos.resolve("demo.git").toString(), "master"));
        Path gw = root.resolve("htdocs/gitweb");
        Files.createDirectories(gw);
        Files.copy(GITWEB, gw.resolve("gitweb.cgi"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("gitweb.conf"), "our $projectroot = '" + repos + "';\n");
        server = TestServer.start(root, String.join("\n",
                "<Directory \"" + gw + "\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi",
                "  SetEnv GITWEB_CONFIG \"" + root.resolve("gitweb.conf") + "\"",
                "</Directory>"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static boolean run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return false;
        }
        return p.exitValue() == 0;
    }

    @Test
    void projectListShowsTheRepository() throws Exception {
        RawHttp.Response r = server.get("/gitweb/gitweb.cgi");
        assertEquals(200, r.status, r.bodyText());
        assertTrue(r.header("Content-Type").startsWith("text/html"), r.toString());
        assertTrue(r.bodyText().contains("demo.git"), r.bodyText());
    }

    @Test
    void summaryShowsTheCommit() throws Exception {
        RawHttp.Response r = server.get("/gitweb/gitweb.cgi?p=demo.git;a=summary");
        assertEquals(200, r.status, r.bodyText());
        assertTrue(r.bodyText().contains("first commit message"), r.bodyText());
    }

    @Test
    void rawFileThroughPathInfo() throws Exception {
        RawHttp.Response r = server.get("/gitweb/gitweb.cgi/demo.git/blob_plain/HEAD:/README");
        assertEquals(200, r.status, r.bodyText());
        assertEquals("hello from gitweb\n", r.bodyText());
    }
}
