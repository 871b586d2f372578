package io.jhttpd.testkit;

import io.jhttpd.api.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real jhttpd server for a module's tests: the event MPM on a free port of 127.0.0.1, a fresh
 * server root in a temporary folder ({@code conf/}, {@code htdocs/}, {@code logs/}), and the
 * configuration the test gives after a small base. The server is {@code httpd -X} in a child JVM
 * whose module path holds every module of the test's own class and module path - the module under
 * test included - so modules are found, resolved and isolated exactly as in an image, however the
 * test runner arranged the test's own JVM. {@link #close()} stops it and deletes the folder.
 *
 * <pre>{@code
 * try (TestHttpd httpd = TestHttpd.start("<Location /hi>\n  SetHandler hello\n</Location>")) {
 *     TestHttpd.Reply r = httpd.get("/hi");
 *     assertEquals(200, r.status());
 * }
 * }</pre>
 *
 * <p>The base configuration: {@code Listen 127.0.0.1:PORT}, {@code ServerName localhost},
 * {@code DocumentRoot} {@code htdocs/} (granted; everything else denied), a small
 * {@code conf/mime.types}, {@code ErrorLog logs/error_log} at {@code LogLevel info}, an access log in
 * {@code logs/access_log} (common format), {@code ThreadsPerChild 8}, {@code KeepAliveTimeout 2}.
 */
