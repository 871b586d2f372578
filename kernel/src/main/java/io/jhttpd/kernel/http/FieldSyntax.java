package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;
import java.nio.charset.StandardCharsets;

/**
 * The RFC 9110 character classes and the field-line rule ({@code name ":" OWS value OWS}), shared
 * by request heads and chunked trailers so that both refuse exactly the same lines.
 *
 * <p>Bytes become {@code String}s as ISO-8859-1, one char per byte: a field may carry obs-text
 * (bytes 0x80–0xFF, which Apache accepts), and keeping each byte as one char lets later code
 * recover the exact bytes.
 */
final class FieldSyntax {

    static final byte CR = '\r';
    static final byte LF = '\n';
    static final byte SP = ' ';
    static final byte HTAB = '\t';

    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private FieldSyntax() {
    }

    /** RFC 9110 tchar: may appear in a token (method, field name, coding name). */
    static boolean isTchar(byte b) {
        return TCHAR[b & 0xFF];
    }

    /** CTL: 0x00–0x1F and DEL. */
    static boolean isCtl(byte b) {
        return (b >= 0 && b < 0x20) || b == 0x7F;
    }

    static boolean isToken(byte[] a, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!TCHAR[a[i] & 0xFF]) {
                return false;
            }
        }
        return true;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /** True if {@code s} may be sent as a field value: no CTL except HTAB, no char beyond one byte. */
    static boolean isFieldValue(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || (c < 0x20 && c != '\t') || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    static String latin1(byte[] a, int from, int to) {
        return new String(a, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * Names, methods and versions most requests carry, by length: a token equal to one of them
     * (byte for byte, case included) is that String, not a new one. Every request spared the
     * allocations, and the lookups that follow compare equal references first.
     */
    private static final String[][] COMMON_BY_LENGTH = byLength(
            "GET", "PUT", "HEAD", "POST", "DELETE", "OPTIONS", "HTTP/1.1", "HTTP/1.0",
            "Host", "Accept", "Accept-Encoding", "Accept-Language", "Accept-Charset", "Authorization",
            "Cache-Control", "Connection", "Content-Length", "Content-Type", "Cookie", "DNT", "Expect",
            "If-Match", "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Origin",
            "Pragma", "Priority", "Range", "Referer", "TE", "Transfer-Encoding", "Upgrade",
            "Upgrade-Insecure-Requests", "User-Agent", "Via", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Proto", "X-Requested-With", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site",
            "Sec-Fetch-User", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "Keep-Alive",
            "host", "accept", "user-agent", "accept-encoding", "accept-language", "connection", "content-length",
            "content-type", "cookie", "referer");

    private static String[][] byLength(String... tokens) {
        int max = 0;
        for (String t : tokens) {
            max = Math.max(max, t.length());
        }
        String[][] table = new String[max + 1][];
        for (String t : tokens) {
            String[] row = table[t.length()];
            row = row == null ? new String[1] : java.util.Arrays.copyOf(row, row.length + 1);
            row[row.length - 1] = t;
            table[t.length()] = row;
        }
        return table;
    }

    /** {@code a[from, to)} as a String: one of the common tokens when it is one, else a new String. */
    static String token(byte[] a, int from, int to) {
        int len = to - from;
        if (len < COMMON_BY_LENGTH.length) {
            String[] row = COMMON_BY_LENGTH[len];
            if (row != null) {
                for (String t : row) {
                    if (sameBytes(t, a, from, len)) {
                        return t;
                    }
                }
            }
        }
        return latin1(a, from, to);
    }

    private static boolean sameBytes(String t, byte[] a, int from, int len) {
        for (int i = 0; i < len; i++) {
            if (t.charAt(i) != (a[from + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses one field line {@code a[0, len)} (CRLF already removed) and adds it to {@code into}.
     * {@code kind} names the section ("header", "trailer") in reasons.
     */
    static void addFieldLine(byte[] a, int len, Headers into, String kind) throws BadRequestException {
        if (a[0] == SP || a[0] == HTAB) {
            // obs-fold, or whitespace before the first field (the Undertow/Netty smuggling shape).
            // RFC 9112 §5.2 lets a server reject it; unlike Apache, we do rather than unfold.
            throw new BadRequestException(400, "Request " + kind
                    + " field line starts with whitespace (obs-fold is not accepted)");
        }
        int colon = 0;
        while (colon < len && TCHAR[a[colon] & 0xFF]) {
            colon++;
        }
        if (colon == 0 || colon == len || a[colon] != ':') {
            // Also catches "Name : value": whitespace before the colon is how a front end and a
            // back end are made to disagree on a field's name (RFC 9112 §5.1 demands 400).
            throw new BadRequestException(400, "Request " + kind + " field name is malformed: "
                    + printable(a, 0, len));
        }
        int start = colon + 1;
        int end = len;
        while (start < end && (a[start] == SP || a[start] == HTAB)) {
            start++;
        }
        while (end > start && (a[end - 1] == SP || a[end - 1] == HTAB)) {
            end--;
        }
        for (int i = start; i < end; i++) {
            byte b = a[i];
            if ((b >= 0 && b < 0x20 && b != HTAB) || b == 0x7F) {
                throw new BadRequestException(400, "Request " + kind + " value is malformed: "
                        + printable(a, start, end));
            }
        }
        into.add(token(a, 0, colon), latin1(a, start, end));
    }

    /** The bytes for a log line: printable ASCII kept, others as \xHH, long input shortened. */
    static String printable(byte[] a, int from, int to) {
        int shown = Math.min(to, from + 120);
        StringBuilder sb = new StringBuilder(shown - from + 8);
        for (int i = from; i < shown; i++) {
            int c = a[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        if (shown < to) {
            sb.append("...");
        }
        return sb.toString();
    }
}
