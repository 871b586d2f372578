package bench.jmh;

import io.jhttpd.kernel.launch.Httpd;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole request through a real jhttpd server in this JVM (worker MPM, mod_static, access log on
 * to a file), over loopback: request parsing, the hooks, the handler, the output filter chain with
 * the real {@code HTTP_HEADER} filter, the socket writes and the access log line. The client is one
 * thread with reused buffers (it allocates next to nothing), so {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is, within a few bytes, what the server allocates per request (JMH
 * sums the allocation of every thread of the JVM, the server's workers included).
 *
 * <p>{@code connection}: {@code keepalive} sends every request on one connection; {@code close}
 * opens a new connection per request (sends {@code Connection: close}, reads to the end), which
 * adds the server's per-connection costs (accept, hand-off, the connection's buffers and parser).
 *
 * <p>The server is started with {@link Httpd#start(String...)}, which finds the MPM and modules
 * with {@code ServiceLoader} in the module layer of the kernel: so this benchmark's fork puts the
 * jhttpd jars on a module path ({@code target/modules}, copied there by the build), and must be run
 * from bench/jmh (the path is relative). The other benchmarks run on the plain class path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--module-path", "target/modules", "--add-modules", "ALL-MODULE-PATH"})
public class LoopbackRequestBench {

    @Param({"keepalive", "close"})
    public String connection;

    private Path root;
    private Httpd httpd;
    private InetSocketAddress address;
    private SocketChannel channel;
    private ByteBuffer request;
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);

    @Setup
    public void setUp() throws Exception {
        if (!Httpd.class.getModule().isNamed()) {
            throw new IllegalStateException("jhttpd is on the class path: run from bench/jmh so that the fork's"
                    + " --module-path target/modules finds the jars (mvn package copies them there)");
        }
        root = Files.createTempDirectory("jhttpd-jmh");
        Files.createDirectories(root.resolve("conf"));
        Files.createDirectories(root.resolve("htdocs"));
        Files.createDirectories(root.resolve("logs"));
        Files.write(root.resolve("htdocs/1k.txt"), "x".repeat(1024).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(root.resolve("conf/mime.types"), "text/plain\ttxt\ntext/html\thtml htm\n");
        Files.writeString(root.resolve("conf/httpd.conf"), String.join("\n",
                "Listen 127.0.0.1:0",
                "ServerName localhost",
                "DocumentRoot \"htdocs\"",
                "<Directory \"htdocs\">",
                "    Require all granted",
                "</Directory>",
                "TypesConfig conf/mime.types",
                "ThreadsPerChild 8",
                "KeepAlive On",
                "MaxKeepAliveRequests 0",
                "KeepAliveTimeout 60",
                "ErrorLog \"logs/error_log\"",
                "PidFile \"logs/httpd.pid\"",
                "LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common",
                "CustomLog \"logs/access_log\" common",
                extraConfig(root),
                ""));
        httpd = Httpd.start("-d", root.toString(), "-f", "conf/httpd.conf");
        address = httpd.addresses().get(0);
        String close = connection.equals("close") ? "Connection: close\r\n" : "";
        byte[] req = ("GET " + target() + " HTTP/1.1\r\nHost: localhost\r\n" + close + "\r\n").getBytes(StandardCharsets.US_ASCII);
        request = ByteBuffer.allocateDirect(req.length).put(req).flip();
        if (connection.equals("keepalive")) {
            channel = open();
        }
        if (get() != 1024) {
            throw new IllegalStateException("unexpected response");
        }
    }

    /** More configuration after the base lines (for subclasses measuring a module's cost). */
    protected String extraConfig(Path serverRoot) throws IOException {
        return "";
    }

    /** The path every request asks for; it must answer with the 1 KiB file. */
    protected String target() {
        return "/1k.txt";
    }

    private SocketChannel open() throws IOException {
        SocketChannel c = SocketChannel.open(address);
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return c;
    }

    @TearDown
    public void tearDown() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (httpd != null) {
            httpd.close();
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One request; returns the body length received. */
    @Benchmark
    public int get() throws IOException {
        boolean close = channel == null;
        SocketChannel c = close ? open() : channel;
        try {
            request.rewind();
            while (request.hasRemaining()) {
                c.write(request);
            }
            in.clear();
            int headEnd = -1;
            while (headEnd < 0) {
                if (c.read(in) < 0) {
                    throw new EOFException("connection closed before the response head");
                }
                headEnd = headEnd(in);
            }
            long length = contentLength(in, headEnd);
            long want = headEnd + length;
            while (in.position() < want) {
                if (c.read(in) < 0) {
                    throw new EOFException("connection closed in the body");
                }
            }
            if (close) {
                // the server closes after the response: read to the end, as a client of Connection: close does
                while (c.read(in.clear()) >= 0) {
                    // drain
                }
            }
            return (int) length;
        } finally {
            if (close) {
                c.close();
            }
        }
    }

    /** The index after the head's CRLFCRLF in in[0, position), or -1. */
    private static int headEnd(ByteBuffer b) {
        int n = b.position();
        for (int i = 3; i < n; i++) {
            if (b.get(i) == '\n' && b.get(i - 1) == '\r' && b.get(i - 2) == '\n' && b.get(i - 3) == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static long contentLength(ByteBuffer b, int headEnd) throws IOException {
        // find "\r\nContent-Length:" (case-insensitive), parse digits
        byte[] key = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < headEnd; i++) {
            for (int k = 0; k < key.length; k++) {
                int c = b.get(i + k);
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != key[k]) {
                    continue outer;
                }
            }
            int j = i + key.length;
            while (b.get(j) == ' ') {
                j++;
            }
            long v = 0;
            while (b.get(j) >= '0' && b.get(j) <= '9') {
                v = v * 10 + (b.get(j++) - '0');
            }
            return v;
        }
        throw new IOException("no Content-Length in the response");
    }
}
