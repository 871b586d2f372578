package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.OutputFilter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The kernel's output filter chain ({@code OutputChain}) with the kernel's own filters, as
 * {@code RequestProcessor.setUpOutput} builds it for every request: {@code CONTENT_LENGTH} (rank
 * 38), {@code HTTP_HEADER} (39) and {@code CHUNK} (TRANSCODE), the network writer below. These
 * classes are package-private in a package the kernel module does not export; this class reaches
 * them because it runs on the class path, where the module's encapsulation does not apply and a
 * class of the same package name is in the same runtime package.
 *
 * <p>{@code HTTP_HEADER} ({@code HttpHeaderFilter}) needs a live {@code RequestImpl} and
 * {@code HttpConnection} (a socket, a loaded configuration), so a pass-through filter stands at its
 * rank here, and the network writer is a {@link Blackhole}; {@code LoopbackRequestBench} measures
 * a whole request with the real header filter and socket writes.
 *
 * <p>One operation is one response through a new chain (chain set-up included, as per request):
 * <ul>
 * <li>{@code staticFile}: what mod_static sends, Content-Length known, one brigade [file region, EOS]
 *     (CONTENT_LENGTH removes itself at once);
 * <li>{@code generated}: a module writing 4 x 1 KiB without a length, then EOS: CONTENT_LENGTH holds
 *     the data and sets Content-Length at EOS;
 * <li>{@code chunked}: 1 KiB, FLUSH, 3 x 1 KiB, EOS: the flush releases the held data, the header
 *     filter chose chunking, CHUNK frames each piece.
 * </ul>
 * {@code -prof gc} gives the bytes allocated per response.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterChainBench {

    @Param({"staticFile", "generated", "chunked"})
    public String response;

    private final StubRequest request = new StubRequest();
    private final ByteBuffer kib = ByteBuffer.allocate(1024);
    private Path file;
    private FileChannel channel;
    private Blackhole hole;
    private OutputChain.Sink sink;

    @Setup
    public void setUp(Blackhole bh) throws IOException {
        hole = bh;
        sink = brigade -> {
            Bucket b;
            while ((b = brigade.poll()) != null) {
                hole.consume(b);
            }
        };
        file = Files.createTempFile("jhttpd-jmh", ".txt");
        Files.write(file, new byte[1024]);
        channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    @TearDown
    public void tearDown() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }

    /** The chain of one request, as RequestProcessor.setUpOutput builds it. */
    private OutputChain chain(ChunkFilter chunk) {
        request.headersOut.clear();
        OutputChain c = new OutputChain(request, sink);
        c.add("CONTENT_LENGTH", 38, new ContentLengthFilter());
        c.add("HTTP_HEADER", 39, new HeaderStandIn(chunk));
        c.add("CHUNK", FilterType.TRANSCODE.rank(), chunk);
        return c;
    }

    /** Where HttpHeaderFilter stands: chooses chunking when no length is known, then passes on. */
    private static final class HeaderStandIn implements OutputFilter {
        private final ChunkFilter chunk;
        private boolean first = true;

        HeaderStandIn(ChunkFilter chunk) {
            this.chunk = chunk;
        }

        @Override
        public void filter(Brigade brigade, Next next) throws IOException {
            if (first) {
                first = false;
                if (!next.request().headersOut().contains("Content-Length")) {
                    chunk.activate();
                }
            }
            next.pass(brigade);
        }
    }

    private Bucket data() {
        return Bucket.data(kib.duplicate());
    }

    @Benchmark
    public void respond() throws IOException {
        ChunkFilter chunk = new ChunkFilter();
        OutputChain c = chain(chunk);
        switch (response) {
            case "staticFile":
                request.headersOut.set("Content-Length", "1024");
                c.pass(Brigade.of(Bucket.file(channel, 0, 1024), Bucket.EOS));
                break;
            case "generated":
                for (int i = 0; i < 4; i++) {
                    c.pass(Brigade.of(data()));
                }
                c.pass(Brigade.of(Bucket.EOS));
                break;
            default:
                c.pass(Brigade.of(data(), Bucket.FLUSH));
                for (int i = 0; i < 3; i++) {
                    c.pass(Brigade.of(data()));
                }
                c.pass(Brigade.of(Bucket.EOS));
        }
    }
}
