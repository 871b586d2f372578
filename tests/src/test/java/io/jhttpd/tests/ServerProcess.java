package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A multi-process server from the image ({@code bin/httpd -k start}, no {@code -X}): a master and
 * its child JVMs, in a temporary ServerRoot with {@code /server-status} on. The master's idle
 * maintenance runs every 200 ms instead of every second so the tests stay short. {@link #close}
 * stops it with {@code -k stop} and makes sure no process of it is left.
 */
final class ServerProcess implements AutoCloseable {

    final Path root;
    final int port;
    /** The master {@code -k start} started, kept in case the PidFile goes (close must stop it anyway). */
    private long startedMaster = -1;
    private final Path image = ImageTest.image();

    private ServerProcess(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    /**
     * Writes a configuration with {@code mpmConfig} (LoadModule and the MPM's directives), starts
     * the server and waits until {@code children} children are ready.
     */
    static ServerProcess start(String mpmConfig, int children) throws Exception {
        Path root = Files.createTempDirectory("jhttpd-procs");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(root.resolve("conf"));
        Files.createDirectories(root.resolve("logs"));
        Files.createDirectories(root.resolve("htdocs"));
        Files.copy(ImageTest.image().resolve("conf/mime.types"), root.resolve("conf/mime.types"));
        Files.writeString(root.resolve("htdocs/index.html"), "hello\n");
        Files.writeString(root.resolve("conf/httpd.conf"), String.join("\n",
                "Listen 127.0.0.1:" + port,
                "ServerName localhost",
                "DocumentRoot htdocs",
                "ErrorLog logs/error_log",
                "LogLevel info",
                "PidFile logs/httpd.pid",
                "KeepAliveTimeout 2",
                "<Location /server-status>",
                "  SetHandler server-status",
                "</Location>",
                mpmConfig, ""));
        ServerProcess s = new ServerProcess(root, port);
        String out = s.httpd("-k", "start");
        s.startedMaster = s.masterPid();
        try {
            s.await("the server answers", () -> get(port, "/index.html") == 200);
            s.await(children + " children are ready", () -> s.readyChildren() >= children);
        } catch (Throwable t) {
            s.close();
            throw t;
        }
        if (!out.isEmpty()) {
            System.err.println(out);
        }
        return s;
    }

    /** Runs {@code bin/httpd -d root ARGS} to its end; its output. */
    String httpd(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(image.resolve("bin/httpd").toString(), "-d", root.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(root.resolve("logs/launcher.out").toFile());
        pb.environment().put("JHTTPD_JAVA_OPTS", "-Djhttpd.maintenance.millis=200");
        Process p = pb.start();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("httpd " + args + " did not finish");
        }
        return Files.readString(root.resolve("logs/launcher.out"));
    }

    /** The master's pid from the PidFile, or -1. */
    long masterPid() {
        try {
            return Long.parseLong(Files.readString(root.resolve("logs/httpd.pid")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The master's live child processes. */
    List<ProcessHandle> children() {
        return ProcessHandle.of(masterPid()).map(h -> h.children().filter(ProcessHandle::isAlive).toList()).orElse(List.of());
    }

    String errorLog() throws IOException {
        Path p = root.resolve("logs/error_log");
        return Files.exists(p) ? Files.readString(p) : "";
    }

    /** {@code /server-status?auto}, as key/value pairs. */
    Map<String, String> status() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : fetch(port, "/server-status?auto").split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return out;
    }

    /** Children that accept connections: live ones less those still starting. */
    int readyChildren() throws IOException {
        Map<String, String> st = status();
        long starting = st.getOrDefault("Scoreboard", "").chars().filter(ch -> ch == 'S').count();
        return Integer.parseInt(st.getOrDefault("Processes", "0")) - (int) starting;
    }

    /** A status figure as a number. */
    int statusNumber(String key) throws IOException {
        return Integer.parseInt(status().getOrDefault(key, "-1"));
    }

    /** Something a test waits for, checked every 100 ms for at most 20 s. */
    interface Check {
        boolean holds() throws Exception;
    }

    void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        fail("not within 20 s: " + what + (last == null ? "" : " (last error: " + last + ")") + "\nerror log:\n" + errorLog());
    }

    /** GET with {@code Connection: close}; the status, once the whole body (Content-Length) arrived; an exception otherwise. */
    static int get(int port, String path) throws IOException {
        return Integer.parseInt(request(port, path)[0]);
    }

    /** The body of a GET. */
    static String fetch(int port, String path) throws IOException {
        return request(port, path)[1];
    }

    private static String[] request(int port, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(got);
            String text = got.toString(StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || headEnd < 0) {
                throw new IOException("no whole response head: " + text);
            }
            String head = text.substring(0, headEnd);
            String body = text.substring(headEnd + 4);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: (\\d+)").matcher(head);
            if (m.find() && Long.parseLong(m.group(1)) != body.length()) {
                throw new IOException("body cut short: " + body.length() + " of " + m.group(1) + " bytes");
            }
            return new String[] {text.substring(9, 12), body};
        }
    }

    /** Stops the server and removes its folder (configuration, logs, documents). */
    @Override
    public void close() throws Exception {
        try {
            stop();
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Stops the server with {@code -k stop}, keeping its folder; kills whatever is left after 15 s (and fails then). */
    void stop() throws Exception {
        long master = masterPid() > 0 ? masterPid() : startedMaster;
        List<ProcessHandle> kids = ProcessHandle.of(master).map(h -> h.descendants().toList()).orElse(List.of());
        if (master > 0) {
            httpd("-k", "stop");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Predicate<ProcessHandle> alive = ProcessHandle::isAlive;
        while (System.nanoTime() < deadline && (ProcessHandle.of(master).filter(alive).isPresent() || kids.stream().anyMatch(alive))) {
            Thread.sleep(50);
        }
        boolean leftovers = ProcessHandle.of(master).filter(alive).isPresent() || kids.stream().anyMatch(alive);
        kids.forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.of(master).ifPresent(ProcessHandle::destroyForcibly);
        if (leftovers) {
            fail("processes were left after httpd -k stop\n" + errorLog());
        }
    }
}
