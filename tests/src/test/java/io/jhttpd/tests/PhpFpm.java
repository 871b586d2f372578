package io.jhttpd.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real php-fpm started for a test with its own configuration in a temporary folder: one pool
 * on a loopback TCP port, one on a Unix socket. Closing it stops php-fpm. Tests that need it are
 * skipped (not failed) where php-fpm is not installed.
 */
final class PhpFpm implements AutoCloseable {

    /** Debian's php-fpm, whatever PHP version it is for ({@code /usr/sbin/php-fpm8.2} on bookworm). */
    static final Path BINARY = findBinary();

    private static Path findBinary() {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(Path.of("/usr/sbin"))) {
            return s.filter(p -> p.getFileName().toString().matches("php-fpm[0-9.]*")).sorted().reduce((a, b) -> b)
                    .orElse(Path.of("/usr/sbin/php-fpm"));
        } catch (java.io.IOException e) {
            return Path.of("/usr/sbin/php-fpm");
        }
    }

    final Path dir;
    final int port;
    final Path socket;
    private final Process process;

    private PhpFpm(Path dir, int port, Path socket, Process process) {
        this.dir = dir;
        this.port = port;
        this.socket = socket;
        this.process = process;
    }

    /** Skips the calling test unless php-fpm is installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "php-fpm is not installed at " + BINARY + " (apt-get install php-fpm)");
    }

    /** Starts php-fpm with {@code children} workers per pool and waits until both pools accept. */
    static PhpFpm start(Path dir, int children) throws Exception {
        assumeInstalled();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path socket = dir.resolve("fpm.sock");
        boolean root = "root".equals(System.getProperty("user.name"));
        String pool = (root ? "user = root\n" : "")
                + "pm = static\npm.max_children = " + children + "\ncatch_workers_output = yes\n"
                + "php_admin_value[display_errors] = off\nphp_admin_value[log_errors] = on\n";
        Files.writeString(dir.resolve("php-fpm.conf"), "[global]\n"
                + "pid = " + dir.resolve("fpm.pid") + "\n"
                + "error_log = " + dir.resolve("fpm.log") + "\n"
                + "daemonize = no\n"
                + "[tcp]\nlisten = 127.0.0.1:" + port + "\n" + pool
                + "[uds]\nlisten = " + socket + "\n" + pool);
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "-F", "-n", "-y", dir.resolve("php-fpm.conf").toString(),
                "-p", dir.toString()));
        if (root) {
            cmd.add("-R");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("fpm.out").toFile()).start();
        PhpFpm fpm = new PhpFpm(dir, port, socket, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("php-fpm exited: " + Files.readString(dir.resolve("fpm.out")));
            }
            if (Files.exists(socket) && accepts(port)) {
                return fpm;
            }
            Thread.sleep(20);
        }
        fpm.close();
        throw new IllegalStateException("php-fpm did not start listening within 10 s");
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** php-fpm's own log (pool workers' stderr included). */
    String log() throws IOException {
        Path log = dir.resolve("fpm.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
