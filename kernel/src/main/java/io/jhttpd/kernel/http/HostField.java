package io.jhttpd.kernel.http;

/**
 * The rule a {@code Host} field value must meet: Apache's strict host check (vhost.c, active
 * under {@code HttpProtocolOptions Strict}), reproduced so that the same values are refused.
 *
 * <p>It matters beyond tidiness: the Host value picks the virtual host and is echoed into
 * self-referential URLs, so characters such as {@code /}, {@code \}, {@code @}, {@code ,} or
 * whitespace must never get through.
 */
final class HostField {

    private HostField() {
    }

    /** {@code host [":" port]}: a strict name, dotted-quad or bracketed IPv6, port 1–65535. */
    static boolean isValid(String v) {
        int n = v.length();
        int hostEnd;
        int portStart;
        if (n > 0 && v.charAt(0) == '[') {
            int close = v.indexOf(']');
            if (close < 0 || !isIpv6(v, 1, close)) {
                return false;
            }
            if (close + 1 == n) {
                return true;
            }
            if (v.charAt(close + 1) != ':') {
                return false;
            }
            return isPort(v, close + 2, n);
        }
        int colon = v.indexOf(':');
        hostEnd = colon < 0 ? n : colon;
        portStart = colon < 0 ? -1 : colon + 1;
        if (!isName(v, 0, hostEnd)) {
            return false;
        }
        return portStart < 0 || isPort(v, portStart, n);
    }

    /** Apache: non-empty digits (leading zeros fine), value 1–65535. */
    private static boolean isPort(String v, int from, int to) {
        if (from >= to) {
            return false;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
            if (port > 65535) {
                return false;
            }
        }
        return port > 0;
    }

    /**
     * Letters, digits, '-', '_' and '.'; no "..". One trailing dot is dropped first (a fully
     * qualified name). All digits and dots must be a dotted quad without leading zeros; otherwise
     * the last label must start with a letter (RFC 1123 §2.1), which keeps "1.2.3" or "a.1" out.
     */
    private static boolean isName(String v, int from, int to) {
        if (to > from && v.charAt(to - 1) == '.') {
            to--;
        }
        if (from >= to) {
            return false;
        }
        boolean dottedDecimal = true;
        int dots = 0;
        int lastDot = -1;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c == '.') {
                if (i + 1 < to && v.charAt(i + 1) == '.') {
                    return false;
                }
                dots++;
                lastDot = i;
            } else if (isAlpha(c) || c == '-' || c == '_') {
                dottedDecimal = false;
            } else if (!isDigit(c)) {
                return false;
            }
        }
        if (dottedDecimal) {
            if (dots != 3) {
                return false;
            }
            for (int i = from; i < to; i++) {
                boolean labelStart = i == from || v.charAt(i - 1) == '.';
                if (labelStart && v.charAt(i) == '0' && i + 1 < to && isDigit(v.charAt(i + 1))) {
                    return false;
                }
                if (labelStart && v.charAt(i) == '.') {
                    return false;
                }
            }
            return true;
        }
        return lastDot < 0 || isAlpha(v.charAt(lastDot + 1));
    }

    /**
     * An IPv6 address without zone (RFC 4291 text forms, IPv4 tail allowed), as APR's
     * {@code inet_pton} reads it: that includes its leniency of a "::" after eight groups.
     */
    static boolean isIpv6(String v, int from, int to) {
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (i < to && v.charAt(i) == ':') {
            if (i + 1 >= to || v.charAt(i + 1) != ':') {
                return false;
            }
        }
        while (i < to) {
            if (v.charAt(i) == ':') {
                if (i + 1 < to && v.charAt(i + 1) == ':') {
                    if (compressed) {
                        return false;
                    }
                    compressed = true;
                    i += 2;
                    continue;
                }
                // A single ':' separates two groups: never first, last, or right after "::".
                if (i == from || i + 1 == to || !isHex(v.charAt(i - 1))) {
                    return false;
                }
                i++;
                continue;
            }
            int start = i;
            while (i < to && isHex(v.charAt(i))) {
                i++;
            }
            if (i < to && v.charAt(i) == '.') {
                // An IPv4 tail takes the place of the last two groups.
                if (!isIpv4(v, start, to) || groups + 2 > 8) {
                    return false;
                }
                groups += 2;
                i = to;
                break;
            }
            if (i == start || i - start > 4 || groups + 1 > 8) {
                return false;
            }
            if (i < to && v.charAt(i) != ':') {
                return false;
            }
            groups++;
        }
        return compressed ? groups <= 8 : groups == 8;
    }

    private static boolean isIpv4(String v, int from, int to) {
        int parts = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int value = 0;
            while (i < to && isDigit(v.charAt(i))) {
                value = value * 10 + (v.charAt(i) - '0');
                if (value > 255) {
                    return false;
                }
                i++;
            }
            int len = i - start;
            if (len == 0 || (len > 1 && v.charAt(start) == '0')) {
                return false;
            }
            parts++;
            if (i < to) {
                if (v.charAt(i) != '.' || i + 1 == to) {
                    return false;
                }
                i++;
            }
        }
        return parts == 4;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
