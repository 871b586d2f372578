package io.jhttpd.kernel.engine;

/** {@code ServerAlias} names, with {@code *} and {@code ?} wildcards, compared without case. */
final class HostPattern {
    private HostPattern() {
    }

    static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(java.util.Locale.ROOT);
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (!Glob.hasWildcards(p)) {
            return p.equals(h);
        }
        return Glob.matches(p.replace('/', '_'), h.replace('/', '_'));
    }
}
