package io.jhttpd.kernel.engine;

import java.nio.ByteBuffer;

/**
 * A connection's response head, written straight into bytes (ISO-8859-1; a character above
 * U+00FF becomes {@code ?}), in an array the connection keeps from one response to the next.
 * Before, the head went through a StringBuilder, its String and that String's bytes: two copies
 * and a fifth of the bytes a small static response allocated.
 *
 * <p>The array is reused only once the head handed out last has been written whole (its buffer
 * has nothing left); a head still queued keeps its array, and the next one gets a new array.
 */
final class HeadBuffer {

    private byte[] bytes = new byte[512];
    private int length;
    /** The head handed out last: while it has bytes left, it is still queued to be written. */
    private ByteBuffer handedOut;

    /** Starts a new head. */
    HeadBuffer begin() {
        if (handedOut != null && handedOut.hasRemaining()) {
            bytes = new byte[bytes.length];
        }
        handedOut = null;
        length = 0;
        return this;
    }

    /** Appends {@code s}. */
    HeadBuffer append(String s) {
        int n = s.length();
        room(n);
        copy(s, n, latin1(s, n));
        return this;
    }

    /** Appends {@code v} in decimal. */
    HeadBuffer append(long v) {
        if (v >= 0 && v < 10) {
            room(1);
            bytes[length++] = (byte) ('0' + v);
            return this;
        }
        return append(Long.toString(v));
    }

    /** Appends an ASCII character. */
    HeadBuffer append(char c) {
        room(1);
        bytes[length++] = (byte) c;
        return this;
    }

    /**
     * Appends the field {@code name: value} and its CRLF, unless the name is not a token or the
     * value holds CR, LF or NUL (response splitting): then nothing is appended and the answer is
     * false.
     */
    boolean field(String name, String value) {
        int nameLength = name.length();
        for (int i = 0; i < nameLength; i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == ':' || c >= 127) {
                return false;
            }
        }
        int valueLength = value.length();
        boolean latin1 = true;
        for (int i = 0; i < valueLength; i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                return false;
            }
            latin1 &= c <= 0xFF;
        }
        room(nameLength + valueLength + 4);
        copy(name, nameLength, true);
        bytes[length++] = ':';
        bytes[length++] = ' ';
        copy(value, valueLength, latin1);
        bytes[length++] = '\r';
        bytes[length++] = '\n';
        return true;
    }

    /** The head so far, to be queued for writing. */
    ByteBuffer finish() {
        handedOut = ByteBuffer.wrap(bytes, 0, length);
        return handedOut;
    }

    private static boolean latin1(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("deprecation") // the one-byte copy is exactly what a Latin-1 string needs
    private void copy(String s, int n, boolean latin1) {
        if (latin1) {
            s.getBytes(0, n, bytes, length);
            length += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes[length++] = c <= 0xFF ? (byte) c : (byte) '?';
        }
    }

    private void room(int n) {
        if (length + n > bytes.length) {
            byte[] bigger = new byte[Math.max(bytes.length * 2, length + n)];
            System.arraycopy(bytes, 0, bigger, 0, length);
            bytes = bigger;
        }
    }
}
