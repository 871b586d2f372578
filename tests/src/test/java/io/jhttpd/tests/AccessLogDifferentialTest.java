package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The same requests to jhttpd and to Apache httpd 2.4 (Debian's {@code /usr/sbin/apache2}, run as
 * {@code /work/shared/tools/apache-oracle} runs it), both serving one document root and logging
 * with the same {@code LogFormat} strings: {@code common}, {@code combined} and a format using
 * every directive whose value both servers can agree on must give byte-identical lines; the
 * directives whose values must differ (times, pids, thread ids, ports) go to a fourth log that is
 * checked by shape. Skipped where Apache is not installed.
 */
class AccessLogDifferentialTest {

    private static final Path APACHE = Path.of("/usr/sbin/apache2");
    private static final Path APACHE_MODULES = Path.of("/usr/lib/apache2/modules");

    /** Every directive whose value the two servers share. */
    static final String EVERY = "%a %{c}a %A %B %b %{foo}C %{NOPE}e %{from_setenvif}e %f %h %{c}h %H %{User-Agent}i %k %l %L %m"
            + " %{n}n %{Content-Type}o %{Content-Length}o %{Set-Cookie}o %p %{canonical}p %q \\\"%r\\\" %R %s %>s %<s %u %U %v"
            + " %V %X %{X-T}^ti %{X-T}^to %400,501{User-agent}i %!200,304{Referer}i %% \\t|%I";
    /** mod_logio's counts, checked against what the client sent and received (Apache sends other response headers). */
    static final String IO = "%>s %I %O %S";
    /** The directives whose values must differ between two servers, one field each. */
    static final String SHAPE = "%t %{%Y-%m-%d %H:%M:%S %z}t %{begin:sec}t %{end:msec}t %{msec_frac}t %{usec_frac}t"
            + " %{usec}t %{end:%d/%b/%Y}t %D %T %{ms}T %{us}T %P %{pid}P %{tid}P %{hextid}P %{remote}p %{local}p";
    private static final String SHAPE_REGEX = "\\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\]"
            + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\d{10} \\d{13} \\d{3} \\d{6} \\d{16} \\d\\d/[A-Z][a-z]{2}/\\d{4}"
            + " \\d+ \\d+ \\d+ \\d+ \\d+ \\d+ \\d+ [0-9a-f]+ \\d+ \\d+";

    private static String logConfig(Path logs) {
        return String.join("\n",
                "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common",
                "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\" \\\"%{User-agent}i\\\"\" combined",
                "LogFormat \"" + EVERY + "\" every",
                "CustomLog \"" + logs.resolve("common") + "\" common",
                "CustomLog \"" + logs.resolve("combined") + "\" combined",
                "CustomLog \"" + logs.resolve("every") + "\" every",
                "CustomLog \"" + logs.resolve("shape") + "\" \"" + SHAPE + "\"",
                "CustomLog \"" + logs.resolve("io") + "\" \"" + IO + "\"",
                "CustomLog \"" + logs.resolve("only-marked") + "\" common env=from_setenvif",
                "CustomLog \"" + logs.resolve("unmarked") + "\" common env=!from_setenvif",
                "CustomLog \"" + logs.resolve("expr") + "\" common \"expr=%{REQUEST_STATUS} -ge 400 && %{REQUEST_METHOD} != 'HEAD'\"",
                "CustomLog \"" + logs.resolve("by-expr-env") + "\" common env=from_expr",
                "SetEnvIfExpr \"%{QUERY_STRING} == '2' || req('User-Agent') -strcmatch '*marked*'\" from_expr",
                "SetEnvIf User-Agent ^mark from_setenvif=yes",
                "BrowserMatchNoCase ^MARKED from_setenvif=$0");
    }

