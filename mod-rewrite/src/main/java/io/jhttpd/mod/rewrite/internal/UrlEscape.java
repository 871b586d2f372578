package io.jhttpd.mod.rewrite.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The three escapings mod_rewrite applies, byte for byte as Apache does (lower-case hex digits):
 * {@link #escapeUri} for redirect targets ({@code ap_escape_uri}), {@link #escapeBackref} for the
 * {@code B} flag, and {@link #unescape} for the {@code int:unescape} map.
 */
final class UrlEscape {

    private static final String HEX = "0123456789abcdef";
    /** Characters {@code ap_escape_uri} leaves alone besides letters and digits. */
    private static final String PATH_SAFE = "$-_.+!*'(),:;@&=/~";

    private UrlEscape() {
    }

    /** Apache's {@code ap_escape_uri}: everything but letters, digits and {@value #PATH_SAFE} as %xx. */
    static String escapeUri(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 16);
        boolean changed = false;
        for (byte raw : bytes) {
            int b = raw & 0xff;
            boolean safe = b < 0x80 && (Character.isLetterOrDigit(b) || PATH_SAFE.indexOf(b) >= 0);
            changed |= !safe;
            appendByte(out, b, safe);
        }
        return changed ? out.toString(StandardCharsets.UTF_8) : s;
    }

    /**
     * The {@code B} flag's escaping of a back-reference ({@code escape_backref}): with
     * {@code only == null} every byte that is not a letter or digit (BCTLS: only controls and
     * space), else only the bytes in {@code only}; bytes in {@code except} stay; a space becomes
     * {@code +} unless {@code noPlus} (BNP).
     */
    static String escapeBackref(String s, String only, String except, boolean controlsOnly, boolean noPlus) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 8);
        for (byte raw : bytes) {
            int b = raw & 0xff;
            boolean escape;
            if (controlsOnly) {
                escape = b <= 0x20 || b == 0x7f;
            } else if (only != null) {
                escape = only.indexOf(b) >= 0;
            } else {
                escape = !(b < 0x80 && Character.isLetterOrDigit(b));
            }
            if (escape && except != null && except.indexOf(b) >= 0) {
                escape = false;
            }
            if (escape && b == ' ' && !noPlus) {
                out.write('+');
            } else {
                appendByte(out, b, !escape);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Decodes %xx sequences (UTF-8); malformed sequences stay as they are. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private static void appendByte(ByteArrayOutputStream out, int b, boolean literal) {
        if (literal) {
            out.write(b);
        } else {
            out.write('%');
            out.write(HEX.charAt(b >> 4));
            out.write(HEX.charAt(b & 15));
        }
    }

}
