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
 *
 * <p>Several MPMs are on the tests' module path, so the base configuration names one with
 * {@code LoadModule}: the worker MPM, unless a test asks for another with {@link #startWith}.
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

    /**
     * The MPM the base configuration loads unless a test names another: the distribution's default,
     * event; the build runs the connection-layer suites once more with {@code -Djhttpd.test.mpm=worker}.
     */
    static final String DEFAULT_MPM = System.getProperty("jhttpd.test.mpm", "event");

    /** A server whose httpd.conf is the base configuration followed by {@code extraConfig}. */
    static TestServer start(String extraConfig) throws Exception {
        Path root = Files.createTempDirectory("jhttpd-test");
        return start(root, extraConfig);
    }

    /**
     * Like {@link #start(String)} with the MPM named {@code mpm} ({@code "event"} loads
     * {@code mpm_event_module}) instead of the worker MPM.
     */
    static TestServer startWith(String mpm, String extraConfig) throws Exception {
        return startWith(mpm, Files.createTempDirectory("jhttpd-test"), extraConfig);
    }

    /** Like {@link #start(Path, String, String...)} with the MPM named {@code mpm}. */
    static TestServer startWith(String mpm, Path root, String extraConfig, String... moreArgs) throws Exception {
        writeConfig(root, mpm, extraConfig);
        return launch(root, moreArgs);
    }

    /** Like {@link #start(String)} but in {@code root}, where a test may have placed files first. */
    static TestServer start(Path root, String extraConfig) throws Exception {
        return start(root, extraConfig, new String[0]);
    }

    /**
     * Like {@link #start(Path, String)}, with more {@code httpd} command-line arguments after
     * {@code -d root -f conf/httpd.conf} ({@code -C}, {@code -c}, {@code -D}).
     */
    static TestServer start(Path root, String extraConfig, String... moreArgs) throws Exception {
        writeConfig(root, extraConfig);
        return launch(root, moreArgs);
    }

    private static TestServer launch(Path root, String... moreArgs) throws Exception {
        String[] args = new String[4 + moreArgs.length];
        args[0] = "-d";
        args[1] = root.toString();
        args[2] = "-f";
        args[3] = "conf/httpd.conf";
        System.arraycopy(moreArgs, 0, args, 4, moreArgs.length);
        Httpd httpd = Httpd.start(args);
        return new TestServer(root, httpd);
    }

    /**
     * Prepares {@code root} as {@link #start(Path, String)} does ({@code htdocs/}, {@code logs/},
     * {@code conf/mime.types}) and writes {@code conf/httpd.conf}: the base configuration followed
     * by {@code extraConfig}. Returns the configuration file. For tests that run the
     * {@code httpd} command on it instead of starting a server.
     */
    static Path writeConfig(Path root, String extraConfig) throws IOException {
        return writeConfig(root, DEFAULT_MPM, extraConfig);
    }

    /** Like {@link #writeConfig(Path, String)}, loading the MPM named {@code mpm}. */
    static Path writeConfig(Path root, String mpm, String extraConfig) throws IOException {
        Files.createDirectories(root.resolve("htdocs"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/mime.types"),
                "text/html html htm\ntext/plain txt\ntext/css css\nimage/png png\napplication/json json\n");
        Path file = root.resolve("conf/httpd.conf");
        Files.writeString(file, baseConfig(root, mpm) + extraConfig + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** The configuration every test server starts with, before the test's own lines. */
    private static String baseConfig(Path root, String mpm) {
        return "ServerRoot \"" + root + "\"\n"
                // first, so that the MPM's directives below are known
                + "LoadModule mpm_" + mpm + "_module modules/mod_mpm_" + mpm + ".so\n"
                + "Listen 127.0.0.1:0\n"
                + "ServerName localhost\n"
                + "DocumentRoot \"" + root.resolve("htdocs") + "\"\n"
                + "<Directory />\n  Require all denied\n</Directory>\n"
                + "<Directory \"" + root.resolve("htdocs") + "\">\n  Require all granted\n</Directory>\n"
                + "TypesConfig conf/mime.types\n"
                + "ThreadsPerChild 8\n"
                + "KeepAliveTimeout 2\n";
    }

    /** How many lines {@link #writeConfig} puts before the extra configuration (whose line n is this plus n). */
    static final int BASE_CONFIG_LINES = (int) baseConfig(Path.of("/"), DEFAULT_MPM).lines().count();

    /**
     * Sends {@code GET path} with {@code Host: localhost:PORT}, {@code Connection: close} and the
     * given header lines on a new connection and reads the response.
     */
    RawHttp.Response get(String path, String... headerLines) throws IOException {
        return request("GET", path, headerLines);
    }

    /** Like {@link #get}, with another method (a HEAD response is read without body). */
    RawHttp.Response request(String method, String path, String... headerLines) throws IOException {
        return request(port, method, path, headerLines);
    }

    /** Like {@link #request(String, String, String...)}, to any server listening on {@code port} (Apache, in a differential test). */
    static RawHttp.Response request(int port, String method, String path, String... headerLines) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        boolean host = false;
        for (String h : headerLines) {
            host |= h.regionMatches(true, 0, "Host:", 0, 5);
        }
        if (!host) {
            sb.append("Host: localhost:").append(port).append("\r\n");
        }
        for (String h : headerLines) {
            sb.append(h).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        try (RawHttp c = new RawHttp(port)) {
            c.send(sb.toString());
            return c.read(method.equals("HEAD"));
        }
    }

    /** A new temporary folder for a test server's files, readable by all (see {@link #writeReadable}). */
    static Path readableTempRoot(String prefix) throws IOException {
        Path root = Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    /**
     * Writes {@code text} to {@code file} with permissions {@code mode}, and makes every folder from
     * its own up to {@code root} readable by all: Apache's children in a differential test run as
     * another user and must be able to read it.
     */
    static Path writeReadable(Path root, Path file, String text, String mode) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        for (Path d = file.getParent(); d.startsWith(root); d = d.getParent()) {
            Files.setPosixFilePermissions(d, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return file;
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
