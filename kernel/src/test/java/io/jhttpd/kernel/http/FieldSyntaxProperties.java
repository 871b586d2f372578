package io.jhttpd.kernel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A token read from request bytes is the same text whether it is a shared constant or a new String. */
class FieldSyntaxProperties {

    @Property(tries = 2000)
    void aTokenReadsAsItsBytes(@ForAll("nearTokens") String text) {
        byte[] wire = ("x" + text + "y").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(text, FieldSyntax.token(wire, 1, wire.length - 1));
    }

    @Example
    void commonTokensAreSharedCaseAndAll() {
        byte[] wire = "GET HTTP/1.1 Host host HOST".getBytes(StandardCharsets.ISO_8859_1);
        assertSame("GET", FieldSyntax.token(wire, 0, 3));
        assertSame("HTTP/1.1", FieldSyntax.token(wire, 4, 12));
        assertSame("Host", FieldSyntax.token(wire, 13, 17));
        assertSame("host", FieldSyntax.token(wire, 18, 22));
        assertEquals("HOST", FieldSyntax.token(wire, 23, 27));
    }

    /** Common names, their case and one-byte variants (a different last byte, a Latin-1 byte), and arbitrary text. */
    @Provide
    Arbitrary<String> nearTokens() {
        Arbitrary<String> common = Arbitraries.of("GET", "POST", "HTTP/1.0", "Host", "User-Agent", "Accept-Encoding",
                "Content-Length", "If-None-Match", "TE", "sec-ch-ua");
        Arbitrary<String> varied = common.flatMap(t -> Arbitraries.integers().between(0, t.length() - 1)
                .flatMap(i -> Arbitraries.chars().range('\u0000', '\u00ff')
                        .map(c -> t.substring(0, i) + c + t.substring(i + 1))));
        Arbitrary<String> any = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(30);
        return Arbitraries.oneOf(common, common.map(String::toLowerCase), varied, any);
    }
}
