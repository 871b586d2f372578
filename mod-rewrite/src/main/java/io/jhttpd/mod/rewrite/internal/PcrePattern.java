package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.ApacheRegex;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.DirectiveContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rewrite engine's use of {@link ApacheRegex}: errors named by directive, and per-thread matchers. */
final class PcrePattern {

    private PcrePattern() {
    }

    static Pattern compile(String pcre, boolean noCase) {
        return ApacheRegex.compile(pcre, noCase);
    }

    /** Compiles the pattern of directive {@code c}; a bad one is a configuration error naming the directive. */
    static Pattern compile(DirectiveContext c, String pcre) throws ConfigException {
        try {
            return ApacheRegex.compile(pcre, false);
        } catch (IllegalArgumentException e) {
            throw c.error(c.directiveName() + ": " + e.getMessage());
        }
    }

    /**
     * A matcher of {@code pattern} for this thread, reset to {@code input}: rules run on every
     * request, and a worker thread reuses its matchers instead of allocating one per rule. Callers
     * copy what they need (groups) before matching anything else with the same pattern.
     */
    static Matcher matcher(ThreadLocal<Matcher> cache, CharSequence input) {
        return cache.get().reset(input);
    }

    /** A per-thread matcher cache for {@link #matcher}. */
    static ThreadLocal<Matcher> matcherCache(Pattern pattern) {
        return ThreadLocal.withInitial(() -> pattern.matcher(""));
    }
}
