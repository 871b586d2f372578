package io.jhttpd.kernel.engine;

/** {@code ServerAlias} names, with {@code *} and {@code ?} wildcards, compared without case. */
final class HostPattern {
    private HostPattern() {
    }

    static boolean matches(String pattern, String host) {
        return Glob.matches(pattern.toLowerCase(java.util.Locale.ROOT), host.toLowerCase(java.util.Locale.ROOT));
    }
}
