package io.jhttpd.kernel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Property (3): on malformed input the codec completes, asks for more, or throws
 * {@link BadRequestException}; never another exception, never a byte beyond its buffer (the
 * {@link ConnectionReader} checks that on every call); and the outcome, error status included,
 * is the same for every split of the bytes.
 */
class MalformedInputProperties {

    /** Pieces of HTTP, so that random inputs get past the first line often enough to matter. */
    static final List<String> FRAGMENTS = List.of("GET", "POST", "CONNECT", "OPTIONS", " ", "  ", "/", "/a?b", "*",
            "http://x/", "a:80", "[::1]", "#", "HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/1.1x", "\r\n", "\r\n\r\n",
            "\n", "\r", "\t", ":", "Host", "Host: x", "Content-Length", "Content-Length: 5", "Transfer-Encoding",
            "Transfer-Encoding: chunked", "chunked", "gzip,", "0", "5", "ff", "7fffffffffffffff", ";", "=", "\"", "\\",
            "hello", "\u0000", "\u0001", "\u007f", "\u0080", "\u00ff", "x", "-", "+");

    /** Whole lines, valid and not, so that random inputs reach bodies, trailers and every status. */
    static final List<String> REQUEST_LINES = List.of("GET / HTTP/1.1", "POST /x HTTP/1.1", "GET / HTTP/1.1",
            "POST /x HTTP/1.1", "GET / HTTP/1.1", "POST /x HTTP/1.1", "GET / HTTP/1.0",
            "GET / HTTP/2.0", "OPTIONS * HTTP/1.1", "CONNECT a:80 HTTP/1.1", "GET  / HTTP/1.1", "GET /",
            "GET * HTTP/1.1", "", "GET /" + "a".repeat(8200) + " HTTP/1.1");

    static final List<String> FIELD_LINES = List.of("Host: x", "Host: a b", "Host:", "Content-Length: 5", "Content-Length: 0", "Content-Length: 1", "Content-Length: +1",
            "Transfer-Encoding: chunked", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked",
            "Transfer-Encoding: chunked, gzip", "X: y", " folded", "Bad Name: x", "X: " + "v".repeat(8200));

    static final List<String> BODY_LINES = List.of("", "5", "0", "0", "1;a=b", "3 ;q=\"a;b\"", "ffffffffffffffffff",
            "hello", "abc", "x", "T: 1", "5;" + "e".repeat(8200), "GET / HTTP/1.1", "Host: x");

    static final List<String> TERMINATORS = List.of("\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n", "\r\n",
            "\r\n", "\n", "\r", "");

    static Arbitrary<String> lines(List<String> pool, int min, int max) {
        return Combinators.combine(Arbitraries.of(pool), Arbitraries.of(TERMINATORS)).as(String::concat)
                .list().ofMinSize(min).ofMaxSize(max).map(l -> String.join("", l));
    }

