package io.jhttpd.kernel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhttpd.api.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedEncoderTest {

    static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b).toString();
    }

    @Test
    void oneByteChunk() {
        assertEquals("1\r\n", text(ChunkedEncoder.chunkHeader(1)));
    }

    @Test
    void sizeIsLowerCaseHex() {
        assertEquals("ff\r\n", text(ChunkedEncoder.chunkHeader(255)));
    }

    @Test
    void sizeHasNoLeadingZeros() {
        assertEquals("1000\r\n", text(ChunkedEncoder.chunkHeader(4096)));
    }

    @Test
    void largestSize() {
        assertEquals("7fffffffffffffff\r\n", text(ChunkedEncoder.chunkHeader(Long.MAX_VALUE)));
    }

    @Test
    void zeroSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChunkedEncoder.chunkHeader(0));
    }

    @Test
    void negativeSizeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ChunkedEncoder.chunkHeader(-1));
    }

    @Test
    void chunkTrailerIsCrlf() {
        assertEquals("\r\n", text(ChunkedEncoder.chunkTrailer()));
    }

    @Test
    void lastChunk() {
        assertEquals("0\r\n\r\n", text(ChunkedEncoder.lastChunk()));
    }

    @Test
    void buffersAreNotShared() {
        assertNotSame(ChunkedEncoder.lastChunk(), ChunkedEncoder.lastChunk());
    }

    @Test
    void consumingOneBufferLeavesTheNextIntact() {
        text(ChunkedEncoder.chunkTrailer());
        assertEquals(2, ChunkedEncoder.chunkTrailer().remaining());
    }

    @Test
    void lastChunkWithTrailers() {
        Headers t = new Headers().add("X-Checksum", "abc").add("X-Other", "1");
        assertEquals("0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n", text(ChunkedEncoder.lastChunk(t)));
    }

    @Test
    void lastChunkWithNoTrailers() {
        assertEquals("0\r\n\r\n", text(ChunkedEncoder.lastChunk(new Headers())));
    }

    @Test
    void trailerValueWithCrlfIsRefused() {
        Headers t = new Headers().add("X", "a\r\nSet-Cookie: evil");
        assertThrows(IllegalArgumentException.class, () -> ChunkedEncoder.lastChunk(t));
    }

    @Test
    void trailerNameThatIsNotATokenIsRefused() {
        Headers t = new Headers().add("X Y", "1");
        assertThrows(IllegalArgumentException.class, () -> ChunkedEncoder.lastChunk(t));
    }
}
