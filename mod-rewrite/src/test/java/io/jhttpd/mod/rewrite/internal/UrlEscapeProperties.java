package io.jhttpd.mod.rewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Escaping round trips and Apache's exact spellings (lower-case hex, '+' for space under B). */
class UrlEscapeProperties {

    @Property
    void escapedUriDecodesBackToTheOriginal(@ForAll String s) {
        String valid = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(valid, UrlEscape.unescape(UrlEscape.escapeUri(valid)));
    }

    @Property
    void backrefEscapingWithoutPlusRoundTrips(@ForAll String s) {
        String valid = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
        String escaped = UrlEscape.escapeBackref(valid, null, null, false, true);
        assertTrue(escaped.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '%')), escaped);
        assertEquals(valid, UrlEscape.unescape(escaped));
    }

    @Property
    void escapedUriHasNoCharacterThatNeedsEscaping(@ForAll String s) {
        String e = UrlEscape.escapeUri(s);
        assertTrue(e.chars().allMatch(c -> c < 0x80 && c > 0x20 && "\"#<>?[\\]^`{|}".indexOf(c) < 0), e);
    }

    @Test
    void apacheSpellings() {
        // Apache 2.4.71: "a b&c" with [B] -> "a+b%26c"; the redirect then escapes '%' -> "a+b%2526c"
        assertEquals("a+b%26c", UrlEscape.escapeBackref("a b&c", null, null, false, false));
        assertEquals("a%20b%26c", UrlEscape.escapeBackref("a b&c", null, null, false, true));
        assertEquals("a+b%2526c", UrlEscape.escapeUri("a+b%26c"));
        assertEquals("a%2fb%3f", UrlEscape.escapeBackref("a/b?", null, null, false, false));
        assertEquals("a/b%3f", UrlEscape.escapeBackref("a/b?", "?", null, false, false));
        assertEquals("a%20b%0a", UrlEscape.escapeBackref("a b\n", null, null, true, true));
        assertEquals("/a0b%23frag", UrlEscape.escapeUri("/a0b#frag"));
        assertEquals("x%7cy", UrlEscape.escapeUri("x|y"));
    }
}