    /** What the test sends; each entry is one connection, closed by the last request or by the client. */
    static List<byte[]> requests() {
        List<String> r = new ArrayList<>();
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("GET /nope?x=1&y=%22 HTTP/1.1\r\nHost: localhost\r\nReferer: http://r.example/a?b\r\nUser-Agent: ua/1\r\n"
                + "Cookie: a=1; foo=bar ; x=y\r\nConnection: close\r\n\r\n");
        r.add("HEAD /index.html HTTP/1.0\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nIf-Modified-Since: Sat, 01 Jan 2050 00:00:00 GMT\r\n"
                + "Connection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nUser-Agent: say \"hi\"\tand\\back\u00e9\u00ff\r\n"
                + "Referer: \"quoted\"\r\nConnection: close\r\n\r\n");
        r.add("GET /caf%C3%A9.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("GET /%E2%82%AC?q=%22\u00e9 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("POST /index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nConnection: close\r\n\r\nabcde");
        r.add("POST /index.html HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "3\r\nabc\r\n0\r\nX-T: trailer value\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nReferer: a\u0080b\u009fc\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html?%20a+b HTTP/1.1\r\nHost: localhost\r\nReferer: http://x/\u00c3\u00a9\r\nConnection: close\r\n\r\n");
        r.add("GET / HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n");
        r.add("GARBAGE\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nUser-Agent: ctl\u0001x\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nUser-Agent: one\r\nUser-Agent: two\r\nConnection: close\r\n\r\n");
        r.add("GET http://localhost/index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html?a=%00%ff HTTP/1.0\r\nUser-Agent: mark me\r\n\r\n");
        r.add("GET /index.html HTTP/1.0\r\nUser-Agent: MarKeD client\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: LocalHost:8080\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nCookie: foo=\r\nCookie: foo=second\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nCookie: foo=\"q\\\"t\"\r\nConnection: close\r\n\r\n");
        // keep-alive: three requests on one connection, %k counts 0, 1, 2 and %X shows + + -
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /index.html?2 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "HEAD /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /nope HTTP/1.0\r\n\r\n");
        r.add("GET /a/../index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("GET //index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nReferer: \r\nUser-Agent:\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "x".repeat(3000) + "\r\nConnection: close\r\n\r\n");
        r.add("DELETE /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nIf-None-Match: *\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nCookie: $Version=1; foo=\"v0\"; $Path=/\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic dXNlcjpwdw==\r\nConnection: close\r\n\r\n");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nContent-Length: 12\r\nConnection: close\r\n\r\nabc");
        r.add("GET /index.html HTTP/1.1\r\nHost: localhost\r\nUser-Agent: \u00e4\u00f6\u00fc\r\nConnection: close\r\n\r\n");
        List<byte[]> bytes = new ArrayList<>();
        for (String s : r) {
            bytes.add(s.getBytes(StandardCharsets.ISO_8859_1));
        }
        return bytes;
    }

    /** The request whose client half-closes after sending part of its body: an aborted request. */
    private static final int CLIENT_CLOSES = indexOf("Content-Length: 12");

    private static int indexOf(String marker) {
        List<byte[]> all = requests();
        for (int i = 0; i < all.size(); i++) {
            if (new String(all.get(i), StandardCharsets.ISO_8859_1).contains(marker)) {
                return i;
            }
        }
        throw new IllegalStateException(marker);
    }

    @Test
    void sameLinesAsApache() throws Exception {
        assumeTrue(Files.isExecutable(APACHE), "Apache httpd is not installed");
        Path root = Files.createTempDirectory("jhttpd-difflog");
        Path htdocs = root.resolve("htdocs");
        Files.createDirectories(htdocs);
        Files.writeString(htdocs.resolve("index.html"), "hello\n");
        Files.writeString(htdocs.resolve("caf\u00e9.txt"), "caf\u00e9\n");
        Path jhttpdLogs = Files.createDirectories(root.resolve("jhttpd-logs"));
        Path apacheLogs = Files.createDirectories(root.resolve("apache-logs"));
        List<byte[]> requests = requests();
        int expectedLines = 0;
        for (byte[] r : requests) {
            expectedLines += countRequests(new String(r, StandardCharsets.ISO_8859_1));
        }
        Process apache = startApache(root, htdocs, apacheLogs);
        try (TestServer jhttpd = TestServer.start(root, logConfig(jhttpdLogs))) {
            int apachePort = awaitPort(root);
            List<Long> received = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                exchange(apachePort, requests.get(i), i == CLIENT_CLOSES);
                received.add(exchange(jhttpd.port, requests.get(i), i == CLIENT_CLOSES));
            }
            for (String log : List.of("common", "combined", "every")) {
                List<String> expected = awaitLines(apacheLogs.resolve(log), expectedLines);
                List<String> actual = awaitLines(jhttpdLogs.resolve(log), expectedLines);
                assertSameLines(log, expected, actual);
            }
            for (String log : List.of("only-marked", "unmarked", "expr", "by-expr-env")) {
                List<String> expected = awaitLines(apacheLogs.resolve(log), 1);
                List<String> actual = awaitLines(jhttpdLogs.resolve(log), expected.size());
                assertEquals(stripTimes(expected), stripTimes(actual), log);
            }
            for (String line : awaitLines(jhttpdLogs.resolve("shape"), expectedLines)) {
                assertTrue(line.matches(SHAPE_REGEX), line);
            }
            // %I and %O are the bytes on the wire: for each connection carrying one request, what the client sent and got
            List<String> io = awaitLines(jhttpdLogs.resolve("io"), expectedLines);
            int line = 0;
            for (int i = 0; i < requests.size(); i++) {
                String raw = new String(requests.get(i), StandardCharsets.ISO_8859_1);
                int n = countRequests(raw);
                String[] f = io.get(line).split(" ");
                if (n == 1 && i != CLIENT_CLOSES && !f[0].equals("400")) {
                    assertEquals(List.of(f[0], Integer.toString(raw.length()), Long.toString(received.get(i)),
                            Long.toString(raw.length() + received.get(i))), List.of(f), "request " + i + ": " + raw);
                }
                line += n;
            }
        } finally {
            apache.destroy();
            if (!apache.waitFor(10, TimeUnit.SECONDS)) {
                apache.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertSameLines(String log, List<String> expected, List<String> actual) {
        List<String> e = stripTimes(expected);
        List<String> a = stripTimes(actual);
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String x = i < e.size() ? e.get(i) : "<none>";
            String y = i < a.size() ? a.get(i) : "<none>";
            if (!x.equals(y)) {
                diff.append("\n line ").append(i + 1).append("\n  apache ").append(x).append("\n  jhttpd ").append(y);
            }
        }
        assertEquals("", diff.toString(), log + " differs from Apache");
    }

    /**
     * The time field masked; and for a request the parser rejected, the trailing {@code %I}: Apache
     * reads the whole head before it rejects a field, jhttpd stops at the bad byte.
     */
    private static List<String> stripTimes(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (l.contains(" 400 400 400 ")) {
                l = l.replaceAll("\\|\\d+$", "|N");
            }
            out.add(l.replaceAll("\\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\]", "[TIME]"));
        }
        return out;
    }

    private static int countRequests(String raw) {
        int n = 0;
        for (int i = raw.indexOf("\r\n\r\n"); i >= 0; i = raw.indexOf("\r\n\r\n", i + 4)) {
            n++;
        }
        return n - (raw.contains("\r\n0\r\nX-T") ? 1 : 0);
    }

    /** Sends {@code request}, reads until the server closes (bounded), closing the client side early if asked; returns the bytes read. */
    private static long exchange(int port, byte[] request, boolean clientCloses) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            if (clientCloses) {
                s.shutdownOutput();
            }
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buf)) >= 0;) {
                total += n;
            }
            return total;
        }
    }

    private static Process startApache(Path root, Path htdocs, Path logs) throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(root.resolve("apache.port"), Integer.toString(port));
        StringBuilder conf = new StringBuilder();
        conf.append("LoadModule mpm_event_module ").append(APACHE_MODULES.resolve("mod_mpm_event.so")).append('\n');
        for (String m : List.of("authz_core", "mime", "dir", "setenvif")) {
            conf.append("LoadModule ").append(m).append("_module ").append(APACHE_MODULES.resolve("mod_" + m + ".so")).append('\n');
        }
        conf.append("ServerRoot \"").append(root).append("\"\n")
                .append("PidFile \"").append(root.resolve("apache.pid")).append("\"\n")
                .append("Mutex file:").append(root).append(" default\n")
                .append("DefaultRuntimeDir \"").append(root).append("\"\n")
                .append("ErrorLog \"").append(root.resolve("apache-error_log")).append("\"\n")
                .append("TypesConfig conf/mime.types\n")
                .append("Listen 127.0.0.1:").append(port).append('\n')
                .append("ServerName localhost\n")
                .append("DocumentRoot \"").append(htdocs).append("\"\n")
                .append("<Directory />\n  Require all denied\n</Directory>\n")
                .append("<Directory \"").append(htdocs).append("\">\n  Require all granted\n</Directory>\n")
                .append("KeepAliveTimeout 2\n")
                .append(logConfig(logs)).append('\n');
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/mime.types"), "text/html html htm\ntext/plain txt\n");
        Path file = root.resolve("apache.conf");
        Files.writeString(file, conf.toString(), StandardCharsets.UTF_8);
        return new ProcessBuilder(APACHE.toString(), "-X", "-d", root.toString(), "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("apache.out").toFile()).start();
    }

    private static int awaitPort(Path root) throws Exception {
        int port = Integer.parseInt(Files.readString(root.resolve("apache.port")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return port;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("Apache did not start: " + Files.readString(root.resolve("apache.out")));
    }

    private static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && lines(file).size() >= count) {
                break;
            }
            Thread.sleep(20);
        }
        return Files.exists(file) ? lines(file) : List.of();
    }

    private static List<String> lines(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }
}
