package io.jhttpd.mod.log.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one log line while it is built, with Apache's {@code ap_escape_logitem} escaping.
 *
 * <p>Escaping, byte by byte: {@code "} and {@code \} get a backslash; BS, LF, CR, TAB, VT become
 * {@code \b \n \r \t \v}; every other control byte and every byte from 0x7f up becomes
 * {@code \xhh} (lower-case hex). So a log line never holds a raw newline or a quote that could
 * end a quoted field, whatever a client sent.
 *
 * <p>Which bytes a Java string stands for: text from the wire (request line, headers, query,
 * user) arrives as ISO-8859-1 characters, one per byte, so {@link #escaped} takes characters up
 * to U+00FF as bytes; decoded paths ({@code %U}, {@code %f}) hold Unicode characters, so
 * {@link #escapedPath} takes their UTF-8 bytes, as Apache logs the decoded bytes
 * ({@code /caf%C3%A9} → {@code /caf\xc3\xa9}). Characters above U+00FF are UTF-8 in both.
 *
 * <p>Not thread-safe; one per request being logged.
 */
final class LineBuffer {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DASH = {'-'};

    private byte[] bytes;
    private int length;

    LineBuffer() {
        bytes = new byte[512];
    }

    /** Empties the buffer for the next line; a buffer grown past 64 KiB by a huge line is let go. */
    void reset() {
        length = 0;
        if (bytes.length > 65536) {
            bytes = new byte[512];
        }
    }

    /** Number of bytes held. */
    int length() {
        return length;
    }

    /** The bytes held, as a buffer over them (not copied). */
    ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    /** The line as ISO-8859-1 text, one character per byte (for tests and diagnostics). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Appends bytes as they are. */
    LineBuffer raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return this;
    }

    /** Appends one byte as it is. */
    LineBuffer raw(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /** Appends text known to be printable ASCII (numbers, IP addresses) without escaping. */
    LineBuffer ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends {@code -}, Apache's mark for a missing value. */
    LineBuffer dash() {
        return raw(DASH);
    }

    /** Appends a decimal number. */
    LineBuffer number(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return ascii(Long.toString(v));
            }
            raw('-');
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        length += digits;
        return this;
    }

    /** Appends {@code v} with at least {@code width} digits, zero-padded ({@code v >= 0}). */
    LineBuffer padded(long v, int width) {
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            raw('0');
        }
        return number(v);
    }

    /** Appends wire text escaped; {@code null} gives {@code -}. */
    LineBuffer escaped(String s) {
        if (s == null) {
            return dash();
        }
        for (int i = plainPrefix(s), n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c <= 0xff) {
                escapeByte(c);
            } else {
                i = utf8(s, i);
            }
        }
        return this;
    }

    /** Appends a decoded path escaped, non-ASCII characters as their UTF-8 bytes; {@code null} gives {@code -}. */
    LineBuffer escapedPath(String s) {
        if (s == null) {
            return dash();
        }
        for (int i = plainPrefix(s), n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                escapeByte(c);
            } else {
                i = utf8(s, i);
            }
        }
        return this;
    }

    /**
     * Copies the leading characters of {@code s} that need no escaping (the whole of most values)
     * in one tight loop; returns the index of the first one that does.
     */
    private int plainPrefix(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = length;
        int i = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                break;
            }
            b[at++] = (byte) c;
        }
        length = at;
        return i;
    }

    /** Escapes the UTF-8 bytes of the code point at {@code i}; returns the index of its last char. */
    private int utf8(String s, int i) {
        int cp = s.codePointAt(i);
        if (cp < 0x80) {
            escapeByte(cp);
        } else if (cp < 0x800) {
            escapeByte(0xc0 | (cp >> 6));
            escapeByte(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            if (Character.isSurrogate((char) cp)) {
                cp = '?';   // a lone surrogate has no UTF-8 form; Java's encoder writes '?' too
                escapeByte(cp);
                return i;
            }
            escapeByte(0xe0 | (cp >> 12));
            escapeByte(0x80 | ((cp >> 6) & 0x3f));
            escapeByte(0x80 | (cp & 0x3f));
        } else {
            escapeByte(0xf0 | (cp >> 18));
            escapeByte(0x80 | ((cp >> 12) & 0x3f));
            escapeByte(0x80 | ((cp >> 6) & 0x3f));
            escapeByte(0x80 | (cp & 0x3f));
        }
        return i + Character.charCount(cp) - 1;
    }

    private void escapeByte(int b) {
        if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
            ensure(1);
            bytes[length++] = (byte) b;
            return;
        }
        ensure(4);
        bytes[length++] = '\\';
        switch (b) {
            case '"':
            case '\\':
                bytes[length++] = (byte) b;
                break;
            case '\b':
                bytes[length++] = 'b';
                break;
            case '\n':
                bytes[length++] = 'n';
                break;
            case '\r':
                bytes[length++] = 'r';
                break;
            case '\t':
                bytes[length++] = 't';
                break;
            case 0x0b:
                bytes[length++] = 'v';
                break;
            default:
                bytes[length++] = 'x';
                bytes[length++] = HEX[b >> 4];
                bytes[length++] = HEX[b & 15];
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