public final class TestHttpd implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Path root;
    private final Process process;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private TestHttpd(Path root, Process process, int port) {
        this.root = root;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts a server whose {@code httpd.conf} is the base configuration followed by {@code config},
     * and waits until it answers.
     *
     * @throws ConfigException if the server refuses the configuration (the message is what
     *                         {@code httpd} said: file, line and what was expected)
     */
    public static TestHttpd start(String config) throws ConfigException, IOException {
        return start(Files.createTempDirectory("jhttpd-testkit"), config);
    }

    /**
     * Like {@link #start(String)} in {@code root}, where the test may have put files first (a
     * {@code htdocs/} tree, say). The folder is deleted by {@link #close()}.
     */
    public static TestHttpd start(Path root, String config) throws ConfigException, IOException {
        int port = freePort();
        Path conf = writeConfig(root, port, config);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("--module-path");
        command.add(modulePath());
        command.add("-m");
        command.add("io.jhttpd.kernel/io.jhttpd.kernel.launch.Main");
        command.addAll(List.of("-X", "-d", root.toString(), "-f", conf.toString()));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("logs/console").toFile())
                .start();
        TestHttpd httpd = new TestHttpd(root, p, port);
        try {
            httpd.awaitAnswer();
            return httpd;
        } catch (ConfigException | IOException | RuntimeException e) {
            httpd.close();
            throw e;
        }
    }

    /** Waits until the port takes connections; a server that exits first has refused to start. */
    private void awaitAnswer() throws ConfigException, IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                String said = Files.readString(root.resolve("logs/console"), StandardCharsets.UTF_8).strip();
                throw new ConfigException("httpd exited with status " + process.exitValue() + ": " + said);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IOException("httpd did not answer on port " + port + " within " + TIMEOUT.toSeconds() + " s");
    }

    /** The explicit modules (jars or folders with a module-info) of this JVM's module and class paths. */
    private static String modulePath() {
        List<String> entries = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            for (String e : value.split(java.io.File.pathSeparator)) {
                if (!e.isEmpty() && !entries.contains(e) && isExplicitModule(Path.of(e))) {
                    entries.add(e);
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static boolean isExplicitModule(Path entry) {
        if (!Files.exists(entry)) {
            return false;
        }
        try {
            return ModuleFinder.of(entry).findAll().stream().anyMatch(m -> !m.descriptor().isAutomatic());
        } catch (RuntimeException e) {
            // not a module at all (a jar whose name yields no module name, say)
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Writes the server root's {@code conf/httpd.conf} (base configuration plus {@code config}),
     * {@code conf/mime.types} and the {@code htdocs/} and {@code logs/} folders, without starting
     * anything. Returns the file.
     */
    static Path writeConfig(Path root, int port, String config) throws IOException {
        Files.createDirectories(root.resolve("htdocs"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/mime.types"),
                "text/html html htm\ntext/plain txt\ntext/css css\nimage/png png\napplication/json json\n");
        Path file = root.resolve("conf/httpd.conf");
        Files.writeString(file, baseConfig(root, port) + config + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** How many lines the base configuration has: line {@code n} of a test's config is line {@code n + BASE_LINES} of the file. */
    public static final int BASE_LINES = (int) baseConfig(Path.of("/"), 0).lines().count();

    private static String baseConfig(Path root, int port) {
        return "ServerRoot \"" + root + "\"\n"
                + "LoadModule mpm_event_module modules/mod_mpm_event.so\n"
                + "Listen 127.0.0.1:" + port + "\n"
                + "ServerName localhost\n"
                + "DocumentRoot \"" + root.resolve("htdocs") + "\"\n"
                + "<Directory />\n  Require all denied\n</Directory>\n"
                + "<Directory \"" + root.resolve("htdocs") + "\">\n  Require all granted\n</Directory>\n"
                + "TypesConfig conf/mime.types\n"
                + "ErrorLog logs/error_log\n"
                + "LogLevel info\n"
                + "<IfModule log_config_module>\n"
                + "  LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common\n"
                + "  CustomLog logs/access_log common\n"
                + "</IfModule>\n"
                + "ThreadsPerChild 8\n"
                + "KeepAliveTimeout 2\n";
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** The server root: {@code conf/}, {@code htdocs/}, {@code logs/}. */
    public Path root() {
        return root;
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Writes {@code content} (UTF-8) to {@code htdocs/relative}, making folders as needed. */
    public Path file(String relative, String content) throws IOException {
        Path p = root.resolve("htdocs").resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** {@code GET path} with the given header name/value pairs. */
    public Reply get(String path, String... headerNamesAndValues) throws IOException {
        return request("GET", path, null, headerNamesAndValues);
    }

    /** {@code POST path} with {@code body} (UTF-8) and the given header name/value pairs. */
    public Reply post(String path, String body, String... headerNamesAndValues) throws IOException {
        return request("POST", path, body, headerNamesAndValues);
    }

    /**
     * Any method, with a body (UTF-8) or none ({@code null}), and header name/value pairs, sent with
     * HTTP/1.1 by {@code java.net.http.HttpClient} (20 s timeouts).
     */
    public Reply request(String method, String path, String body, String... headerNamesAndValues) throws IOException {
        if (headerNamesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("header names and values come in pairs");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).version(HttpClient.Version.HTTP_1_1).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            b.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * What the server answered: status, header fields (names in lower case) and the body as text.
     *
     * @param status  the status code
     * @param headers every field, by lower-case name, values in order
     * @param body    the body, decoded as UTF-8
     */
    public record Reply(int status, Map<String, List<String>> headers, String body) {
        /** The first value of header {@code name} (any case), or {@code null}. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** The lines of {@code logs/error_log} so far (empty if none was written). */
    public List<String> errorLog() {
        return lines(root.resolve("logs/error_log"));
    }

    /**
     * The lines of {@code logs/access_log} so far. A request is logged once its response is out,
     * so a test that has just read a response waits for its line with {@link #awaitAccessLog}.
     */
    public List<String> accessLog() {
        return lines(root.resolve("logs/access_log"));
    }

    /**
     * Waits up to 5 s for a line of the access log that {@code wanted} accepts, and returns it, or
     * {@code null} if none came.
     */
    public String awaitAccessLog(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            for (String line : accessLog()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(10);
        } while (System.nanoTime() - deadline < 0);
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server (TERM: it finishes what it serves; KILL after 10 s) and deletes its root. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(root);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
