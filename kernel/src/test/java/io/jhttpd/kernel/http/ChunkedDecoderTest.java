package io.jhttpd.kernel.http;

import static io.jhttpd.kernel.http.ConnectionReader.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jhttpd.api.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chunked-body rules. "Apache" marks statuses checked against Apache 2.4 (limits there:
 * LimitRequestFieldSize 30, LimitRequestFields 3, as {@link #SMALL} here).
 */
class ChunkedDecoderTest {

    static final int SMALL_LINE = 30;
    static final int SMALL_FIELDS = 3;

    /** The decoded body as text, "+" if more input is needed, or the error status. */
    static String decode(String body, int maxLine, int maxFields) {
        ChunkedDecoder d = new ChunkedDecoder(maxLine, maxFields);
        ByteBuffer in = ByteBuffer.wrap(bytes(body));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ByteBuffer s;
            while ((s = d.decode(in, Long.MAX_VALUE)) != null) {
                byte[] b = new byte[s.remaining()];
                s.get(b);
                out.writeBytes(b);
            }
        } catch (BadRequestException e) {
            return String.valueOf(e.status());
        }
        return out.toString(StandardCharsets.ISO_8859_1) + (d.isComplete() ? "" : "+");
    }

    static String decode(String body) {
        return decode(body, 8190, 100);
    }

    static Stream<Arguments> sizeLines() {
        return Stream.of(
                arguments("plain (Apache)", "5\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("leading zeros (Apache)", "005\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("many leading zeros (Apache)", "0".repeat(31) + "5\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("upper-case hex", "A\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
                arguments("two chunks", "2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n", "hello"),
                arguments("trailing space (Apache)", "5 \r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("ten trailing blanks (Apache)", "5" + " ".repeat(10) + "\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("eleven trailing blanks (Apache)", "5" + " ".repeat(11) + "\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("extension (Apache)", "5;a=b\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("quoted extension (Apache)", "5;a=\"b c\"\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("quoted extension with ; and escaped quote", "5;a=\"x;\\\"y\"\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("space before ; (Apache)", "5 ;a=b\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("tab before ; (Apache)", "5\t;x\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("spaces around = (Apache)", "5; a = b\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("name only (Apache)", "5;a\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("empty extension (Apache)", "5;\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("two extensions (Apache)", "5;x;y\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("obs-text in extension (Apache)", "5;\u0080\r\nhello\r\n0\r\n\r\n", "hello"),
                arguments("extension on the last chunk (Apache)", "5\r\nhello\r\n0;x=y\r\n\r\n", "hello"),
                arguments("last chunk 00 (Apache)", "5\r\nhello\r\n00\r\n\r\n", "hello"),
                arguments("empty body", "0\r\n\r\n", ""),
                arguments("0x prefix (Apache)", "0x5\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("leading space (Apache)", " 5\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("plus sign (Apache)", "+5\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("negative (Apache)", "-5\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("not hex (Apache)", "g\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("empty size line (Apache)", "\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("space inside the size (Apache)", "5 5\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("overflow ffffffffffffffffff (Apache: 413)", "ffffffffffffffffff\r\nhello\r\n0\r\n\r\n", "413"),
                arguments("overflow 2^63 (Apache: 413)", "8000000000000000\r\nhello\r\n0\r\n\r\n", "413"),
                arguments("overflow 2^64 (Apache: 413)", "10000000000000000\r\nhello\r\n0\r\n\r\n", "413"),
                arguments("largest size is only incomplete", "7fffffffffffffff\r\nhello", "hello+"),
                arguments("bare LF after size (Apache)", "5\nhello\r\n0\r\n\r\n", "400"),
                arguments("bare CR after size (Apache)", "5\rhello\r\n0\r\n\r\n", "400"),
                arguments("bare LF after an extension", "5;a=b\nhello\r\n0\r\n\r\n", "400"),
                arguments("CRLF inside a quoted extension (Apache)", "5;a=\"x\r\n\"\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("DEL in extension (Apache)", "5;x=\u007f\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("SOH in extension (Apache)", "5;x=\u0001\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("NUL in escaped pair", "5;x=\"\\\u0000\"\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("data not followed by CRLF (Apache)", "5\r\nhelloXX0\r\n\r\n", "400"),
                arguments("data followed by bare LF (Apache)", "5\r\nhello\n0\r\n\r\n", "400"),
                arguments("data followed by CR and junk", "5\r\nhello\rX0\r\n\r\n", "400"),
                arguments("data longer than its size", "3\r\nhello\r\n0\r\n\r\n", "400"),
                arguments("bare LF after last chunk (Apache)", "5\r\nhello\r\n0\n\r\n", "400"),
                arguments("bare LF ending the body (Apache)", "5\r\nhello\r\n0\r\n\n", "400"),
                arguments("incomplete body", "5\r\nhel", "hel+"),
                arguments("incomplete final CRLF", "5\r\nhello\r\n0\r\n\r", "hello+"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sizeLines")
    void chunkSizeLine(String name, String body, String expected) {
        assertEquals(expected, decode(body));
    }

    static String chunkLineOf(int length) {
        return "5;a=" + "b".repeat(length - 4);
    }

    @Test
    void chunkLineWithCrlfAtTheLimitIsAccepted() {
        // Apache (LimitRequestFieldSize 30): 28 bytes + CRLF accepted.
        assertEquals("hello", decode(chunkLineOf(28) + "\r\nhello\r\n0\r\n\r\n", SMALL_LINE, SMALL_FIELDS));
    }

    @Test
    void chunkLineOverTheLimitIs413() {
        // Apache: 29 bytes + CRLF is 413 ("Error reading/parsing chunk").
        assertEquals("413", decode(chunkLineOf(29) + "\r\nhello\r\n0\r\n\r\n", SMALL_LINE, SMALL_FIELDS));
    }

    @Test
    void overlongChunkExtensionIs413BeforeItsEnd() {
        assertEquals("413", decode("5;" + "x".repeat(100), SMALL_LINE, SMALL_FIELDS));
    }

    @Test
    void overlongRunOfLeadingZerosIs413() {
        assertEquals("413", decode("0".repeat(28) + "5\r\nhello\r\n0\r\n\r\n", SMALL_LINE, SMALL_FIELDS));
    }

    @Test
    void overlongLastChunkLineIs413() {
        assertEquals("413", decode("5\r\nhello\r\n0;a=" + "b".repeat(25) + "\r\n\r\n", SMALL_LINE, SMALL_FIELDS));
    }

    @Test
    void overlongChunkLineAtTheDefaultLimitIs413() {
        // Apache (default 8190): 8188 + CRLF accepted, 8189 + CRLF 413.
        assertEquals("413", decode(chunkLineOf(8189) + "\r\nhello\r\n0\r\n\r\n"));
    }

    @Test
    void chunkLineAtTheDefaultLimitIsAccepted() {
        assertEquals("hello", decode(chunkLineOf(8188) + "\r\nhello\r\n0\r\n\r\n"));
    }

    static Stream<Arguments> trailerSections() {
        return Stream.of(
                arguments("one trailer (Apache)", "X-T: 1\r\n", "hello"),
                arguments("name with space (Apache)", "X T: 1\r\n", "400"),
                arguments("space before colon", "X-T : 1\r\n", "400"),
                arguments("leading whitespace (Apache)", " X-T: 1\r\n", "400"),
                arguments("obs-fold, deliberate", "X-T: 1\r\n 2\r\n", "400"),
                arguments("bare LF (Apache)", "X-T: 1\n", "400"),
                arguments("control character (Apache)", "X-T: a\u0001b\r\n", "400"),
                arguments("bare CR", "X-T: a\rb\r\n", "400"),
                arguments("three trailers at limit 3 (Apache)", "A: 1\r\nB: 2\r\nC: 3\r\n", "hello"),
                arguments("four trailers over limit 3 (Apache)", "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n", "400"),
                arguments("trailer line of limit + 1 (Apache)", "X-a: " + "a".repeat(26) + "\r\n", "hello"),
                arguments("trailer line of limit + 2 (Apache)", "X-a: " + "a".repeat(27) + "\r\n", "400"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trailerSections")
    void trailers(String name, String section, String expected) {
        assertEquals(expected, decode("5\r\nhello\r\n0\r\n" + section + "\r\n", SMALL_LINE, SMALL_FIELDS));
    }

    @Test
    void trailersAreCollectedApart() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        ByteBuffer in = ByteBuffer.wrap(bytes("0\r\nContent-Length: 99\r\nX-Sum:  abc \r\n\r\n"));
        d.decode(in, 100);
        assertEquals(List.of(new Headers.Field("Content-Length", "99"), new Headers.Field("X-Sum", "abc")),
                ConnectionReader.fields(d.trailers()));
    }

    @Test
    void stopsAfterTheBodyLeavingThePipelinedRequest() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        ByteBuffer in = ByteBuffer.wrap(bytes("2\r\nhi\r\n0\r\n\r\nGET / HTTP/1.1\r\n"));
        while (d.decode(in, 100) != null) {
            // drain
        }
        assertEquals(12, in.position());
    }

    @Test
    void completeAfterTheFinalCrlf() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        ByteBuffer in = ByteBuffer.wrap(bytes("2\r\nhi\r\n0\r\n\r\n"));
        while (d.decode(in, 100) != null) {
            // drain
        }
        assertTrue(d.isComplete());
    }

    @Test
    void notCompleteBeforeTheFinalCrlf() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        ByteBuffer in = ByteBuffer.wrap(bytes("2\r\nhi\r\n0\r\n"));
        while (d.decode(in, 100) != null) {
            // drain
        }
        assertFalse(d.isComplete());
    }

    @Test
    void completeDecoderConsumesNothing() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        d.decode(ByteBuffer.wrap(bytes("0\r\n\r\n")), 100);
        ByteBuffer next = ByteBuffer.wrap(bytes("5\r\n"));
        assertNull(d.decode(next, 100));
        assertEquals(0, next.position());
    }

    @Test
    void slicesAreViewsOfTheInput() throws BadRequestException {
        byte[] input = bytes("5\r\nhello\r\n0\r\n\r\n");
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        ByteBuffer slice = d.decode(ByteBuffer.wrap(input), 100);
        input[3] = 'J';
        assertEquals('J', slice.get(0));
    }

    @Test
    void slicesRespectMaxBytes() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        assertEquals(2, d.decode(ByteBuffer.wrap(bytes("5\r\nhello\r\n0\r\n\r\n")), 2).remaining());
    }

    @Test
    void maxBytesMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new ChunkedDecoder(8190, 100).decode(ByteBuffer.wrap(bytes("5\r\n")), 0));
    }

    @Test
    void afterAnErrorTheSameErrorRepeats() {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        BadRequestException first = assertThrows(BadRequestException.class,
                () -> d.decode(ByteBuffer.wrap(bytes("x")), 100));
        assertSame(first, assertThrows(BadRequestException.class, () -> d.decode(ByteBuffer.wrap(bytes("5")), 100)));
    }

    @Test
    void resetDecodesTheNextBody() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        d.decode(ByteBuffer.wrap(bytes("0\r\n\r\n")), 100);
        d.reset();
        ByteBuffer s = d.decode(ByteBuffer.wrap(bytes("1\r\nz\r\n0\r\n\r\n")), 100);
        assertEquals('z', s.get(0));
    }

    @Test
    void resetLeavesThePreviousTrailersToTheirHolder() throws BadRequestException {
        ChunkedDecoder d = new ChunkedDecoder(8190, 100);
        d.decode(ByteBuffer.wrap(bytes("0\r\nX: 1\r\n\r\n")), 100);
        Headers first = d.trailers();
        d.reset();
        assertNotSame(first, d.trailers());
    }
}
