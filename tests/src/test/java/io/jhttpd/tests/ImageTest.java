package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jlink image the distribution builds ({@code distribution/target/jhttpd}): it holds exactly the
 * modules we name, its {@code bin/httpd} checks and serves the shipped configuration, and it answers
 * a real request with {@code htdocs/index.html}.
 */
class ImageTest {

    /** The repository's top folder (the one holding {@code distribution/}). */
    static Path repository() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("distribution/pom.xml"))) {
            p = p.getParent();
        }
        return p;
    }

    static Path image() {
        Path p = repository();
        Path img = p == null ? null : p.resolve("distribution/target/jhttpd");
        if (img == null || !Files.isExecutable(img.resolve("bin/httpd"))) {
            fail("no image at distribution/target/jhttpd: build it with mvn verify (the distribution's package phase runs jlink)");
        }
        return img;
    }

    /** Runs {@code cmd} in {@code dir} (up to 120 s) and returns what it printed, stdout and stderr. */
    static String run(Path dir, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                fail(cmd + " did not finish");
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void holdsExactlyTheNamedModules() throws Exception {
        Path img = image();
        String out = run(img, List.of(img.resolve("bin/java").toString(), "--list-modules"));
        for (String m : List.of("io.jhttpd.api@", "io.jhttpd.kernel@", "io.jhttpd.mpm.worker@", "io.jhttpd.mpm.event@", "io.jhttpd.mod.staticfiles@",
                "io.jhttpd.mod.log@", "io.jhttpd.mod.setenvif@", "io.jhttpd.mod.headers@", "io.jhttpd.mod.expires@", "io.jhttpd.errorlog@", "ch.qos.logback.classic@", "org.slf4j@", "java.base@")) {
            assertTrue(out.contains(m), m + " missing from the image:\n" + out);
        }
        assertTrue(!out.contains("io.jhttpd.tests"), "test modules must not be in the image");
        assertTrue(!out.contains("java.desktop") && !out.contains("jdk.compiler"), "the image pulled in unneeded JDK modules:\n" + out);
    }

    @Test
    void rotatelogsWritesWhatItReads(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path img = image();
        Process p = new ProcessBuilder(img.resolve("bin/rotatelogs").toString(), "-t", "access_log", "86400")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write("one\ntwo\n".getBytes(StandardCharsets.US_ASCII));
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rotatelogs ends at end of input");
            assertEquals("one\ntwo\n", Files.readString(dir.resolve("access_log")));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void shippedConfigurationChecksOk() throws Exception {
        Path img = image();
        String out = run(Path.of("/"), List.of(img.resolve("bin/httpd").toString(), "-t"));
        assertTrue(out.contains("Syntax OK"), out);
    }

    @Test
    void servesHtdocsIndexFromAnyDirectory(@TempDir Path work) throws Exception {
        Path img = image();
        int port = freePort();
        Path confFile = shippedConfig(img, work, port, "");
        Process server = serve(img, confFile, work, port);
        try {
            HttpResponse<String> r = get(port, "/");
            assertEquals(200, r.statusCode());
            assertEquals(Files.readString(img.resolve("htdocs/index.html")), r.body());
            assertEquals("text/html", r.headers().firstValue("Content-Type").orElse(""));
            assertTrue(r.headers().firstValue("Server").orElse("").startsWith("jhttpd/"));
        } finally {
            stop(server);
        }
        String log = Files.readString(work.resolve("access_log"));
        assertTrue(log.matches("127\\.0\\.0\\.1 - - \\[[^\\]]+\\] \"GET / HTTP/1\\.1\" 200 \\d+\n"), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Writes {@code work/httpd.conf}: {@code img}'s shipped configuration with the port moved to
     * {@code port} (so the test can run beside a real server) and the logs and pid file in
     * {@code work}, followed by {@code extra}.
     */
    static Path shippedConfig(Path img, Path work, int port, String extra) throws IOException {
        String conf = Files.readString(img.resolve("conf/httpd.conf")).replace("Listen 127.0.0.1:8080", "Listen 127.0.0.1:" + port)
                .replace("PidFile \"logs/httpd.pid\"", "PidFile \"" + work.resolve("httpd.pid") + "\"")
                .replace("CustomLog \"logs/access_log\" common", "CustomLog \"" + work.resolve("access_log") + "\" common")
                .replace("ErrorLog \"logs/error_log\"", "ErrorLog \"" + work.resolve("error_log") + "\"");
        Path confFile = work.resolve("httpd.conf");
        Files.writeString(confFile, conf + "\n" + extra + "\n");
        return confFile;
    }

    /** Starts {@code img}'s {@code bin/httpd -X -f conf} in {@code work} and waits (up to 30 s) until it answers on {@code port}. */
    static Process serve(Path img, Path conf, Path work, int port) throws Exception {
        Process server = new ProcessBuilder(img.resolve("bin/httpd").toString(), "-X", "-f", conf.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("stdout").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
                return server;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    stop(server);
                    fail("the image did not answer: " + Files.readString(work.resolve("stdout")));
                }
                Thread.sleep(50);
            }
        }
    }

    /** {@code GET path} on 127.0.0.1:port. */
    static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Stops a server started by {@link #serve}: TERM, then KILL after 15 s. */
    static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(15, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
        }
    }
}
