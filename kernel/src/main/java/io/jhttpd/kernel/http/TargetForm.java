package io.jhttpd.kernel.http;

/**
 * The four shapes a request-target may take (RFC 9112 §3.2), which decide where the request's
 * host comes from: the {@code Host} field for {@link #ORIGIN} and {@link #ASTERISK}, the target
 * itself for {@link #ABSOLUTE} and {@link #AUTHORITY} (RFC 9112 §3.2.2 has the server ignore
 * {@code Host} then, as Apache does).
 */
public enum TargetForm {
    /** {@code /path?query}: the usual form. */
    ORIGIN,
    /** {@code http://host:port/path?query}: sent to proxies, and accepted by origin servers. */
    ABSOLUTE,
    /** {@code host:port}: only with {@code CONNECT}. */
    AUTHORITY,
    /** {@code *}: only with {@code OPTIONS}. */
    ASTERISK;

    /**
     * Classifies and checks the target {@code t[from, to)} of a request with {@code method}.
     * Characters were already checked by the request-line rules (no CTL, SP or {@code #}).
     */
    static TargetForm of(String method, byte[] t, int from, int to) throws BadRequestException {
        // CONNECT has only one legal form, whatever the target looks like (Apache: "CONNECT /x" is 400).
        if (method.equals("CONNECT")) {
            if (!isAuthority(t, from, to, true)) {
                throw bad("CONNECT needs an authority-form target (host:port)");
            }
            return AUTHORITY;
        }
        if (t[from] == '/') {
            return ORIGIN;
        }
        if (to - from == 1 && t[from] == '*') {
            if (!method.equals("OPTIONS")) {
                throw bad("the asterisk-form target is only allowed with OPTIONS");
            }
            return ASTERISK;
        }
        int colon = schemeEnd(t, from, to);
        if (colon < 0 || colon + 2 >= to || t[colon + 1] != '/' || t[colon + 2] != '/') {
            throw bad("Unable to parse URI");
        }
        int authority = colon + 3;
        int end = authority;
        while (end < to && t[end] != '/' && t[end] != '?') {
            end++;
        }
        if (!isAuthority(t, authority, end, false)) {
            throw bad("Invalid authority in the absolute-form target");
        }
        return ABSOLUTE;
    }

    /** Index of the ':' ending a well-formed scheme at {@code from}, or -1. */
    private static int schemeEnd(byte[] t, int from, int to) {
        if (!isAlpha(t[from])) {
            return -1;
        }
        for (int i = from + 1; i < to; i++) {
            byte b = t[i];
            if (b == ':') {
                return i;
            }
            if (!isAlpha(b) && !isDigit(b) && b != '+' && b != '-' && b != '.') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * {@code host [":" port]}, host a reg-name or an IP-literal. Userinfo is refused (Apache:
     * "URI must not contain a username/password"), since {@code user@host} is how request
     * targets have been made to point somewhere other than where they seem to.
     */
    private static boolean isAuthority(byte[] t, int from, int to, boolean portRequired) {
        int i = from;
        if (i < to && t[i] == '[') {
            while (i < to && t[i] != ']') {
                byte b = t[i];
                if (b == '/' || b == '?' || b == '@') {
                    return false;
                }
                i++;
            }
            if (i == to) {
                return false;
            }
            i++;
        } else {
            while (i < to && t[i] != ':') {
                byte b = t[i];
                if (!isRegNameChar(b)) {
                    return false;
                }
                i++;
            }
            if (portRequired && i == from) {
                return false;
            }
        }
        if (i == to) {
            return !portRequired;
        }
        if (t[i] != ':') {
            return false;
        }
        i++;
        if (portRequired && i == to) {
            return false;
        }
        for (; i < to; i++) {
            if (!isDigit(t[i])) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 reg-name: unreserved / pct-encoded / sub-delims (and raw obs bytes, as Apache lets through). */
    private static boolean isRegNameChar(byte b) {
        if (isAlpha(b) || isDigit(b) || b < 0) {
            return true;
        }
        return "-._~%!$&'()*+,;=".indexOf(b) >= 0;
    }

    private static boolean isAlpha(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static BadRequestException bad(String reason) {
        return new BadRequestException(400, "HTTP Request Line; " + reason);
    }
}
