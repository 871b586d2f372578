package io.jhttpd.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadBufferTest {

    private static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aHeadIsTheBytesOfItsLatin1Text() {
        HeadBuffer h = new HeadBuffer().begin();
        h.append("HTTP/1.1 ").append(200).append(' ').append("OK").append("\r\n");
        assertTrue(h.field("X-Name", "caf\u00e9 \u00ff"));
        h.append("Keep-Alive: timeout=").append(5).append(", max=").append(9999).append("\r\n\r\n");
        assertEquals("HTTP/1.1 200 OK\r\nX-Name: caf\u00e9 \u00ff\r\nKeep-Alive: timeout=5, max=9999\r\n\r\n", text(h.finish()));
    }

    @Test
    void aCharacterBeyondLatin1BecomesAQuestionMarkNeverItsLowByte() {
        HeadBuffer h = new HeadBuffer().begin();
        // U+010D's low byte is CR, U+010A's is LF: cut to a byte, either would split the response
        assertTrue(h.field("X-Name", "\u010d\u010aok"));
        h.append("Server: \u010d\u010a").append("\r\n");
        assertEquals("X-Name: ??ok\r\nServer: ??\r\n", text(h.finish()));
    }

    @Test
    void aFieldThatWouldSplitTheResponseOrHasABadNameIsLeftOut() {
        HeadBuffer h = new HeadBuffer().begin();
        assertFalse(h.field("X-A", "one\r\nSet-Cookie: x=1"));
        assertFalse(h.field("X-B", "two\nthree"));
        assertFalse(h.field("X-C", "nul\0"));
        assertFalse(h.field("Bad Name", "v"));
        assertFalse(h.field("Bad:Name", "v"));
        assertFalse(h.field("Caf\u00e9", "v"));
        assertTrue(h.field("X-Ok", "v"));
        assertEquals("X-Ok: v\r\n", text(h.finish()));
    }

    @Test
    void aHeadLongerThanTheFirstArrayGrows() {
        HeadBuffer h = new HeadBuffer().begin();
        String value = "v".repeat(3000);
        assertTrue(h.field("X-Long", value));
        assertEquals("X-Long: " + value + "\r\n", text(h.finish()));
    }

    @Test
    void aHeadStillQueuedIsNeverOverwrittenByTheNext() {
        HeadBuffer h = new HeadBuffer();
        ByteBuffer first = h.begin().append("first head\r\n").finish();
        ByteBuffer second = h.begin().append("second\r\n").finish();
        assertEquals("first head\r\n", text(first), "the first was not written yet: it keeps its bytes");
        assertEquals("second\r\n", text(second));
        // once written whole, its array is reused
        second.position(second.limit());
        ByteBuffer third = h.begin().append("third\r\n").finish();
        assertEquals("third\r\n", text(third));
        assertTrue(third.array() == second.array(), "a written head's array serves the next");
        assertFalse(first.array() == second.array());
    }
}
