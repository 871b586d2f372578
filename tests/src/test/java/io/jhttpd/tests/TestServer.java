package io.jhttpd.tests;

import io.jhttpd.kernel.launch.Httpd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real jhttpd in this JVM on an ephemeral loopback port, with its own ServerRoot in a temporary
 * folder ({@code htdocs/}, {@code logs/}, {@code conf/mime.types}) and the configuration a test
 * gives. Closing it stops the server and deletes the folder.
 */
final class TestServer implements AutoCloseable {

    final Path root;
    final Path htdocs;
    final Httpd httpd;
    final int port;

    private TestServer(Path root, Httpd httpd) {
        this.root = root;
        this.htdocs = root.resolve("htdocs");
        this.httpd = httpd;
        this.port = httpd.addresses().get(0).getPort();
    }

    /** A server whose httpd.conf is the base configuration followed by {@code extraConfig}. */
    static TestServer start(String extraConfig) throws Exception {
        Path root = Files.createTempDirectory("jhttpd-test");
        return start(root, extraConfig);
    }

    /** Like {@link #start(String)} but in {@code root}, where a test may have placed files first. */
    static TestServer start(Path root, String extraConfig) throws Exception {
        Files.createDirectories(root.resolve("htdocs"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/mime.types"),
                "text/html html htm\ntext/plain txt\ntext/css css\nimage/png png\napplication/json json\n");
        String conf = "ServerRoot \"" + root + "\"\n"
                + "Listen 127.0.0.1:0\n"
                + "ServerName localhost\n"
                + "DocumentRoot \"" + root.resolve("htdocs") + "\"\n"
                + "<Directory />\n  Require all denied\n</Directory>\n"
                + "<Directory \"" + root.resolve("htdocs") + "\">\n  Require all granted\n</Directory>\n"
                + "TypesConfig conf/mime.types\n"
                + "ThreadsPerChild 8\n"
                + "KeepAliveTimeout 2\n"
                + extraConfig + "\n";
        Files.writeString(root.resolve("conf/httpd.conf"), conf, StandardCharsets.UTF_8);
        Httpd httpd = Httpd.start("-d", root.toString(), "-f", "conf/httpd.conf");
        return new TestServer(root, httpd);
    }

    /** Writes {@code content} to {@code htdocs/relative}. */
    Path file(String relative, String content) throws IOException {
        Path p = htdocs.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws IOException {
        httpd.close();
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
