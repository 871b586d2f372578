package bench.jmh;

import io.jhttpd.kernel.http.BadRequestException;
import io.jhttpd.kernel.http.RequestHead;
import io.jhttpd.kernel.http.RequestLimits;
import io.jhttpd.kernel.http.RequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RequestParser} on typical request heads, as the engine uses it: one parser per connection,
 * {@code reset()} between requests. The primary score is requests parsed per second; the
 * {@code bytes} counter is the same run in bytes per second; {@code -prof gc} gives the bytes
 * allocated per request ({@code gc.alloc.rate.norm}).
 *
 * <p>{@code split} is how many bytes each {@code parse} call gets: 0 feeds the whole head at once
 * (a read that got it all, the usual case), 16 feeds it in 16-byte pieces (a slow or fragmenting
 * client; also what the event MPM sees when a head straddles reads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestParserBench {

    /** What wrk sends. */
    static final String WRK = "GET /1k.txt HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";

    /** What curl sends. */
    static final String CURL = "GET /index.html HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/7.88.1\r\n"
            + "Accept: */*\r\n\r\n";

    /** What a browser sends for a page (Chrome-like, about 700 bytes). */
    static final String BROWSER = "GET /docs/index.html?lang=en&v=2 HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "Connection: keep-alive\r\n"
            + "Cache-Control: max-age=0\r\n"
            + "sec-ch-ua: \"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\"\r\n"
            + "sec-ch-ua-mobile: ?0\r\n"
            + "sec-ch-ua-platform: \"Linux\"\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/124.0.0.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r\n"
            + "Sec-Fetch-Site: same-origin\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "Sec-Fetch-User: ?1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "Referer: https://www.example.com/docs/\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "If-None-Match: \"5f1-61a2b3c4d5e6f\"\r\n"
            + "If-Modified-Since: Tue, 14 May 2024 10:00:00 GMT\r\n"
            + "\r\n";

    @Param({"wrk", "curl", "browser"})
    public String request;

    @Param({"0", "16"})
    public int split;

    private RequestParser parser;
    private ByteBuffer whole;
    private ByteBuffer[] pieces;
    private int length;

    /** Bytes parsed, reported per second next to the requests per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() throws BadRequestException {
        String text;
        switch (request) {
            case "wrk":
                text = WRK;
                break;
            case "curl":
                text = CURL;
                break;
            default:
                text = BROWSER;
        }
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        length = b.length;
        // a direct buffer, as a socket read fills
        whole = ByteBuffer.allocateDirect(b.length).put(b).flip();
        int n = split <= 0 ? 1 : (b.length + split - 1) / split;
        pieces = new ByteBuffer[n];
        for (int i = 0; i < n; i++) {
            int from = split <= 0 ? 0 : i * split;
            int to = split <= 0 ? b.length : Math.min(b.length, from + split);
            pieces[i] = whole.duplicate().limit(to).position(from).slice();
        }
        parser = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        if (parse(null) == null) {
            throw new IllegalStateException("the request did not parse");
        }
    }

    @Benchmark
    public RequestHead parse(Bytes counter) throws BadRequestException {
        parser.reset();
        RequestHead head = null;
        for (ByteBuffer p : pieces) {
            p.rewind();
            if (parser.parse(p)) {
                head = parser.head();
                break;
            }
        }
        if (counter != null) {
            counter.bytes += length;
        }
        return head;
    }
}
