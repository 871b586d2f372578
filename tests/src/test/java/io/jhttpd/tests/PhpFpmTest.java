package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jhttpd in front of a real php-fpm, on a TCP port and on a Unix socket, in Apache's three
 * configuration forms: {@code SetHandler proxy:fcgi://...}, {@code SetHandler proxy:unix:...|fcgi://...}
 * and {@code ProxyPassMatch}.
 */
class PhpFpmTest {

    private static PhpFpm fpm;
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        PhpFpm.assumeInstalled();
        Path root = Files.createTempDirectory("jhttpd-fpm");
        fpm = PhpFpm.start(root.resolve("fpm"), 4);
        Path htdocs = root.resolve("htdocs");
        PhpFixtures.write(htdocs);
        PhpFixtures.write(htdocs.resolve("uds"));
        PhpFixtures.write(htdocs.resolve("reuse"));
        server = TestServer.start(root, ""
                + "<FilesMatch \"\\.php$\">\n"
                + "  SetHandler \"proxy:fcgi://127.0.0.1:" + fpm.port + "\"\n"
                + "</FilesMatch>\n"
                + "<Directory \"" + htdocs.resolve("uds") + "\">\n"
                + "  <FilesMatch \"\\.php$\">\n"
                + "    SetHandler \"proxy:unix:" + fpm.socket + "|fcgi://localhost/\"\n"
                + "  </FilesMatch>\n"
                + "</Directory>\n"
                + "<Directory \"" + htdocs.resolve("reuse") + "\">\n"
                + "  <FilesMatch \"\\.php$\">\n"
                + "    SetHandler \"proxy:fcgi://localhost:" + fpm.port + "\"\n"
                + "  </FilesMatch>\n"
                + "</Directory>\n"
                + "ProxySet \"fcgi://localhost:" + fpm.port + "\" enablereuse=on max=2\n"
                + "ProxyPassMatch \"^/pm/(.*\\.php(/.*)?)$\" \"fcgi://127.0.0.1:" + fpm.port + htdocs + "/$1\"\n"
                + "<Directory \"" + htdocs.resolve("dead") + "\">\n"
                + "  <FilesMatch \"\\.php$\">\n"
                + "    SetHandler \"proxy:fcgi://127.0.0.1:1\"\n"
                + "  </FilesMatch>\n"
                + "</Directory>\n");
        Files.createDirectories(htdocs.resolve("dead"));
        Files.writeString(htdocs.resolve("dead/x.php"), "<?php echo 1;");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (fpm != null) {
            fpm.close();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return CLIENT.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(server.url(path)));
    }

    @Test
    void getWithQueryOverTcp() throws Exception {
        HttpResponse<String> r = send(get("/info.php?a=1&b=two%20words").header("X-Test", "hello"));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> v = PhpFixtures.lines(r.body());
        assertEquals("1", v.get("get.a"));
        assertEquals("two words", v.get("get.b"));
        assertEquals("a=1&b=two%20words", v.get("QUERY_STRING"));
        assertEquals("/info.php", v.get("SCRIPT_NAME"));
        assertEquals(server.htdocs.resolve("info.php").toString(), v.get("SCRIPT_FILENAME"));
        assertEquals("/info.php?a=1&b=two%20words", v.get("REQUEST_URI"));
        assertEquals("hello", v.get("HTTP_X_TEST"));
        assertEquals("GET", v.get("REQUEST_METHOD"));
        assertEquals("CGI/1.1", v.get("GATEWAY_INTERFACE"));
        assertEquals(Integer.toString(server.port), v.get("SERVER_PORT"));
        assertEquals("127.0.0.1", v.get("REMOTE_ADDR"));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    @Test
    void proxyHeaderIsNeverPassed() throws Exception {
        HttpResponse<String> r = send(get("/info.php").header("Proxy", "http://evil.example:1"));
        assertEquals("(unset)", PhpFixtures.lines(r.body()).get("HTTP_PROXY"));
    }

    @Test
    void getOverUnixSocket() throws Exception {
        HttpResponse<String> r = send(get("/uds/info.php?x=y"));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> v = PhpFixtures.lines(r.body());
        assertEquals("y", v.get("get.x"));
        assertEquals(server.htdocs.resolve("uds/info.php").toString(), v.get("SCRIPT_FILENAME"));
    }

    @Test
    void pathInfoWithTheHandlerForm() throws Exception {
        HttpResponse<String> r = send(get("/info.php/extra/path"));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> v = PhpFixtures.lines(r.body());
        assertEquals("/extra/path", v.get("PATH_INFO"));
        assertEquals("/info.php", v.get("SCRIPT_NAME"));
        assertEquals("/info.php/extra/path", v.get("PHP_SELF"));
    }

    @Test
    void proxyPassMatchWithPathInfo() throws Exception {
        HttpResponse<String> r = send(get("/pm/info.php/extra?q=1"));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> v = PhpFixtures.lines(r.body());
        assertEquals("/extra", v.get("PATH_INFO"));
        assertEquals(server.htdocs.resolve("info.php").toString(), v.get("SCRIPT_FILENAME"));
        assertEquals("1", v.get("get.q"));
    }

    @Test
    void proxyPassMatchToAMissingScriptIsPhpFpmsNotFound() throws Exception {
        HttpResponse<String> r = send(get("/pm/missing.php"));
        assertEquals(404, r.statusCode());
    }

    @Test
    void postUrlencoded() throws Exception {
        HttpResponse<String> r = send(get("/info.php").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=J%C3%BCrgen&n=42")));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> v = PhpFixtures.lines(r.body());
        assertEquals("J\u00fcrgen", v.get("post.name"));
        assertEquals("42", v.get("post.n"));
        assertEquals("21", v.get("CONTENT_LENGTH"));
    }

    @Test
    void postMultipart() throws Exception {
        byte[] file = new byte[300_000];
        for (int i = 0; i < file.length; i++) {
            file[i] = (byte) (i * 31);
        }
        String boundary = "----jhttpdBoundary42";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"f.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(file);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<String> r = send(get("/info.php").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        assertEquals(200, r.statusCode(), r.body());
        Map<String, String> v = PhpFixtures.lines(r.body());
        assertEquals("value", v.get("post.field"));
        assertEquals(file.length + " " + md5(file), v.get("file.upload"));
    }

    @Test
    void chunkedRequestBodyArrivesWithItsLength() throws Exception {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ('a' + i % 26);
        }
        try (RawHttp c = new RawHttp(server.port)) {
            c.send("POST /info.php HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n");
            for (int at = 0; at < data.length; at += 50_000) {
                c.send(Integer.toHexString(50_000) + "\r\n");
                c.send(java.util.Arrays.copyOfRange(data, at, at + 50_000));
                c.send("\r\n");
            }
            c.send("0\r\n\r\n");
            RawHttp.Response r = c.read();
            assertEquals(200, r.status, r.bodyText());
            Map<String, String> v = PhpFixtures.lines(r.bodyText());
            assertEquals(Integer.toString(data.length), v.get("input.length"));
            assertEquals(md5(data), v.get("input.md5"));
        }
    }

    @Test
    void largeResponseStreamsWhole() throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(get("/big.php").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(64 * 65536, r.body().length);
        assertEquals("0123456789abcdef", new String(r.body(), 65536 * 10, 16, StandardCharsets.US_ASCII));
    }

    @Test
    void statusAndHeadersSetByPhp() throws Exception {
        HttpResponse<String> r = send(get("/headers.php"));
        assertEquals(201, r.statusCode());
        assertEquals("yes", r.headers().firstValue("X-From-Php").orElse(null));
        assertEquals(List.of("a=1", "b=2"), r.headers().allValues("Set-Cookie"));
        assertEquals("created", r.body());
    }

    @Test
    void phpFatalErrorIs500() throws Exception {
        HttpResponse<String> r = send(get("/fatal.php"));
        assertEquals(500, r.statusCode());
    }

    @Test
    void redirectsFromPhpReachTheClient() throws Exception {
        // PHP adds "Status: 302" to every Location, so even a local path is the client's redirect (as with Apache)
        HttpResponse<String> local = send(get("/local-redirect.php"));
        assertEquals(302, local.statusCode());
        assertEquals("/target.txt", local.headers().firstValue("Location").orElse(null));
        HttpResponse<String> remote = send(get("/remote-redirect.php"));
        assertEquals(302, remote.statusCode());
        assertEquals("http://example.com/elsewhere", remote.headers().firstValue("Location").orElse(null));
    }

    @Test
    void deadBackendIs503() throws Exception {
        HttpResponse<String> r = send(get("/dead/x.php"));
        assertEquals(503, r.statusCode());
    }

    @Test
    void reusedConnectionsKeepTalkingToTheSameWorker() throws Exception {
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = send(get("/reuse/info.php?i=" + i));
            assertEquals(200, r.statusCode(), r.body());
            pids.add(PhpFixtures.lines(r.body()).get("pid"));
        }
        assertEquals(1, pids.size(), "sequential requests on a pooled connection reach one php-fpm worker: " + pids);
    }

    @Test
    void backendKilledDuringTheRequestIs502() throws Exception {
        Path pidFile = fpm.dir.resolve("sleeper.pid");
        Files.deleteIfExists(pidFile);
        CompletableFuture<HttpResponse<String>> pending = CLIENT.sendAsync(
                get("/uds/sleep.php?pidfile=" + pidFile).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        PhpFixtures.killSleeper(pidFile);
        HttpResponse<String> r = pending.get(15, TimeUnit.SECONDS);
        assertEquals(502, r.statusCode());
        assertNotNull(r.body());
    }

    static String md5(byte[] data) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("MD5").digest(data);
        StringBuilder sb = new StringBuilder();
        for (byte b : d) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
