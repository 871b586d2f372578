package io.jhttpd.kernel.engine;

/** Shell wildcards as Apache's {@code fnmatch} reads them in section paths: {@code *}, {@code ?}, {@code [...]}, never crossing {@code /}. */
final class Glob {

    private Glob() {
    }

    static boolean hasWildcards(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** True if {@code pattern} matches all of {@code text}. */
    static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    /** True if the pattern's path components match the first components of {@code uri}. */
    static boolean matchesPath(String pattern, String uri) {
        String[] p = pattern.split("/+", -1);
        String[] u = uri.split("/+", -1);
        if (u.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!matches(p[i], u[i])) {
                return false;
            }
        }
        return true;
    }

    /** True if the first {@code count} of {@code components} match {@code pattern} component by component. */
    static boolean matchesComponents(String[] pattern, String[] components, int count) {
        if (pattern.length != count || components.length < count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (!matches(pattern[i], components[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return t.indexOf('/', ti) < 0;
                }
                for (int k = ti; k <= t.length(); k++) {
                    if (match(p, pi, t, k)) {
                        return true;
                    }
                    if (k < t.length() && t.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (ti >= t.length()) {
                return false;
            }
            char tc = t.charAt(ti);
            if (c == '?') {
                if (tc == '/') {
                    return false;
                }
            } else if (c == '[') {
                int end = p.indexOf(']', pi + 2);
                if (end < 0) {
                    if (tc != '[') {
                        return false;
                    }
                } else {
                    boolean negate = p.charAt(pi + 1) == '!' || p.charAt(pi + 1) == '^';
                    int s = negate ? pi + 2 : pi + 1;
                    boolean hit = false;
                    for (int k = s; k < end; k++) {
                        if (k + 2 < end && p.charAt(k + 1) == '-') {
                            if (tc >= p.charAt(k) && tc <= p.charAt(k + 2)) {
                                hit = true;
                            }
                            k += 2;
                        } else if (p.charAt(k) == tc) {
                            hit = true;
                        }
                    }
                    if (hit == negate) {
                        return false;
                    }
                    pi = end;
                }
            } else if (c == '\\' && pi + 1 < p.length()) {
                pi++;
                if (p.charAt(pi) != tc) {
                    return false;
                }
            } else if (c != tc) {
                return false;
            }
            pi++;
            ti++;
        }
        return ti == t.length();
    }
}
