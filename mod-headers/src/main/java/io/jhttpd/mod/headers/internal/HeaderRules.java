package io.jhttpd.mod.headers.internal;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Header} and {@code RequestHeader} rules of one server or section, in configuration
 * order; an inner section's rules come after the outer ones (Apache appends them when it merges).
 * Immutable once the configuration is read.
 */
final class HeaderRules {

    static final ConfigKey<HeaderRules> KEY = ConfigKey.perDirectory("headers", HeaderRules::new, HeaderRules::merge);

    final List<HeaderRule> rules;

    HeaderRules() {
        this(new ArrayList<>());
    }

    private HeaderRules(List<HeaderRule> rules) {
        this.rules = rules;
    }

    private static HeaderRules merge(HeaderRules outer, HeaderRules inner) {
        if (inner.rules.isEmpty()) {
            return outer;
        }
        if (outer.rules.isEmpty()) {
            return inner;
        }
        List<HeaderRule> all = new ArrayList<>(outer.rules);
        all.addAll(inner.rules);
        return new HeaderRules(all);
    }

    boolean has(HeaderRule.Table table, boolean early) {
        for (HeaderRule rule : rules) {
            if (rule.table == table && rule.early == early) {
                return true;
            }
        }
        return false;
    }

    /** Applies, in order, the rules of {@code table} that are {@code early} or not, to {@code headers}. */
    void apply(Request r, HeaderRule.Table table, boolean early, Headers headers) {
        for (HeaderRule rule : rules) {
            if (rule.table == table && rule.early == early) {
                rule.apply(r, headers);
            }
        }
    }
}
