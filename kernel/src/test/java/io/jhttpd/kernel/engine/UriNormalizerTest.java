package io.jhttpd.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhttpd.kernel.http.BadRequestException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriNormalizerTest {

    private static String off(String p) throws BadRequestException {
        return UriNormalizer.normalize(p, UriNormalizer.EncodedSlashes.OFF, true);
    }

    @ParameterizedTest
    @CsvSource({
        "/, /",
        "/a/b, /a/b",
        "/a/./b, /a/b",
        "/a/b/.., /a/",
        "/a/b/../c, /a/c",
        "/a//b///c, /a/b/c",
        "/a//../b, /b",
        "/a/b//.., /a/",
        "/%61%62c, /abc",
        "/a%20b, /a b",
        "/a/%2e/b, /a/b",
        "/a/%2E%2E/b, /b",
        "/a/b/%2e%2e/, /a/",
        "/caf%C3%A9, /café",
        "/a/..., /a/...",
        "/a\\..\\b, /a\\..\\b",
    })
    void normalises(String raw, String expected) throws BadRequestException {
        assertEquals(expected, off(raw));
    }

    @ParameterizedTest
    @CsvSource({
        "/.., 400",
        "/../etc/passwd, 400",
        "/a/../../etc/passwd, 400",
        "//../etc/passwd, 400",
        "/%2e%2e/etc/passwd, 400",
        "/.%2e/x, 400",
        "/cgi-bin/.%2e/.%2e/bin/sh, 400",
        "/a%2f..%2f..%2fetc, 404",
        "/a%2Fb, 404",
        "/a%00b, 404",
        "/a%zz, 400",
        "/a%2, 400",
        "relative, 400",
    })
    void refusesWithApacheStatus(String raw, int status) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> off(raw));
        assertEquals(status, e.status());
    }

    @Test
    void doubleEncodingIsDecodedOnlyOnce() throws BadRequestException {
        // %252e%252e stays "%2e%2e" after the single decode: a name, not a dot segment
        assertEquals("/%2e%2e/etc/passwd", off("/%252e%252e/etc/passwd"));
    }

    @Test
    void encodedSlashesFollowAllowEncodedSlashes() throws BadRequestException {
        assertEquals("/a/b", UriNormalizer.normalize("/a%2Fb", UriNormalizer.EncodedSlashes.ON, true));
        assertEquals("/a%2Fb", UriNormalizer.normalize("/a%2Fb", UriNormalizer.EncodedSlashes.NO_DECODE, true));
        assertThrows(BadRequestException.class,
                () -> UriNormalizer.normalize("/a%2f..%2f..%2fetc", UriNormalizer.EncodedSlashes.ON, true));
    }

    @Property(tries = 2000)
    void neverClimbsAboveTheRoot(@ForAll @StringLength(max = 40) String tail) {
        String raw = "/" + tail.replaceAll("[^a-z./%2eEfF0-9]", "");
        try {
            String n = UriNormalizer.normalize(raw, UriNormalizer.EncodedSlashes.ON, true);
            assertEquals('/', n.charAt(0));
            for (String seg : n.split("/")) {
                assertFalse(seg.equals(".."), n);
            }
        } catch (BadRequestException e) {
            // refusing is always allowed
        }
    }
}
