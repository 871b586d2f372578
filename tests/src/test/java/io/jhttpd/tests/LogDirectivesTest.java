package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * mod-log's directives end to end: piped logs whose program dies and comes back without losing a
 * line, {@code rotatelogs} as the piped program, {@code BufferedLogs} flushed at stop,
 * {@code GlobalLog} next to a virtual host's own log, and {@code env=} conditions fed by
 * mod-setenvif rules in the server and in a {@code <Location>}.
 */
class LogDirectivesTest {

    @Test
    void aPipedLogsProgramIsRestartedAndNoLineIsLost() throws Exception {
        try (TestServer s = TestServer.start(
                "CustomLog \"|$echo $$ >> logs/pids; exec cat >> logs/piped\" \"%>s %U\"\n")) {
            Path piped = s.root.resolve("logs/piped");
            for (int i = 0; i < 5; i++) {
                assertEquals(404, s.get("/before" + i).status);
            }
            awaitLines(piped, 5);
            long first = Long.parseLong(Files.readAllLines(s.root.resolve("logs/pids")).get(0).trim());
            ProcessHandle program = ProcessHandle.of(first).orElseThrow();
            program.destroyForcibly();
            program.onExit().get(5, TimeUnit.SECONDS);
            // answered while no program runs: the lines wait in the server and go to the next program
            for (int i = 0; i < 5; i++) {
                assertEquals(404, s.get("/after" + i).status);
            }
            // a line is written after its response, so neighbours may swap: compare as sorted
            List<String> lines = new ArrayList<>(awaitLines(piped, 10));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expected.add("404 /before" + i);
                expected.add("404 /after" + i);
            }
            lines.sort(null);
            expected.sort(null);
            assertEquals(expected, lines);
            List<String> pids = Files.readAllLines(s.root.resolve("logs/pids"));
            assertEquals(2, pids.size());
            assertNotEquals(pids.get(0), pids.get(1));
        }
    }

    @Test
    void rotatelogsAsThePipedProgram() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String rotatelogs = java + " -XX:TieredStopAtLevel=1 --module-path " + System.getProperty("jdk.module.path")
                + " -m io.jhttpd.mod.log/io.jhttpd.mod.log.internal.RotateLogs -f logs/access.%Y-%m-%d 86400";
        try (TestServer s = TestServer.start("CustomLog \"|" + rotatelogs + "\" \"%>s %U\"\n")) {
            s.file("a.txt", "a\n");
            assertEquals(200, s.get("/a.txt").status);
            assertEquals(404, s.get("/b.txt").status);
            Path file = awaitFile(s.root.resolve("logs"), "access.");
            assertTrue(file.getFileName().toString().matches("access\\.\\d{4}-\\d\\d-\\d\\d"), file.toString());
            assertEquals(List.of("200 /a.txt", "404 /b.txt"), sorted(awaitLines(file, 2)));
        }
    }

    @Test
    void bufferedLogsAreWrittenAtStop() throws Exception {
        try (TestServer s = TestServer.start("BufferedLogs On\nCustomLog logs/buffered \"%>s %U\"\n")) {
            Path log = s.root.resolve("logs/buffered");
            for (int i = 0; i < 3; i++) {
                assertEquals(404, s.get("/r" + i).status);
            }
            // three short lines do not fill the 4 KiB buffer: nothing is written before the stop
            assertEquals(0, Files.size(log));
            s.httpd.close();
            assertEquals(List.of("404 /r0", "404 /r1", "404 /r2"), sorted(Files.readAllLines(log)));
        }
    }

    @Test
    void globalLogSeesVirtualHostsWithLogsOfTheirOwn() throws Exception {
        try (TestServer s = TestServer.start(String.join("\n",
                "GlobalLog logs/global \"%v %U\"",
                "CustomLog logs/main \"%v %U\"",
                "<VirtualHost *>",
                "  ServerName vhost.example",
                "  CustomLog logs/vhost \"%v %U\"",
                "</VirtualHost>",
                "<VirtualHost *>",
                "  ServerName plain.example",
                "</VirtualHost>"))) {
            assertEquals(404, s.get("/one", "Host: vhost.example").status);
            awaitLines(s.root.resolve("logs/global"), 1);
            assertEquals(404, s.get("/two", "Host: plain.example").status);
            awaitLines(s.root.resolve("logs/global"), 2);
            assertEquals(List.of("vhost.example /one", "plain.example /two"), awaitLines(s.root.resolve("logs/global"), 2));
            assertEquals(List.of("vhost.example /one"), awaitLines(s.root.resolve("logs/vhost"), 1));
            // a virtual host without logs of its own writes to the main server's
            assertEquals(List.of("plain.example /two"), awaitLines(s.root.resolve("logs/main"), 1));
        }
    }

    @Test
    void environmentConditionsFromSetEnvIf() throws Exception {
        try (TestServer s = TestServer.start(String.join("\n",
                "SetEnvIfNoCase User-Agent ^healthcheck probe",
                "BrowserMatch ^curl/(\\d+) curl_major=$1",
                "<Location /quiet>",
                "  SetEnvIf Request_URI . quiet",
                "</Location>",
                "CustomLog logs/traffic \"%U %{curl_major}e\" env=!probe",
                "CustomLog logs/probes \"%U\" env=probe",
                "CustomLog logs/loud \"%U\" \"expr=-z reqenv('quiet') && %{REQUEST_STATUS} == '404'\""))) {
            assertEquals(404, s.get("/a", "User-Agent: HealthCheck/1").status);
            assertEquals(404, s.get("/b", "User-Agent: curl/8.1").status);
            assertEquals(404, s.get("/quiet/c").status);
            // lines of separate connections may land in either order
            assertEquals(List.of("/b 8", "/quiet/c -"), sorted(awaitLines(s.root.resolve("logs/traffic"), 2)));
            assertEquals(List.of("/a"), awaitLines(s.root.resolve("logs/probes"), 1));
            assertEquals(List.of("/a", "/b"), sorted(awaitLines(s.root.resolve("logs/loud"), 2)));
        }
    }

    /**
     * A bounded load (8 clients × 150 keep-alive requests, User-Agents up to 3 KB) on each MPM: the
     * unbuffered and the buffered log each hold exactly one whole line per response the clients
     * got, once the server has stopped.
     */
    @Test
    void underLoadEveryResponseHasOneWholeLine() throws Exception {
        for (String mpm : List.of("worker", "event")) {
            try (TestServer s = TestServer.startWith(mpm, String.join("\n",
                    "CustomLog logs/plain \"%k %>s %U \\\"%{User-Agent}i\\\"\"",
                    "BufferedLogs On",
                    "CustomLog logs/buffered \"%k %>s %U \\\"%{User-Agent}i\\\"\"",
                    "MaxKeepAliveRequests 0"))) {
                s.file("x.txt", "x\n");
                int clients = 8;
                int perClient = 150;
                java.util.concurrent.atomic.AtomicInteger responses = new java.util.concurrent.atomic.AtomicInteger();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int client = c;
                    Thread t = new Thread(() -> {
                        try (RawHttp conn = new RawHttp(s.port)) {
                            for (int i = 0; i < perClient; i++) {
                                String agent = client + "-" + i + "-" + "a".repeat((i * 37 + client * 101) % 3000);
                                conn.send("GET /x.txt HTTP/1.1\r\nHost: localhost\r\nUser-Agent: " + agent + "\r\n\r\n");
                                if (conn.read().status == 200) {
                                    responses.incrementAndGet();
                                }
                            }
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    threads.add(t);
                    t.start();
                }
                for (Thread t : threads) {
                    t.join(60_000);
                }
                s.httpd.close();
                assertEquals(clients * perClient, responses.get());
                for (String log : List.of("plain", "buffered")) {
                    List<String> lines = Files.readAllLines(s.root.resolve("logs/" + log), StandardCharsets.ISO_8859_1);
                    assertEquals(responses.get(), lines.size(), mpm + " " + log);
                    java.util.Set<String> agents = new java.util.HashSet<>();
                    for (String line : lines) {
                        assertTrue(line.matches("\\d+ 200 /x\\.txt \"\\d+-\\d+-a*\""), mpm + " " + log + " torn: " + line);
                        String agent = line.substring(line.indexOf('"') + 1, line.length() - 1);
                        String[] f = agent.split("-", 3);
                        int i = Integer.parseInt(f[1]);
                        assertEquals((i * 37 + Integer.parseInt(f[0]) * 101) % 3000, f[2].length(), line);
                        assertTrue(agents.add(f[0] + "-" + f[1]), "once: " + line);
                    }
                }
            }
        }
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    private static Path awaitFile(Path dir, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).collect(Collectors.toList());
                if (!found.isEmpty()) {
                    return found.get(0);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + prefix + "* in " + dir);
    }

    /** The file's lines once it has {@code count} (bounded wait), checking that no more follow. */
    static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> lines = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            lines = read(file);
            if (lines.size() >= count) {
                break;
            }
            Thread.sleep(20);
        }
        Thread.sleep(50);
        lines = read(file);
        assertEquals(count, lines.size(), lines.toString());
        return lines;
    }

    private static List<String> read(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.ISO_8859_1) : List.of();
    }
}