    /** Bytes that tend to matter to the grammar, for mutations. */
    static final byte[] INTERESTING = "\r\n \t:;\"\\0159afAFxX/#*@[]\u0000\u0001\u007f\u0080\u00ff,-+"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Provide
    Arbitrary<byte[]> noise() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> httpish = Arbitraries.of(FRAGMENTS).list().ofMaxSize(60)
                .map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
        Arbitrary<String> host = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("Host: x\r\n")),
                Tuple.of(1, Arbitraries.just("")));
        Arbitrary<String> request = Combinators.combine(lines(REQUEST_LINES, 1, 1), host, lines(FIELD_LINES, 0, 3),
                Arbitraries.of(TERMINATORS), lines(BODY_LINES, 0, 8)).as((r, h, f, end, b) -> r + h + f + end + b);
        Arbitrary<byte[]> structured = request.list().ofMinSize(1).ofMaxSize(3)
                .map(l -> String.join("", l).getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.frequencyOf(Tuple.of(1, raw), Tuple.of(2, httpish), Tuple.of(4, structured));
    }

    /** A mutation: where (a fraction of the length), what (replace, insert, delete), which byte. */
    record Mutation(double where, int kind, byte value) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 2),
                Arbitraries.of(toList(INTERESTING))).as(Mutation::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<RequestArbitraries.Generated> requests() {
        return RequestArbitraries.requests();
    }

    @Provide
    Arbitrary<List<Integer>> pieceSizes() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 1000)
    void noiseGivesTheSameOutcomeInAnySplit(@ForAll("noise") byte[] input, @ForAll("pieceSizes") List<Integer> pieces,
            @ForAll @IntRange(min = 1, max = 50) int maxRead) {
        assertSameOutcome(input, pieces, maxRead);
    }

    @Property(tries = 1000)
    void mutatedRequestsGiveTheSameOutcomeInAnySplit(@ForAll("requests") RequestArbitraries.Generated first,
            @ForAll("requests") RequestArbitraries.Generated second, @ForAll("mutations") List<Mutation> mutations,
            @ForAll("pieceSizes") List<Integer> pieces, @ForAll @IntRange(min = 1, max = 50) int maxRead) {
        byte[] input = mutate(RequestArbitraries.concat(first.wire(), second.wire()), mutations);
        assertSameOutcome(input, pieces, maxRead);
    }

    @Property(tries = 300)
    void smallLimitsGiveTheSameOutcomeInAnySplit(@ForAll("requests") RequestArbitraries.Generated request,
            @ForAll("mutations") List<Mutation> mutations, @ForAll("pieceSizes") List<Integer> pieces) {
        // Limits near the generated sizes make the limit checks race the syntax checks.
        RequestLimits small = new RequestLimits(40, 24, 4);
        byte[] input = mutate(request.wire(), mutations);
        ConnectionReader.Outcome whole = new ConnectionReader(small, Long.MAX_VALUE).read(input);
        assertEquals(whole, new ConnectionReader(small, 3).readInPieces(input, pieces));
    }

    @Property(tries = 1000)
    void parserAloneCompletesAsksForMoreOrRefuses(@ForAll("noise") byte[] input,
            @ForAll @IntRange(min = 0, max = 5) int offset) {
        byte[] padded = new byte[input.length + offset + 5];
        System.arraycopy(input, 0, padded, offset, input.length);
        ByteBuffer buf = ByteBuffer.wrap(padded, offset, input.length);
        int limit = buf.limit();
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        try {
            if (!p.parse(buf)) {
                assertEquals(limit, buf.position(), "asked for more without consuming everything");
            }
        } catch (BadRequestException e) {
            assertTrue(e.status() == 400 || e.status() == 414 || e.status() == 505, "status " + e.status());
        }
        assertTrue(buf.position() >= offset && buf.position() <= limit);
        assertEquals(limit, buf.limit());
    }

    @Provide
    Arbitrary<byte[]> chunkedNoise() {
        Arbitrary<byte[]> encoded = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(100),
                Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(3),
                RequestArbitraries.chunkStyles().list().ofMinSize(1).ofMaxSize(3),
                RequestArbitraries.fields().list().ofMaxSize(4), mutations())
                .as((body, sizes, styles, trailers, mutations) -> {
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                    RequestArbitraries.writeChunked(out, body, sizes, styles, trailers);
                    out.writeBytes(ChunkedProperties.NEXT);
                    return mutate(out.toByteArray(), mutations);
                });
        Arbitrary<byte[]> lines = lines(BODY_LINES, 0, 12).map(s -> s.getBytes(StandardCharsets.ISO_8859_1));
        return Arbitraries.frequencyOf(Tuple.of(3, encoded), Tuple.of(1, lines), Tuple.of(1, noise()));
    }

    @Property(tries = 1000)
    void decoderAloneCompletesAsksForMoreOrRefuses(@ForAll("chunkedNoise") byte[] input,
            @ForAll("pieceSizes") List<Integer> pieces) {
        String whole = decodeOutcome(input, List.of(Integer.MAX_VALUE));
        assertEquals(whole, decodeOutcome(input, pieces));
    }

    /** The decoder's reading of {@code input}: body bytes, completion and leftover, or the error status. */
    static String decodeOutcome(byte[] input, List<Integer> pieceSizes) {
        ChunkedDecoder d = new ChunkedDecoder(64, 3);
        StringBuilder body = new StringBuilder();
        int at = 0;
        try {
            for (int i = 0; at < input.length; i++) {
                int n = (int) Math.min((long) pieceSizes.get(i % pieceSizes.size()), input.length - at);
                ByteBuffer piece = ConnectionReader.piece(input, at, at + n, i);
                int limit = piece.limit();
                ByteBuffer s;
                while ((s = d.decode(piece, 5)) != null) {
                    body.append(new String(RequestArbitraries.bytesOf(s), StandardCharsets.ISO_8859_1));
                }
                assertEquals(limit, piece.limit());
                assertTrue(d.isComplete() || !piece.hasRemaining());
                at += n - piece.remaining();
                if (d.isComplete()) {
                    break;
                }
            }
        } catch (BadRequestException e) {
            return "error " + e.status();
        }
        return body + (d.isComplete() ? " complete at " + at + " trailers " + d.trailers() : " incomplete");
    }

    static void assertSameOutcome(byte[] input, List<Integer> pieces, int maxRead) {
        ConnectionReader.Outcome whole = new ConnectionReader().read(input);
        ConnectionReader.Outcome split = new ConnectionReader(RequestLimits.APACHE_DEFAULTS, maxRead)
                .readInPieces(input, pieces);
        assertEquals(whole, split);
        assertTrue(List.of(0, 400, 413, 414, 501, 505).contains(whole.errorStatus()), "status " + whole.errorStatus());
    }

    static byte[] mutate(byte[] input, List<Mutation> mutations) {
        List<Byte> bytes = new ArrayList<>(toList(input));
        for (Mutation m : mutations) {
            int at = (int) (m.where() * bytes.size());
            if (m.kind() == 0 && at < bytes.size()) {
                bytes.set(at, m.value());
            } else if (m.kind() == 1) {
                bytes.add(at, m.value());
            } else if (at < bytes.size()) {
                bytes.remove(at);
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }

    static List<Byte> toList(byte[] a) {
        List<Byte> l = new ArrayList<>(a.length);
        for (byte b : a) {
            l.add(b);
        }
        return l;
    }
}
