package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Test fixture: jqwik generators of valid requests, each with its bytes on the wire and the
 * {@link ConnectionReader.Message} reading it must give. The wire form varies everything the
 * grammar lets vary (leading empty lines, whitespace around values, case of framing fields,
 * chunk sizes, hex case, leading zeros, extensions, trailers), so equal messages from different
 * bytes are tested too.
 */
final class RequestArbitraries {

    /** A request's bytes and what they mean. */
    record Generated(byte[] wire, int headLength, ConnectionReader.Message expected) {
    }

    /** A field to send: name, value, and the optional whitespace to put around the value. */
    record Field(String name, String value, String owsBefore, String owsAfter) {
        String line() {
            return name + ":" + owsBefore + value + owsAfter;
        }
    }

    /** One chunk's size-line decoration: leading zeros, upper-case hex, extension text. */
    record ChunkStyle(int zeros, boolean upper, String extension) {
    }

    static final String TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private RequestArbitraries() {
    }

    static Arbitrary<String> tokens(int max) {
        return Arbitraries.strings().withChars(TCHARS).ofMinLength(1).ofMaxLength(max);
    }

    static Arbitrary<String> methods() {
        return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "HEAD"),
                tokens(10).filter(m -> !m.equals("CONNECT")));
    }

    /** Origin-form targets: any visible ASCII but '#', and raw bytes 0x80–0xFF, after a '/'. */
    static Arbitrary<String> targets() {
        Arbitrary<String> path = Arbitraries.strings()
                .withCharRange('!', '~').withCharRange('\u0080', '\u00ff')
                .ofMaxLength(40)
                .map(s -> "/" + s.replace('#', '/'));
        Arbitrary<String> absolute = Arbitraries.of("http://example.com/", "https://[::1]:8443/a?b", "http://x:80");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, path),
                net.jqwik.api.Tuple.of(1, absolute));
    }

    /** Host values Apache's strict check accepts. */
    static Arbitrary<String> hosts() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
                .ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> last = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> name = Combinators.combine(label.list().ofMaxSize(3), last)
                .as((labels, tld) -> labels.isEmpty() ? tld : String.join(".", labels) + "." + tld);
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
        Arbitrary<String> host = Arbitraries.oneOf(name, ipv4, Arbitraries.of("[::1]", "[2001:db8::7]"));
        Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p);
        return Combinators.combine(host, Arbitraries.oneOf(Arbitraries.just(""), port)).as(String::concat);
    }

    static Arbitrary<String> ows() {
        return Arbitraries.strings().withChars(' ', '\t').ofMaxLength(3);
    }

    /** Field values: visible ASCII, obs-text, inner SP/HTAB; no whitespace at either end. */
    static Arbitrary<String> fieldValues() {
        return Arbitraries.strings().withCharRange('!', '~').withCharRange('\u0080', '\u00ff').withChars(' ', '\t')
                .ofMaxLength(30).map(RequestArbitraries::trimOws);
    }

    static Arbitrary<Field> fields() {
        Arbitrary<String> names = tokens(20).filter(n -> !n.equalsIgnoreCase("Host")
                && !n.equalsIgnoreCase("Content-Length") && !n.equalsIgnoreCase("Transfer-Encoding"));
        return Combinators.combine(names, fieldValues(), ows(), ows()).as(Field::new);
    }

    static Arbitrary<ChunkStyle> chunkStyles() {
        Arbitrary<String> ext = Arbitraries.oneOf(
                Arbitraries.just(""),
                Combinators.combine(tokens(8), tokens(8)).as((n, v) -> ";" + n + "=" + v),
                Combinators.combine(tokens(8), Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10))
                        .as((n, v) -> " ;" + n + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.just(";flag"));
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.of(false, true), ext)
                .as(ChunkStyle::new);
    }

    /** Valid requests, each with its expected reading. */
    static Arbitrary<Generated> requests() {
        Arbitrary<byte[]> bodies = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<List<Integer>> chunkSizes = Arbitraries.integers().between(1, 120).list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<List<Field>> trailers = fields().list().ofMaxSize(3);
        return Combinators.combine(
                Arbitraries.integers().between(0, 2),
                methods(),
                targets(),
                Arbitraries.of("HTTP/1.1", "HTTP/1.1", "HTTP/1.0"),
                hosts(),
                fields().list().ofMaxSize(8),
                Arbitraries.of(BodyFraming.Kind.values()),
                Combinators.combine(bodies, chunkSizes, chunkStyles().list().ofMinSize(1).ofMaxSize(4), trailers,
                        Arbitraries.of(false, true)).as(BodySpec::new))
                .as(RequestArbitraries::build);
    }

    /** How a body is sent: its bytes, and for chunked framing the chunk sizes, styles and trailers. */
    record BodySpec(byte[] body, List<Integer> chunkSizes, List<ChunkStyle> styles, List<Field> trailers,
            boolean lowerCaseFraming) {
    }

    private static Generated build(int blankLines, String method, String target, String version, String host,
            List<Field> fields, BodyFraming.Kind kind, BodySpec spec) {
        if (kind == BodyFraming.Kind.CHUNKED && version.equals("HTTP/1.0")) {
            kind = BodyFraming.Kind.LENGTH;
        }
        StringBuilder head = new StringBuilder();
        head.append("\r\n".repeat(blankLines));
        String requestLine = method + " " + target + " " + version;
        head.append(requestLine).append("\r\n");
        List<Headers.Field> expectedHeaders = new ArrayList<>();
        List<Field> all = new ArrayList<>();
        all.add(new Field("Host", host, " ", ""));
        all.addAll(fields);
        byte[] body = kind == BodyFraming.Kind.NONE ? new byte[0] : spec.body();
        if (kind == BodyFraming.Kind.LENGTH) {
            all.add(new Field(spec.lowerCaseFraming() ? "content-length" : "Content-Length",
                    String.valueOf(body.length), " ", ""));
        } else if (kind == BodyFraming.Kind.CHUNKED) {
            all.add(new Field(spec.lowerCaseFraming() ? "transfer-encoding" : "Transfer-Encoding",
                    spec.lowerCaseFraming() ? "Chunked" : "chunked", " ", " "));
        }
        for (Field f : all) {
            head.append(f.line()).append("\r\n");
            expectedHeaders.add(new Headers.Field(f.name(), f.value()));
        }
        head.append("\r\n");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        wire.writeBytes(headBytes);
        List<Headers.Field> expectedTrailers = List.of();
        if (kind == BodyFraming.Kind.LENGTH) {
            wire.writeBytes(body);
        } else if (kind == BodyFraming.Kind.CHUNKED) {
            writeChunked(wire, body, spec.chunkSizes(), spec.styles(), spec.trailers());
            expectedTrailers = new ArrayList<>();
            for (Field t : spec.trailers()) {
                expectedTrailers.add(new Headers.Field(t.name(), t.value()));
            }
        }
        ConnectionReader.Message expected = new ConnectionReader.Message(requestLine, method, target, version,
                expectedHeaders, kind, body, expectedTrailers);
        return new Generated(wire.toByteArray(), headBytes.length, expected);
    }

    /** Chunked framing written by hand, so that sizes, case, zeros and extensions vary. */
    static void writeChunked(ByteArrayOutputStream wire, byte[] body, List<Integer> sizes, List<ChunkStyle> styles,
            List<Field> trailers) {
        int at = 0;
        for (int i = 0; at < body.length; i++) {
            int n = Math.min(sizes.get(i % sizes.size()), body.length - at);
            ChunkStyle style = styles.get(i % styles.size());
            String hex = Integer.toHexString(n);
            String line = "0".repeat(style.zeros()) + (style.upper() ? hex.toUpperCase(Locale.ROOT) : hex)
                    + style.extension() + "\r\n";
            wire.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
            wire.write(body, at, n);
            wire.writeBytes(new byte[] {'\r', '\n'});
            at += n;
        }
        ChunkStyle last = styles.get(styles.size() - 1);
        wire.writeBytes(("0" + last.extension() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (Field t : trailers) {
            wire.writeBytes((t.line() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        wire.writeBytes(new byte[] {'\r', '\n'});
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] bytesOf(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    static String show(byte[] b) {
        return Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 200)));
    }
}
