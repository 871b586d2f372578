package io.jhttpd.kernel.http;

import static io.jhttpd.kernel.http.ConnectionReader.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request-head rules, one case per rule. Statuses marked "Apache" were checked against Apache
 * 2.4 (default HttpProtocolOptions Strict); "deliberate" marks where we differ on purpose.
 */
class RequestParserTest {

    /** The head parsed; the engine goes on. */
    static final int HEAD_OK = 200;
    /** The parser wants more bytes. */
    static final int NEED_MORE = -1;

    static int status(String raw) {
        return status(raw, RequestLimits.APACHE_DEFAULTS);
    }

    static int status(String raw, RequestLimits limits) {
        RequestParser p = new RequestParser(limits);
        try {
            return p.parse(ByteBuffer.wrap(bytes(raw))) ? HEAD_OK : NEED_MORE;
        } catch (BadRequestException e) {
            return e.status();
        }
    }

    static RequestHead head(String raw) throws BadRequestException {
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        assertTrue(p.parse(ByteBuffer.wrap(bytes(raw))));
        return p.head();
    }

    static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    static String withField(String fieldLine) {
        return "GET / HTTP/1.1\r\nHost: x\r\n" + fieldLine + "\r\n\r\n";
    }

    static String withHost(String host) {
        return "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    // ---- well-formed heads

    @Test
    void parsesRequestLineAndFields() throws BadRequestException {
        RequestHead h = head("GET /a/b?c=d HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nX-Multi: 1\r\nx-multi: 2\r\n\r\n");
        assertEquals(List.of("GET", "/a/b?c=d", "HTTP/1.1", "1", "1", "GET /a/b?c=d HTTP/1.1", "4", "example.com",
                "[1, 2]", "true", "ORIGIN"),
                List.of(h.method(), h.target(), h.protocol(), "" + h.major(), "" + h.minor(), h.requestLine(),
                        "" + h.headers().size(), h.headers().get("HOST"), "" + h.headers().getAll("X-Multi"),
                        "" + h.isHttp11OrLater(), h.targetForm().name()));
    }

    @Test
    void stopsAtTheEndOfTheHeadLeavingPipelinedBytes() throws BadRequestException {
        ByteBuffer buf = ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\n"));
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        p.parse(buf);
        assertEquals("GET /next HTTP/1.1\r\n", new String(buf.array(), buf.position(), buf.remaining(),
                java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Test
    void parseAfterCompletionConsumesNothing() throws BadRequestException {
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        p.parse(ByteBuffer.wrap(bytes(get("/"))));
        ByteBuffer next = ByteBuffer.wrap(bytes(get("/2")));
        p.parse(next);
        assertEquals(0, next.position());
    }

    @Test
    void resetReadsTheNextRequest() throws BadRequestException {
        ByteBuffer buf = ByteBuffer.wrap(bytes(get("/1") + get("/2")));
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        p.parse(buf);
        p.reset();
        p.parse(buf);
        assertEquals("/2", p.head().target());
    }

    @Test
    void headBeforeCompletionIsAnError() {
        assertThrows(IllegalStateException.class, () -> new RequestParser(RequestLimits.APACHE_DEFAULTS).head());
    }

    @Test
    void afterAnErrorTheSameErrorRepeats() {
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        BadRequestException first = assertThrows(BadRequestException.class,
                () -> p.parse(ByteBuffer.wrap(bytes("GET  / HTTP/1.1\r\n"))));
        assertSame(first, assertThrows(BadRequestException.class, () -> p.parse(ByteBuffer.wrap(bytes(get("/"))))));
    }

    @Test
    void fieldValuesLoseSurroundingWhitespaceOnly() throws BadRequestException {
        assertEquals("a \t b", head(withField("X: \t a \t b \t ")).headers().get("X"));
    }

    @Test
    void emptyFieldValueIsKept() throws BadRequestException {
        assertEquals("", head(withField("X:   \t ")).headers().get("X"));
    }

    @Test
    void obsTextInValuesIsKeptByteForByte() throws BadRequestException {
        assertEquals("\u0080\u00ff", head(withField("X:\u0080\u00ff")).headers().get("X"));
    }

    @Test
    void colonsInValuesAreData() throws BadRequestException {
        assertEquals(":y", head(withField("X::y")).headers().get("X"));
    }

    @Test
    void fieldNameSpellingIsKept() throws BadRequestException {
        assertEquals("x-CuStOm", head(withField("x-CuStOm: 1")).headers().nameAt(1));
    }

    @Test
    void rawUtf8TargetIsKeptAsLatin1Chars() throws BadRequestException {
        // Apache accepts raw bytes >= 0x80 in the target (404 for a missing file, not 400).
        assertEquals("/a\u00c3\u00a9", head(get("/a\u00c3\u00a9")).target());
    }

    @Test
    void http10NeedsNoHost() {
        assertEquals(HEAD_OK, status("GET / HTTP/1.0\r\n\r\n"));
    }

    @Test
    void http10IsNotHttp11() throws BadRequestException {
        assertFalse(head("GET / HTTP/1.0\r\n\r\n").isHttp11OrLater());
    }

    @Test
    void laterMinorVersionsAreServedAsHttp11() throws BadRequestException {
        // Apache serves HTTP/1.2 (200).
        assertTrue(head("GET / HTTP/1.2\r\nHost: x\r\n\r\n").isHttp11OrLater());
    }

    // ---- leading empty lines, hasStarted

    @Test
    void tenLeadingEmptyLinesAreIgnored() {
        assertEquals(HEAD_OK, status("\r\n".repeat(10) + get("/")));
    }

    @Test
    void anEleventhLeadingEmptyLineIsBad() {
        // Apache: 400 "Invalid method token: ''" from 11 on.
        assertEquals(400, status("\r\n".repeat(11) + get("/")));
    }

    @Test
    void leadingBareLfIsBad() {
        // Apache Strict: 400; RFC 9112 §2.2 only permits accepting it.
        assertEquals(400, status("\n" + get("/")));
    }

    @Test
    void notStartedBeforeAnyByte() {
        assertFalse(new RequestParser(RequestLimits.APACHE_DEFAULTS).hasStarted());
    }

    @Test
    void notStartedByEmptyLines() throws BadRequestException {
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        p.parse(ByteBuffer.wrap(bytes("\r\n\r\n\r")));
        assertFalse(p.hasStarted());
    }

    @Test
    void startedByTheFirstRequestByte() throws BadRequestException {
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        p.parse(ByteBuffer.wrap(bytes("\r\nG")));
        assertTrue(p.hasStarted());
    }

    @Test
    void notStartedAfterReset() throws BadRequestException {
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        p.parse(ByteBuffer.wrap(bytes(get("/"))));
        p.reset();
        assertFalse(p.hasStarted());
    }

    // ---- limits (Apache accepts limit + 1 bytes before the CRLF; checked with limits 30/30/3)

    static final RequestLimits SMALL = new RequestLimits(30, 30, 3);

    static String requestLineOf(int length) {
        return "GET /?" + "a".repeat(length - "GET /? HTTP/1.1".length()) + " HTTP/1.1";
    }

    @Test
    void requestLineOfLimitPlusOneIsAccepted() {
        assertEquals(HEAD_OK, status(requestLineOf(31) + "\r\nHost: x\r\n\r\n", SMALL));
    }

    @Test
    void requestLineOfLimitPlusTwoIs414() {
        assertEquals(414, status(requestLineOf(32) + "\r\nHost: x\r\n\r\n", SMALL));
    }

    @Test
    void requestLineOverTheDefaultLimitIs414() {
        // Apache: 8191 bytes accepted, 8192 answered 414.
        assertEquals(414, status(requestLineOf(8192) + "\r\nHost: x\r\n\r\n"));
    }

    @Test
    void requestLineAtTheDefaultLimitIsAccepted() {
        assertEquals(HEAD_OK, status(requestLineOf(8191) + "\r\nHost: x\r\n\r\n"));
    }

    @Test
    void overlongRequestLineIsRefusedBeforeItsEnd() {
        assertEquals(414, status("GET /" + "a".repeat(40), SMALL));
    }

    @Test
    void overlongLineBeatsItsSyntaxErrors() {
        // Apache reads the whole line before judging it.
        assertEquals(414, status("GET  /\u0001" + "a".repeat(40) + " HTTP/1.1\r\n", SMALL));
    }

    @Test
    void fieldLineOfLimitPlusOneIsAccepted() {
        assertEquals(HEAD_OK, status(withField("X-a: " + "a".repeat(26)), SMALL));
    }

    @Test
    void fieldLineOfLimitPlusTwoIs400() {
        // Apache: 400 "Size of a request header field exceeds server limit", not 431.
        assertEquals(400, status(withField("X-a: " + "a".repeat(27)), SMALL));
    }

    @Test
    void fieldLineOverTheDefaultLimitIs400() {
        assertEquals(400, status(withField("X-a: " + "a".repeat(8192 - 5))));
    }

    @Test
    void maxFieldsAreAccepted() {
        assertEquals(HEAD_OK, status("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\n\r\n", SMALL));
    }

    @Test
    void oneFieldOverMaxIs400() {
        // Apache: 400 "Number of request header fields exceeds server limit".
        assertEquals(400, status("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", SMALL));
    }

    @Test
    void oneHundredFieldsAreAcceptedByDefault() {
        assertEquals(HEAD_OK, status("GET / HTTP/1.1\r\nHost: x\r\n" + "X: y\r\n".repeat(99) + "\r\n"));
    }

    @Test
    void oneHundredAndOneFieldsAre400ByDefault() {
        assertEquals(400, status("GET / HTTP/1.1\r\nHost: x\r\n" + "X: y\r\n".repeat(100) + "\r\n"));
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RequestLimits(0, 1, 1));
    }

    // ---- status tables

    static Stream<Arguments> requestLines() {
        return Stream.of(
                arguments("bare LF ends the request line (Apache)", "GET / HTTP/1.1\nHost: x\r\n\r\n", 400),
                arguments("bare CR in the request line", "GET /\rx HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("double space (Apache)", get(" /"), 400),
                arguments("trailing space (Apache)", "GET / HTTP/1.1 \r\nHost: x\r\n\r\n", 400),
                arguments("leading space (Apache)", " " + get("/"), 400),
                arguments("tab in target (Apache)", get("/\tx"), 400),
                arguments("tab as separator (Apache)", "GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("extra word (Apache)", "GET / HTTP/1.1 x\r\nHost: x\r\n\r\n", 400),
                arguments("space in query (Apache)", get("/?a b"), 400),
                arguments("empty target (Apache)", "GET  HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("method only (Apache)", "GET\r\n\r\n", 400),
                arguments("HTTP/0.9 request line, deliberate (Apache serves 0.9)", "GET /\r\n\r\n", 400),
                arguments("version HTTP/1.1x (Apache)", "GET / HTTP/1.1x\r\nHost: x\r\n\r\n", 400),
                arguments("version http/1.1 (Apache)", "GET / http/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("version HTTP/11.1 (Apache)", "GET / HTTP/11.1\r\nHost: x\r\n\r\n", 400),
                arguments("version HTTP/1", "GET / HTTP/1\r\nHost: x\r\n\r\n", 400),
                arguments("version HTTP/0.9 (Apache)", "GET / HTTP/0.9\r\nHost: x\r\n\r\n", 400),
                arguments("version HTTP/2.0, deliberate (Apache serves it)", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
                arguments("version HTTP/3.0, deliberate", "GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505),
                arguments("h2 prior-knowledge preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505),
                arguments("method not a token (Apache)", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("obs-text in method (Apache)", "GE\u0080T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("SOH in target (Apache)", get("/a\u0001b"), 400),
                arguments("DEL in target (Apache)", get("/a\u007fb"), 400),
                arguments("NUL in target (Apache)", get("/a\u0000b"), 400),
                arguments("fragment in target (Apache)", get("/a#b"), 400),
                arguments("asterisk without OPTIONS (Apache)", get("*"), 400),
                arguments("relative target (Apache)", get("abc"), 400),
                arguments("authority-form without CONNECT (Apache)", get("x:80"), 400),
                arguments("authority-form with OPTIONS (Apache)", "OPTIONS x:80 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("scheme starting with a digit (Apache)", get("1http://x/"), 400),
                arguments("scheme without // (Apache)", get("http:x"), 400),
                arguments("userinfo in absolute-form (Apache)", get("http://us@x/"), 400),
                arguments("non-numeric port (Apache)", get("http://x:abc/"), 400),
                arguments("CONNECT with origin-form (Apache)", "CONNECT /x HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("CONNECT without port (Apache)", "CONNECT x HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("CONNECT with empty port (Apache)", "CONNECT x: HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("CONNECT with absolute-form (Apache)", "CONNECT http://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("CONNECT with asterisk (Apache)", "CONNECT * HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("CONNECT with userinfo (Apache)", "CONNECT u@x:80 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("CONNECT with a path (Apache)", "CONNECT x:80/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                arguments("origin-form", get("/a/b?c"), HEAD_OK),
                arguments("double slash (Apache)", get("//x/y"), HEAD_OK),
                arguments("empty query (Apache)", get("/?"), HEAD_OK),
                arguments("printable specials (Apache)", get("/a\"b<>{}|\\^`"), HEAD_OK),
                arguments("raw UTF-8 (Apache)", get("/\u00c3\u00a9"), HEAD_OK),
                arguments("bad escape is the path decoder's business", get("/%zz"), HEAD_OK),
                arguments("absolute-form (Apache)", get("http://x/"), HEAD_OK),
                arguments("absolute-form https (Apache)", get("https://x/"), HEAD_OK),
                arguments("absolute-form upper-case scheme (Apache)", get("HTTP://x/"), HEAD_OK),
                arguments("absolute-form without path (Apache)", get("http://x"), HEAD_OK),
                arguments("absolute-form with query only (Apache)", get("http://x?a"), HEAD_OK),
                arguments("absolute-form with empty port (Apache)", get("http://x:/"), HEAD_OK),
                arguments("absolute-form with empty host (Apache)", get("http:///a"), HEAD_OK),
                arguments("absolute-form IPv6 (Apache)", get("http://[::1]:8/"), HEAD_OK),
                arguments("OPTIONS * (Apache)", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_OK),
                arguments("CONNECT host:port (Apache: 405 later)", "CONNECT x:80 HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_OK),
                arguments("CONNECT [v6]:port (Apache: 405 later)", "CONNECT [::1]:80 HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_OK),
                arguments("lower-case method is a token (Apache: 501 later)", "get / HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_OK),
                arguments("unknown method is a token (Apache: 501 later)", "FOO / HTTP/1.1\r\nHost: x\r\n\r\n", HEAD_OK),
                arguments("HTTP/1.0 (Apache)", "GET / HTTP/1.0\r\n\r\n", HEAD_OK),
                arguments("HTTP/1.2 (Apache)", "GET / HTTP/1.2\r\nHost: x\r\n\r\n", HEAD_OK),
                arguments("incomplete line", "GET / HTTP/1.1\r", NEED_MORE),
                arguments("incomplete head", "GET / HTTP/1.1\r\nHost: x\r\n", NEED_MORE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestLines")
    void requestLineStatus(String name, String raw, int expected) {
        assertEquals(expected, status(raw));
    }

    static Stream<Arguments> fieldLines() {
        return Stream.of(
                arguments("space before colon (Apache)", "Foo : bar", 400),
                arguments("Transfer-Encoding with space before colon (Apache)", "Transfer-Encoding : chunked", 400),
                arguments("tab before colon (Apache)", "Foo\t: bar", 400),
                arguments("obs-fold, deliberate (Apache unfolds)", "Foo: bar\r\n  baz", 400),
                arguments("obs-fold with tab, deliberate", "Foo: bar\r\n\tbaz", 400),
                arguments("bare CR in value (Apache)", "Foo: b\rar", 400),
                arguments("CR CR LF (Apache)", "Foo: bar\r", 400),
                arguments("bare LF ends a field (Apache)", "Foo: bar\nX: y", 400),
                arguments("NUL in value (Apache)", "Foo: b\u0000ar", 400),
                arguments("SOH in value (Apache)", "Foo: b\u0001ar", 400),
                arguments("VT in value (Apache)", "Foo:\u000b", 400),
                arguments("DEL in value (Apache)", "Foo: b\u007far", 400),
                arguments("NUL in name (Apache)", "X-\u0000: y", 400),
                arguments("name not a token (Apache)", "F(o: bar", 400),
                arguments("obs-text in name (Apache)", "\u0080: y", 400),
                arguments("empty name (Apache)", ": bar", 400),
                arguments("no colon (Apache)", "Foo bar", 400),
                arguments("tab in value (Apache)", "Foo: b\tar", HEAD_OK),
                arguments("obs-text in value (Apache)", "Foo: b\u00ffar", HEAD_OK),
                arguments("empty value (Apache)", "Foo:", HEAD_OK),
                arguments("whitespace-only value (Apache)", "Foo:   \t ", HEAD_OK),
                arguments("colon in value (Apache)", "X: a: b", HEAD_OK),
                arguments("double colon (Apache)", "X::y", HEAD_OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldLines")
    void fieldLineStatus(String name, String line, int expected) {
        assertEquals(expected, status(withField(line)));
    }

    @Test
    void whitespaceBeforeTheFirstFieldIs400() {
        // Apache: 400 "Line folding encountered before first header line".
        assertEquals(400, status("GET / HTTP/1.1\r\n Host: x\r\n\r\n"));
    }

    @Test
    void bareLfEndingTheHeadIs400() {
        assertEquals(400, status("GET / HTTP/1.1\r\nHost: x\r\n\n"));
    }

    @Test
    void bareLfAfterTheLastFieldIs400() {
        assertEquals(400, status("GET / HTTP/1.1\r\nHost: x\n\r\n"));
    }

    // ---- Host

    static Stream<Arguments> hostHeads() {
        return Stream.of(
                arguments("HTTP/1.1 without Host (Apache)", "GET / HTTP/1.1\r\n\r\n", 400),
                arguments("HTTP/1.1 with empty Host (Apache)", "GET / HTTP/1.1\r\nHost:\r\n\r\n", 400),
                arguments("two equal Hosts (Apache)", "GET / HTTP/1.1\r\nHost: x\r\nHost: x\r\n\r\n", 400),
                arguments("two different Hosts (Apache)", "GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400),
                arguments("two Hosts in HTTP/1.0 (Apache)", "GET / HTTP/1.0\r\nHost: x\r\nHost: y\r\n\r\n", 400),
                arguments("two Hosts with absolute-form, deliberate (Apache ignores)",
                        "GET http://x/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                arguments("lower-case host field name (Apache)", "GET / HTTP/1.1\r\nhost: x\r\n\r\n", HEAD_OK),
                arguments("HTTP/1.0 with empty Host (Apache)", "GET / HTTP/1.0\r\nHost:\r\n\r\n", HEAD_OK),
                arguments("HTTP/1.0 with bad Host (Apache)", "GET / HTTP/1.0\r\nHost: a b\r\n\r\n", 400),
                arguments("absolute-form ignores a bad Host (Apache)",
                        "GET http://x/ HTTP/1.1\r\nHost: a b\r\n\r\n", HEAD_OK),
                arguments("absolute-form with empty Host (Apache)", "GET http://x/ HTTP/1.1\r\nHost:\r\n\r\n", HEAD_OK),
                arguments("absolute-form still needs Host in 1.1 (Apache)", "GET http://x/ HTTP/1.1\r\n\r\n", 400),
                arguments("CONNECT with empty Host (Apache: 405 later)", "CONNECT x:80 HTTP/1.1\r\nHost:\r\n\r\n", HEAD_OK),
                arguments("CONNECT without Host (Apache)", "CONNECT x:80 HTTP/1.1\r\n\r\n", 400),
                arguments("OPTIONS * with empty Host (Apache)", "OPTIONS * HTTP/1.1\r\nHost:\r\n\r\n", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostHeads")
    void hostRuleStatus(String name, String raw, int expected) {
        assertEquals(expected, status(raw));
    }

    /** All refused by Apache 2.4 (AH00550 "Client sent malformed Host header"). */
    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"a b", "a/b", "a:b", "a@b", "..", "a..b", "x, y", "a:", "a%41", "[zz]", "a:99999", "a\\b",
        "a:0", ".", "1.2.3.4.5", "1.2.3", "01.2.3.4", "1.02.3.4", "a.1", "a.-b", "x.1a", "a._b", "0", "[::1", "[]",
        "[fe80::1%eth0]", "[1:2:3:4:5:6:7:8:9]", "[::1]x", "[::1]:", "[::1]:0", "[::1]:65536", "::1", "[1.2.3.4]",
        ":80", "a:80:80", "a:+80", "\u00c3\u00a9", "[1::2::3]", "[v1.x]", "[::1.2.3]", "[::1.2.3.4.5]", "[12345::]",
        "[:1]", "[1:]", "[1:2:3:4:5:6:7:1.2.3.4]", "a:65536", "1.2.3.4:"})
    void invalidHostIs400(String host) {
        assertEquals(400, status(withHost(host)));
    }

    @ParameterizedTest(name = "Host: [{0}]")
    @ValueSource(strings = {"[1:::2]", "[1:2:3:4:5:6:7]", "[::256.1.1.1]", "[::01.2.3.4]"})
    void malformedIpv6HostIs400(String host) {
        assertEquals(400, status(withHost(host)));
    }

    /** All accepted by Apache 2.4. */
    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"x", "a:80", "[::1]:80", "a_b.c-d", "1.2.3.4", "a.", "a:080", "-a", ".a", "a.:80",
        "256.1.1.1", "1.0.3.4", "a.b1", "1a", "1-2", "1.2.3.4.", "a.b.:80", "0.0.0.0", "[::]", "[::FFFF:1.2.3.4]",
        "[1:2:3:4:5:6:7::]", "[1:2:3:4:5:6:7:8::]", "[::2:3:4:5:6:7:8]", "[1:2:3:4:5:6:1.2.3.4]",
        "[1:2:3:4:5:6:7:8]", "a:65535", "a:000000080", "EXAMPLE.COM", "x \t"})
    void validHostIsAccepted(String host) {
        assertEquals(HEAD_OK, status(withHost(host)));
    }
}
