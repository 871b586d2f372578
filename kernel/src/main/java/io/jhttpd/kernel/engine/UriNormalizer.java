package io.jhttpd.kernel.engine;

import io.jhttpd.kernel.http.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns the path of a request-target into the decoded, normalised path hooks see, in the order
 * Apache 2.4.51+ uses (the order matters: CVE-2021-41773/42013 came from getting it wrong):
 * decode only unreserved escapes (so {@code %2e} is a dot), merge slashes, remove dot segments
 * refusing to climb above the root, then decode the rest once ({@code %2F} per
 * {@code AllowEncodedSlashes}, {@code %00} refused).
 */
final class UriNormalizer {

    /** {@code AllowEncodedSlashes} values. */
    enum EncodedSlashes { OFF, ON, NO_DECODE }

    private UriNormalizer() {
    }

    static String normalize(String rawPath, EncodedSlashes slashes, boolean mergeSlashes) throws BadRequestException {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new BadRequestException(400, "invalid URI path (" + rawPath + ")");
        }
        String p = decodeUnreserved(rawPath);
        // Slashes are merged before dot segments go, as Apache's ap_normalize_path merges them in
        // the same pass: "/a//../b" is "/b" (not "/a/b"), and "//../x" climbs above the root.
        if (mergeSlashes) {
            p = mergeSlashes(p);
        }
        p = removeDotSegments(p);
        String decoded = decodeRest(p, slashes);
        if (slashes == EncodedSlashes.ON && decoded.length() != p.length()) {
            if (mergeSlashes) {
                decoded = mergeSlashes(decoded);
            }
            decoded = removeDotSegments(decoded);
        }
        return decoded;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean unreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    private static String decodeUnreserved(String s) throws BadRequestException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int h = i + 2 < s.length() ? hex(s.charAt(i + 1)) : -1;
                int l = i + 2 < s.length() ? hex(s.charAt(i + 2)) : -1;
                if (h < 0 || l < 0) {
                    throw new BadRequestException(400, "invalid URI path: bad %-escape in " + s);
                }
                int b = h * 16 + l;
                if (unreserved(b)) {
                    sb.append((char) b);
                } else {
                    sb.append(c).append(s.charAt(i + 1)).append(s.charAt(i + 2));
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** RFC 3986 §5.2.4, refusing to go above the root. */
    static String removeDotSegments(String path) throws BadRequestException {
        if (path.indexOf("/.") < 0) {
            return path;
        }
        String[] segs = path.split("/", -1);
        String[] out = new String[segs.length];
        int n = 0;
        boolean trailingSlash = false;
        for (int i = 1; i < segs.length; i++) {
            String seg = segs[i];
            boolean last = i == segs.length - 1;
            if (seg.equals(".")) {
                trailingSlash = last;
            } else if (seg.equals("..")) {
                if (n == 0) {
                    throw new BadRequestException(400, "invalid URI path: '..' above the root in " + path);
                }
                n--;
                trailingSlash = last;
            } else {
                out[n++] = seg;
                trailingSlash = false;
            }
        }
        StringBuilder sb = new StringBuilder(path.length());
        for (int i = 0; i < n; i++) {
            sb.append('/').append(out[i]);
        }
        if (trailingSlash || sb.length() == 0) {
            sb.append('/');
        }
        return sb.toString();
    }

    private static String mergeSlashes(String p) {
        if (p.indexOf("//") < 0) {
            return p;
        }
        StringBuilder sb = new StringBuilder(p.length());
        char prev = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c != '/' || prev != '/') {
                sb.append(c);
            }
            prev = c;
        }
        return sb.toString();
    }

    private static String decodeRest(String s, EncodedSlashes slashes) throws BadRequestException {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int b = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if (b == 0) {
                    throw new BadRequestException(404, "invalid URI path: encoded NUL");
                }
                if (b == '/') {
                    if (slashes == EncodedSlashes.OFF) {
                        throw new BadRequestException(404, "found %2f (encoded '/') in URI path (" + s
                                + "), returning 404 (AllowEncodedSlashes is Off)");
                    }
                    if (slashes == EncodedSlashes.NO_DECODE) {
                        out.write('%');
                        out.write(s.charAt(i + 1));
                        out.write(s.charAt(i + 2));
                        i += 2;
                        continue;
                    }
                }
                out.write(b);
                i += 2;
            } else {
                // the parser admits only ASCII in targets; chars map to single bytes
                out.write(c);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
}
