package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    @Test
    void everyByteEscapesAsApEscapeLogitem() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            all.append(c);
        }
        String escaped = new LineBuffer().escaped(all.toString()).toString();
        StringBuilder expected = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            switch (b) {
                case '\b' -> expected.append("\\b");
                case '\n' -> expected.append("\\n");
                case '\r' -> expected.append("\\r");
                case '\t' -> expected.append("\\t");
                case 0x0b -> expected.append("\\v");
                case '"' -> expected.append("\\\"");
                case '\\' -> expected.append("\\\\");
                default -> {
                    if (b < 0x20 || b >= 0x7f) {
                        expected.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
                    } else {
                        expected.append((char) b);
                    }
                }
            }
        }
        assertEquals(expected.toString(), escaped);
    }

    @Test
    void charactersBeyondLatin1AreTheirUtf8Bytes() {
        assertEquals("\\xe2\\x82\\xac|\\xf0\\x9f\\x98\\x80", new LineBuffer().escaped("€|😀").toString());
        assertEquals("/caf\\xc3\\xa9", new LineBuffer().escapedPath("/café").toString());
        assertEquals("\\xe9", new LineBuffer().escaped("é").toString(), "wire text: one char, one byte");
        assertEquals("-", new LineBuffer().escaped(null).toString());
    }

    @Test
    void numbers() {
        assertEquals("0|7|-12|9223372036854775807|-9223372036854775808|007",
                new LineBuffer().number(0).raw('|').number(7).raw('|').number(-12).raw('|').number(Long.MAX_VALUE)
                        .raw('|').number(Long.MIN_VALUE).raw('|').padded(7, 3).toString());
    }

    @Property
    void escapedTextIsPrintableAndQuoteSafeAndDecodesBack(@ForAll String text) {
        LineBuffer b = new LineBuffer();
        b.escaped(text);
        ByteBuffer bytes = b.asByteBuffer();
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        for (int i = 0; i < raw.length; i++) {
            int c = raw[i] & 0xff;
            assertTrue(c >= 0x20 && c < 0x7f, "only printable ASCII");
            if (c == '"') {
                assertTrue(i > 0 && raw[i - 1] == '\\', "quotes are escaped");
            }
        }
        assertEquals(wireBytes(text), unescape(raw));
    }

    /**
     * Whole lines: any User-Agent (ISO-8859-1 text, as header values arrive) in the combined format
     * gives one line, no control byte before its newline, exactly the format's quotes unescaped,
     * and the field decodes back to the header value.
     */
    @Property
    void anyHeaderValueGivesOneWholeCombinedLine(@ForAll @net.jqwik.api.constraints.CharRange(from = 0, to = 255) String agent)
            throws io.jhttpd.api.ConfigException {
        FakeRequest r = new FakeRequest();
        r.headersIn.add("User-Agent", agent);
        LineBuffer b = new LineBuffer();
        LineFormat.parse("%h \"%r\" \"%{Referer}i\" \"%{User-agent}i\"", java.time.ZoneOffset.UTC)
                .render(LoggedRequest.of(r, 0, 0), b);
        byte[] raw = new byte[b.length()];
        b.asByteBuffer().get(raw);
        assertEquals('\n', raw[raw.length - 1]);
        int unescapedQuotes = 0;
        for (int i = 0; i < raw.length - 1; i++) {
            int c = raw[i] & 0xff;
            assertTrue(c >= 0x20 && c < 0x7f, "only printable ASCII before the newline");
            if (c == '\\') {
                i++;   // an escape: the next byte is part of it
            } else if (c == '"') {
                unescapedQuotes++;
            }
        }
        assertEquals(6, unescapedQuotes, "only the format's own quotes");
        String line = new String(raw, 0, raw.length - 1, StandardCharsets.ISO_8859_1);
        String lastField = line.substring(line.indexOf("\"-\" \"") + 5, line.length() - 1);
        assertEquals(agent, unescape(lastField.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** What the escaped text stands for: chars up to U+00FF as bytes, others as UTF-8. */
    private static String wireBytes(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0xff) {
                out.write(c);
            } else {
                int cp = s.codePointAt(i);
                String one = Character.isSurrogate(c) && Character.charCount(cp) == 1 ? "?" : new String(Character.toChars(cp));
                out.writeBytes(one.getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String unescape(byte[] raw) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < raw.length; i++) {
            char c = (char) raw[i];
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char n = (char) raw[++i];
            switch (n) {
                case 'b' -> sb.append('\b');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> {
                    sb.append((char) Integer.parseInt(new String(raw, i + 1, 2, StandardCharsets.US_ASCII), 16));
                    i += 2;
                }
                default -> sb.append(n);
            }
        }
        return sb.toString();
    }
}
