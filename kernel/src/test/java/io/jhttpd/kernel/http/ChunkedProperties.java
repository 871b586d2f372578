package io.jhttpd.kernel.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property (2): a body framed by {@link ChunkedEncoder} in arbitrary chunk sizes, with trailers,
 * decodes from any split of its bytes, with any read size, to the same bytes and trailers, and
 * the decoder stops exactly at the body's end.
 */
class ChunkedProperties {

    static final byte[] NEXT = "GET /next HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1);

    record Decoded(byte[] body, List<Headers.Field> trailers, byte[] leftover) {
    }

    /** Decodes {@code input} cut into pieces of {@code pieceSizes} (cycled), {@code maxBytes} at a time. */
    static Decoded decode(byte[] input, List<Integer> pieceSizes, long maxBytes) throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteArrayOutputStream leftover = new ByteArrayOutputStream();
        int at = 0;
        for (int i = 0; at < input.length; i++) {
            int n = Math.min(pieceSizes.get(i % pieceSizes.size()), input.length - at);
            ByteBuffer piece = ConnectionReader.piece(input, at, at + n, i);
            at += n;
            if (!d.isComplete()) {
                ByteBuffer s;
                while ((s = d.decode(piece, maxBytes)) != null) {
                    assertTrue(s.remaining() <= maxBytes);
                    body.writeBytes(RequestArbitraries.bytesOf(s));
                }
            }
            leftover.writeBytes(RequestArbitraries.bytesOf(piece));
        }
        assertTrue(d.isComplete());
        return new Decoded(body.toByteArray(), ConnectionReader.fields(d.trailers()), leftover.toByteArray());
    }

    @Property(tries = 500)
    void encodeThenDecodeInAnySplitGivesTheBodyBack(@ForAll @Size(max = 3000) byte[] body,
            @ForAll("chunkSizes") List<Integer> chunkSizes,
            @ForAll("trailers") List<RequestArbitraries.Field> trailerFields,
            @ForAll("pieceSizes") List<Integer> pieceSizes,
            @ForAll @IntRange(min = 1, max = 4000) int maxBytes) throws BadRequestException {
        Headers trailers = new Headers();
        trailerFields.forEach(f -> trailers.add(f.name(), f.value()));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        int at = 0;
        for (int i = 0; at < body.length; i++) {
            int n = Math.min(chunkSizes.get(i % chunkSizes.size()), body.length - at);
            wire.writeBytes(RequestArbitraries.bytesOf(ChunkedEncoder.chunkHeader(n)));
            wire.write(body, at, n);
            wire.writeBytes(RequestArbitraries.bytesOf(ChunkedEncoder.chunkTrailer()));
            at += n;
        }
        wire.writeBytes(RequestArbitraries.bytesOf(ChunkedEncoder.lastChunk(trailers)));
        wire.writeBytes(NEXT);

        Decoded d = decode(wire.toByteArray(), pieceSizes, maxBytes);
        assertArrayEquals(body, d.body());
        assertEquals(ConnectionReader.fields(trailers), d.trailers());
        assertArrayEquals(NEXT, d.leftover());
    }

    @Property(tries = 300)
    void everyLegalFramingDecodesTheSame(@ForAll @Size(max = 600) byte[] body,
            @ForAll("chunkSizes") List<Integer> chunkSizes,
            @ForAll("styles") List<RequestArbitraries.ChunkStyle> styles,
            @ForAll("trailers") List<RequestArbitraries.Field> trailers,
            @ForAll("pieceSizes") List<Integer> pieceSizes) throws BadRequestException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RequestArbitraries.writeChunked(wire, body, chunkSizes, styles, trailers);
        wire.writeBytes(NEXT);
        Decoded d = decode(wire.toByteArray(), pieceSizes, 7);
        List<Headers.Field> expected = new ArrayList<>();
        trailers.forEach(f -> expected.add(new Headers.Field(f.name(), f.value())));
        assertArrayEquals(body, d.body());
        assertEquals(expected, d.trailers());
        assertArrayEquals(NEXT, d.leftover());
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 700).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<List<Integer>> pieceSizes() {
        return Arbitraries.integers().between(1, 100).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<RequestArbitraries.Field>> trailers() {
        return RequestArbitraries.fields().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<RequestArbitraries.ChunkStyle>> styles() {
        return RequestArbitraries.chunkStyles().list().ofMinSize(1).ofMaxSize(4);
    }
}
