package io.jhttpd.mod.include.internal;

import io.jhttpd.api.HtmlEscape;
import java.nio.charset.StandardCharsets;

/** The encodings of {@code <!--#echo encoding=... -->}, as Apache's escaping functions. */
final class Encoding {

    /** Characters {@code ap_escape_uri} leaves alone besides letters and digits. */
    private static final String URI_SAFE = "$-_.+!*'(),:@&=/~";
    /** Characters {@code ap_escape_shell_cmd} puts a backslash before. */
    private static final String SHELL_SPECIAL = "&;`'\"|*?~<>^()[]{}$\\\n";

    private Encoding() {
    }

    /** {@code ap_escape_html}: {@code & < > "} as entities. */
    static String entity(String s) {
        return HtmlEscape.escape(s);
    }

    /** {@code ap_escape_uri}: every byte but letters, digits and {@value #URI_SAFE} as {@code %XX}. */
    static String url(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || URI_SAFE.indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                // lower-case hex digits, as Apache's c2x
                sb.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        return sb.toString();
    }

    /** {@code ap_escape_shell_cmd}: a backslash before each shell metacharacter (for {@code QUERY_STRING_UNESCAPED}). */
    static String shell(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (SHELL_SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Percent-decoding of a query string (a malformed escape stays as written). */
    static String unescapeUrl(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && Character.digit(in[i + 1], 16) >= 0 && Character.digit(in[i + 2], 16) >= 0) {
                out.write(Character.digit(in[i + 1], 16) * 16 + Character.digit(in[i + 2], 16));
                i += 2;
            } else {
                out.write(in[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
