package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CGI bodies stream in constant memory both ways: the jlink image runs as its own process with a
 * 32 MiB heap ({@code JHTTPD_JAVA_OPTS=-Xmx32m}) and moves {@value #SIZE} bytes down from a script
 * and up into one, so a server that held a body (or even a tenth of one) would fail with
 * OutOfMemoryError. The same server's error log shows script stderr and header errors tagged with
 * the script. (1 GiB each way was measured by hand; see the closing note.)
 */
class CgiStreamingTest {

    private static final long SIZE = 256L << 20;

    @TempDir
    static Path work;
    private static Process server;
    private static int port;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        Path img = Path.of("..", "distribution", "target", "jhttpd").toAbsolutePath().normalize();
        assertTrue(Files.isExecutable(img.resolve("bin/httpd")), "no image at " + img);
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path cgi = work.resolve("htdocs/cgi");
        Files.createDirectories(cgi);
        Files.createDirectories(work.resolve("logs"));
        Files.createDirectories(work.resolve("conf"));
        Files.writeString(work.resolve("conf/mime.types"), "text/plain txt\n");
        script(cgi.resolve("zero.cgi"), "#!/bin/sh\nprintf 'Content-Type: application/octet-stream\\n\\n'\n"
                + "exec head -c \"$QUERY_STRING\" /dev/zero\n");
        script(cgi.resolve("count.cgi"), "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\nwc -c | tr -d ' '\n");
        script(cgi.resolve("stderr.cgi"), "#!/bin/sh\necho 'to the log' >&2\nprintf 'Content-Type: text/plain\\n\\nok\\n'\n");
        script(cgi.resolve("badname.cgi"), "#!/bin/sh\nprintf 'Bad Header: x\\n\\n'\n");
        Path conf = work.resolve("httpd.conf");
        Files.writeString(conf, String.join("\n",
                "ServerRoot \"" + work + "\"",
                "LoadModule mpm_worker_module modules/mod_mpm_worker.so",
                "Listen 127.0.0.1:" + port,
                "ServerName localhost",
                "PidFile \"" + work.resolve("httpd.pid") + "\"",
                "ErrorLog \"" + work.resolve("logs/error_log") + "\"",
                "DocumentRoot \"" + work.resolve("htdocs") + "\"",
                "TypesConfig conf/mime.types",
                "LimitRequestBody 0",
                "<Directory \"" + cgi + "\">",
                "  Options +ExecCGI",
                "  AddHandler cgi-script .cgi",
                "  Require all granted",
                "</Directory>", ""));
        ProcessBuilder pb = new ProcessBuilder(img.resolve("bin/httpd").toString(), "-X", "-f", conf.toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("stdout").toFile());
        pb.environment().put("JHTTPD_JAVA_OPTS", "-Xmx32m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError");
        server = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                get("/cgi/stderr.cgi", HttpResponse.BodyHandlers.ofString());
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !server.isAlive()) {
                    fail("the image did not answer: " + Files.readString(work.resolve("stdout")));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void script(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), handler);
    }

    @Test
    void largeDownloadStreamsThroughASmallHeap() throws Exception {
        HttpResponse<InputStream> r = get("/cgi/zero.cgi?" + SIZE, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = r.body()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        }
        assertEquals(SIZE, total);
        assertTrue(server.isAlive(), "the server died");
    }

    @Test
    void largeUploadStreamsThroughASmallHeap() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cgi/count.cgi"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(Zeros::new), SIZE))
                .build();
        HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(Long.toString(SIZE), r.body().trim());
        assertTrue(server.isAlive(), "the server died");
    }

    @Test
    void scriptStderrAndHeaderErrorsGoToTheErrorLogTaggedWithTheScript() throws Exception {
        assertEquals("ok\n", get("/cgi/stderr.cgi", HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(500, get("/cgi/badname.cgi", HttpResponse.BodyHandlers.ofString()).statusCode());
        Path log = work.resolve("logs/error_log");
        String stderrLine = "JH09006: stderr from " + work.resolve("htdocs/cgi/stderr.cgi") + ": to the log";
        String headerLine = "JH09009: Response header name 'Bad Header' from script 'badname.cgi' contains invalid characters";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(stderrLine) && text.contains(headerLine)) {
                return;
            }
            Thread.sleep(50);
        }
        fail("error log lacks the script's lines:\n" + text);
    }

    /** {@link #SIZE} zero bytes, made as they are read. */
    private static final class Zeros extends InputStream {
        private long left = SIZE;

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }

}
