package io.jhttpd.mod.staticfiles.internal;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of a decoded URL path for use in a URL, as Apache's {@code ap_escape_uri}:
 * ASCII letters, digits and {@code $-_.+!*'(),:;@&=/~} stay, every other byte of the path's UTF-8
 * form becomes {@code %xx} in lower-case hex (checked against Apache 2.4.71's
 * {@code DirectorySlash} redirects: {@code /sp ace;é} → {@code /sp%20ace;%c3%a9}).
 */
final class PathEscape {

    private static final boolean[] SAFE = new boolean[128];
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static {
        for (char c = '0'; c <= '9'; c++) {
            SAFE[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            SAFE[c] = true;
            SAFE[c - 'a' + 'A'] = true;
        }
        for (char c : "$-_.+!*'(),:;@&=/~".toCharArray()) {
            SAFE[c] = true;
        }
    }

    private PathEscape() {
    }

    /** {@code path} with unsafe bytes percent-encoded; the same string if nothing needs it. */
    static String escape(String path) {
        int n = path.length();
        int i = 0;
        while (i < n && path.charAt(i) < 128 && SAFE[path.charAt(i)]) {
            i++;
        }
        if (i == n) {
            return path;
        }
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 128 && SAFE[c]) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 15]);
            }
        }
        return sb.toString();
    }
}
