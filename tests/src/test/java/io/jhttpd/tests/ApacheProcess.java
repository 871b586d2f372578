package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Apache httpd ({@code apache2 -X}) started by a differential test on a free loopback
 * port, serving {@code htdocs} with the given modules and configuration section; stopped by
 * {@link #close()}.
 */
final class ApacheProcess implements AutoCloseable {

    static final Path APACHE = Path.of("/usr/sbin/apache2");
    static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    final int port;
    private final Process process;

    private ApacheProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** What a differential test asks one server: its answers to a fixed set of requests, one line each. */
    interface Answers {
        java.util.List<String> from(int port) throws IOException;
    }

    /**
     * Starts Apache with {@code modules} and the same {@code section} jhttpd read, on the tree
     * {@code root/htdocs}, and asserts that it answers as the jhttpd on {@code jhttpdPort} does.
     * Skipped (an assumption fails) where Apache or one of the modules is not installed.
     */
    static void assertSameAnswers(Path root, String[] modules, String section, Answers answers, int jhttpdPort) throws Exception {
        for (String m : modules) {
            org.junit.jupiter.api.Assumptions.assumeTrue(installed(m), "Apache httpd with mod_" + m + " is not installed");
        }
        try (ApacheProcess apache = start(root.resolve("apache"), root.resolve("htdocs"), modules, section)) {
            org.junit.jupiter.api.Assertions.assertEquals(answers.from(apache.port), answers.from(jhttpdPort));
        }
    }

    /** True if Apache and its module {@code mod_<module>.so} are installed. */
    static boolean installed(String module) {
        return Files.isExecutable(APACHE) && Files.exists(MODULES.resolve("mod_" + module + ".so"));
    }

    /** Starts Apache with its files under {@code dir}, loading {@code modules} (names without {@code mod_}), and waits until it answers. */
    static ApacheProcess start(Path dir, Path htdocs, String[] modules, String section) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder conf = new StringBuilder();
        for (String m : modules) {
            conf.append("LoadModule ").append(m).append("_module ").append(MODULES.resolve("mod_" + m + ".so")).append('\n');
        }
        conf.append(String.join("\n",
                "ServerRoot \"" + dir + "\"",
                "PidFile \"" + dir.resolve("httpd.pid") + "\"",
                "ErrorLog \"" + dir.resolve("error_log") + "\"",
                "Mutex file:" + dir + " default",
                "DefaultRuntimeDir \"" + dir + "\"",
                "Listen 127.0.0.1:" + port,
                "ServerName localhost",
                "DocumentRoot \"" + htdocs + "\"",
                "TypesConfig /etc/mime.types",
                section, ""));
        Files.writeString(dir.resolve("httpd.conf"), conf.toString());
        Process process = new ProcessBuilder(APACHE.toString(), "-X", "-d", dir.toString(), "-f", dir.resolve("httpd.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
        ApacheProcess apache = new ApacheProcess(port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (RawHttp c = new RawHttp(port)) {
                return apache;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    apache.close();
                    fail("Apache did not start: " + Files.readString(dir.resolve("stdout")));
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
