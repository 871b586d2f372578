package io.jhttpd.kernel.http;

import static io.jhttpd.kernel.http.ConnectionReader.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Body framing and the request-smuggling shapes. "Apache" marks statuses checked against Apache
 * 2.4; "deliberate" marks where we refuse what Apache tolerates.
 */
class BodyFramingTest {

    /** The framing {@code fields} declare, as "NONE", "LENGTH n", "CHUNKED", or the error status. */
    static String framing(String version, String fields) {
        try {
            RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
            p.parse(ByteBuffer.wrap(bytes("POST / " + version + "\r\nHost: x\r\n" + fields + "\r\n")));
            return BodyFraming.of(p.head()).toString();
        } catch (BadRequestException e) {
            return String.valueOf(e.status());
        }
    }

    static String framing(String fields) {
        return framing("HTTP/1.1", fields);
    }

    static Stream<Arguments> contentLengths() {
        return Stream.of(
                arguments("no framing fields", "", "NONE"),
                arguments("plain length", "Content-Length: 5\r\n", "LENGTH 5"),
                arguments("zero", "Content-Length: 0\r\n", "LENGTH 0"),
                arguments("leading zeros (Apache)", "Content-Length: 005\r\n", "LENGTH 5"),
                arguments("Long.MAX_VALUE (Apache: 413 later, from LimitRequestBody)",
                        "Content-Length: 9223372036854775807\r\n", "LENGTH 9223372036854775807"),
                arguments("overflow (Apache)", "Content-Length: 9223372036854775808\r\n", "400"),
                arguments("huge (Apache)", "Content-Length: 99999999999999999999\r\n", "400"),
                arguments("plus sign (Apache)", "Content-Length: +5\r\n", "400"),
                arguments("minus sign (Apache)", "Content-Length: -5\r\n", "400"),
                arguments("hex (Apache)", "Content-Length: 0x5\r\n", "400"),
                arguments("space inside (Apache)", "Content-Length: 5 5\r\n", "400"),
                arguments("empty (Apache)", "Content-Length:\r\n", "400"),
                arguments("list of equal values (Apache)", "Content-Length: 5, 5\r\n", "400"),
                arguments("list of different values (Apache)", "Content-Length: 5,6\r\n", "400"),
                arguments("two equal fields (Apache)", "Content-Length: 5\r\nContent-Length: 5\r\n", "400"),
                arguments("two different fields (Apache)", "Content-Length: 5\r\nContent-Length: 6\r\n", "400"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentLengths")
    void contentLength(String name, String fields, String expected) {
        assertEquals(expected, framing(fields));
    }

    static Stream<Arguments> transferEncodings() {
        return Stream.of(
                arguments("chunked (Apache)", "chunked", "CHUNKED"),
                arguments("Chunked (Apache)", "Chunked", "CHUNKED"),
                arguments("CHUNKED (Apache)", "CHUNKED", "CHUNKED"),
                arguments("trailing empty element, deliberate (RFC 9110 §5.6.1; Apache 400)", "chunked,", "CHUNKED"),
                arguments("leading empty element (Apache)", ",chunked", "CHUNKED"),
                arguments("chunked, identity: chunked not final (Apache)", "chunked, identity", "400"),
                arguments("identity alone: chunked not final (Apache)", "identity", "400"),
                arguments("xchunked (Apache)", "xchunked", "400"),
                arguments("gzip alone (Apache)", "gzip", "400"),
                arguments("chunked with a parameter (Apache)", "chunked;q=1", "400"),
                arguments("quoted chunked (Apache)", "\"chunked\"", "400"),
                arguments("chunked twice, deliberate (Apache accepts)", "chunked, chunked", "400"),
                arguments("gzip, chunked: unsupported coding, deliberate (Apache accepts)", "gzip, chunked", "501"),
                arguments("identity, chunked: unsupported coding, deliberate (Apache accepts)", "identity, chunked", "501"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transferEncodings")
    void transferEncoding(String name, String value, String expected) {
        assertEquals(expected, framing("Transfer-Encoding: " + value + "\r\n"));
    }

    @Test
    void emptyTransferEncodingIs400() {
        // Apache: 400 "client sent unknown Transfer-Encoding ()".
        assertEquals("400", framing("Transfer-Encoding:\r\n"));
    }

    @Test
    void teFieldsCombineInOrder() {
        assertEquals("501", framing("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"));
    }

    @Test
    void chunkedInTwoFieldsIs400() {
        assertEquals("400", framing("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"));
    }

    @Test
    void chunkedFollowedByAnotherFieldIs400() {
        assertEquals("400", framing("Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n"));
    }

    @Test
    void teWithContentLengthIs400() {
        // Deliberate: Apache drops Content-Length and closes after the response.
        assertEquals("400", framing("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"));
    }

    @Test
    void contentLengthWithTeIs400() {
        assertEquals("400", framing("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"));
    }

    @Test
    void teWithInvalidContentLengthIs400() {
        assertEquals("400", framing("Transfer-Encoding: chunked\r\nContent-Length: +5\r\n"));
    }

    @Test
    void teInHttp10Is400() {
        // Deliberate: Apache de-chunks it; RFC 9112 §6.1 calls the framing faulty.
        assertEquals("400", framing("HTTP/1.0", "Transfer-Encoding: chunked\r\n"));
    }

    @Test
    void contentLengthInHttp10IsALength() {
        assertEquals("LENGTH 3", framing("HTTP/1.0", "Content-Length: 3\r\n"));
    }

    @Test
    void lowerCaseFieldNamesCount() {
        assertEquals("400", framing("transfer-encoding: chunked\r\ncontent-length: 5\r\n"));
    }

    @Test
    void spaceBeforeColonNeverReachesFraming() {
        assertEquals("400", framing("Transfer-Encoding : chunked\r\n"));
    }
}
