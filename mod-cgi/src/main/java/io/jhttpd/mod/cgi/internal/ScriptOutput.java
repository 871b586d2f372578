package io.jhttpd.mod.cgi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A script's standard output: first the header section, read line by line (RFC 3875 §6.2, ended
 * by an empty line, LF or CRLF), then the body, read in chunks that include whatever the header
 * reads had buffered. Holds one buffer; never the body.
 */
final class ScriptOutput {

    /** Longest header line accepted, as Apache's {@code MAX_STRING_LEN}. */
    static final int MAX_LINE = 8192;

    /** A header field from the script, split at its first colon, the value without surrounding white space. */
    record Field(String name, String value) {
    }

    /** Why the header section could not be read. */
    enum Failure {
        /** The output ended (or the script timed out) before the empty line. */
        ENDED_BEFORE_HEADERS,
        /** A line without a colon, or longer than {@link #MAX_LINE}. */
        MALFORMED_LINE,
        /** A field name that is not an RFC 9110 token. */
        BAD_NAME
    }

    /** The header section could not be read; {@link #detail} quotes the offending text. */
    static final class HeaderException extends Exception {
        private static final long serialVersionUID = 1L;
        final Failure failure;
        final String detail;

        HeaderException(Failure failure, String detail) {
            super(failure + ": " + detail, null, false, false);
            this.failure = failure;
            this.detail = detail;
        }
    }

    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;

    ScriptOutput(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[Math.max(bufferSize, MAX_LINE + 2)];
    }

    /** Reads the header section up to and including its empty line. */
    List<Field> readHeaders() throws IOException, HeaderException {
        List<Field> fields = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new HeaderException(Failure.ENDED_BEFORE_HEADERS, "");
            }
            if (line.isEmpty()) {
                return fields;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new HeaderException(Failure.MALFORMED_LINE, abbreviate(line));
            }
            String name = line.substring(0, colon);
            if (!isToken(name)) {
                throw new HeaderException(Failure.BAD_NAME, name);
            }
            fields.add(new Field(name, line.substring(colon + 1).strip()));
        }
    }

    /**
     * Reads body bytes into a fresh array (the caller hands it on): what the header reads left
     * buffered first, then straight from the script. Null at the end of the output.
     */
    byte[] readChunk(int max) throws IOException {
        if (pos < limit) {
            int n = Math.min(max, limit - pos);
            byte[] out = java.util.Arrays.copyOfRange(buffer, pos, pos + n);
            pos += n;
            return out;
        }
        byte[] out = new byte[max];
        int n = in.read(out, 0, max);
        if (n < 0) {
            return null;
        }
        return n == max ? out : java.util.Arrays.copyOf(out, n);
    }

    /** True if more output can be read now without waiting for the script. */
    boolean hasBuffered() throws IOException {
        return pos < limit || in.available() > 0;
    }

    /** Reads and drops the rest of the output (Apache discards a redirecting script's body). */
    void discardRest() throws IOException {
        pos = limit;
        while (in.read(buffer, 0, buffer.length) >= 0) {
            // dropped
        }
    }

    /** One line without its LF or CRLF, or null if the output ends first; a too-long line is malformed. */
    private String readLine() throws IOException, HeaderException {
        int start = pos;
        while (true) {
            for (int i = start; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > pos && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buffer, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            if (limit - pos > MAX_LINE) {
                throw new HeaderException(Failure.MALFORMED_LINE,
                        abbreviate(new String(buffer, pos, 30, StandardCharsets.ISO_8859_1)));
            }
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            start = limit;
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                return null;
            }
            limit += n;
        }
    }

    /** The first 30 characters, as Apache quotes a bad header line. */
    private static String abbreviate(String line) {
        return line.length() <= 30 ? line : line.substring(0, 30);
    }

    /** RFC 9110 token: visible ASCII except delimiters. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
