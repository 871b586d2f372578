package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * mod_fcgid's process manager with the real php-cgi: processes started on demand, one request at
 * a time each, retired after FcgidMaxRequestsPerProcess, replaced after a crash, stopped when idle
 * and when the server stops.
 */
class FcgidTest {

    private static final Path PHP_CGI = Path.of("/usr/bin/php-cgi");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer server;
    private final List<Long> pidsSeen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(PHP_CGI), "php-cgi is not installed at " + PHP_CGI + " (apt-get install php-cgi)");
    }

    private void startServer(String extra) throws Exception {
        Path root = Files.createTempDirectory("jhttpd-fcgid");
        Path htdocs = root.resolve("htdocs");
        PhpFixtures.write(htdocs);
        PhpFixtures.write(htdocs.resolve("noexec"));
        server = TestServer.start(root, ""
                + "AddHandler fcgid-script .php\n"
                + "FcgidWrapper \"/usr/bin/php-cgi -d display_errors=0\" .php\n"
                + "FcgidIOTimeout 15\n"
                + "<Directory \"" + htdocs + "\">\n  Options +ExecCGI\n</Directory>\n"
                + "<Directory \"" + htdocs.resolve("noexec") + "\">\n  Options -ExecCGI\n</Directory>\n"
                + extra);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            for (long pid : pidsSeen) {
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (p.isPresent() && p.get().isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(p.isPresent() && p.get().isAlive(), "php-cgi " + pid + " outlived the server");
            }
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        String pid = PhpFixtures.lines(r.body()).get("pid");
        if (pid != null) {
            pidsSeen.add(Long.parseLong(pid));
        }
        return r;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.url(path)));
    }

    @Test
    void getPostAndPathInfo() throws Exception {
        startServer("");
        HttpResponse<String> r = send(get("/info.php/more/path?x=1"));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> v = PhpFixtures.lines(r.body());
        assertEquals("1", v.get("get.x"));
        assertEquals("/more/path", v.get("PATH_INFO"));
        assertEquals("/info.php", v.get("SCRIPT_NAME"));
        HttpResponse<String> post = send(get("/info.php").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b&c=d")));
        assertEquals("d", PhpFixtures.lines(post.body()).get("post.c"));
        HttpResponse<String> h = send(get("/headers.php"));
        assertEquals(201, h.statusCode());
        assertEquals("yes", h.headers().firstValue("X-From-Php").orElse(null));
        assertEquals(500, send(get("/fatal.php")).statusCode());
    }

    @Test
    void withoutExecCgiIsForbidden() throws Exception {
        startServer("");
        assertEquals(403, send(get("/noexec/info.php")).statusCode());
    }

    @Test
    void processesAreRetiredAfterTheirRequestLimit() throws Exception {
        startServer("FcgidMaxRequestsPerProcess 4\n");
        Map<String, Integer> perPid = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = send(get("/info.php?i=" + i));
            assertEquals(200, r.statusCode(), r.body());
            perPid.merge(PhpFixtures.lines(r.body()).get("pid"), 1, Integer::sum);
        }
        assertEquals(3, perPid.size(), "10 requests at 4 per process: " + perPid);
        assertTrue(perPid.values().stream().allMatch(n -> n <= 4), perPid.toString());
    }

    @Test
    void crashedProcessIsReplaced() throws Exception {
        startServer("");
        Path pidFile = server.root.resolve("sleeper.pid");
        CompletableFuture<HttpResponse<String>> pending = CLIENT.sendAsync(
                get("/sleep.php?pidfile=" + pidFile).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        long pid = PhpFixtures.killSleeper(pidFile);
        pidsSeen.add(pid);
        assertEquals(502, pending.get(15, TimeUnit.SECONDS).statusCode());
        HttpResponse<String> after = send(get("/info.php"));
        assertEquals(200, after.statusCode(), after.body());
        assertNotEquals(Long.toString(pid), PhpFixtures.lines(after.body()).get("pid"));
    }

    @Test
    void idleProcessesAreStopped() throws Exception {
        startServer("FcgidIdleTimeout 1\nFcgidMinProcessesPerClass 0\n");
        HttpResponse<String> r = send(get("/info.php"));
        assertEquals(200, r.statusCode(), r.body());
        long pid = Long.parseLong(PhpFixtures.lines(r.body()).get("pid"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "idle php-cgi still running");
    }

    @Test
    void concurrentRequestsGetProcessesOfTheirOwn() throws Exception {
        startServer("FcgidMaxProcessesPerClass 3\n");
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(CLIENT.sendAsync(get("/big.php").timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertEquals(64 * 65536, r.body().length());
        }
    }
}
