package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.ConfigKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * mod_rewrite's configuration of one place: a server (main or virtual host) or a directory
 * ({@code <Directory>}, {@code .htaccess}). Filled by the directives while the configuration is
 * read, then only read; merges never change their arguments.
 */
final class RewriteConfig {

    /** Per-server: rules applied in the translate phase, maps. */
    static final ConfigKey<RewriteConfig> SERVER = ConfigKey.perServer("rewrite", RewriteConfig::new, RewriteConfig::mergeServer);
    /** Per-directory: rules applied in the fixup phase, RewriteBase. */
    static final ConfigKey<RewriteConfig> DIRECTORY = ConfigKey.perDirectory("rewrite-dir", RewriteConfig::new, RewriteConfig::mergeDirectory);

    /** {@code RewriteEngine}: null when not set here. */
    Boolean engine;
    /** {@code RewriteOptions}, lower case. */
    Set<String> options = new HashSet<>();
    List<RewriteRule> rules = new ArrayList<>();
    /** Conditions read but not yet attached to a rule (configuration time only). */
    final List<RewriteCondition> pendingConditions = new ArrayList<>();
    /** {@code RewriteBase}, or null. */
    String base;
    /** The directory the per-directory rules stand for, with a trailing slash; null at server level. */
    String directory;
    /** {@code RewriteMap}s by name (server level). */
    Map<String, RewriteMap> maps = new LinkedHashMap<>();

    boolean engineOn() {
        return Boolean.TRUE.equals(engine);
    }

    boolean hasOption(String name) {
        return options.contains(name);
    }

    private static RewriteConfig mergeServer(RewriteConfig base, RewriteConfig add) {
        RewriteConfig m = new RewriteConfig();
        m.engine = add.engine != null ? add.engine : base.engine;
        m.options = union(add.options, base.options, "inheritdown", "inheritdownbefore");
        // as Apache 2.4: a virtual host inherits the engine state, but maps and rules only with an Inherit option
        boolean inherits = m.options.contains("inherit") || m.options.contains("inheritbefore");
        m.maps = new LinkedHashMap<>(inherits ? base.maps : Map.of());
        m.maps.putAll(add.maps);
        m.rules = inherit(base, add, m.options);
        return m;
    }

    private static RewriteConfig mergeDirectory(RewriteConfig base, RewriteConfig add) {
        RewriteConfig m = new RewriteConfig();
        m.engine = add.engine != null ? add.engine : base.engine;
        m.options = union(add.options, base.options, "inheritdown", "inheritdownbefore");
        // as Apache: the inner place's rules replace the outer ones unless an Inherit option says otherwise
        m.directory = add.directory != null ? add.directory : base.directory;
        m.base = add.base != null ? add.base : m.options.contains("mergebase") ? base.base : null;
        m.rules = inherit(base, add, m.options);
        return m;
    }

    /** The options of {@code add}, plus the inherited-down ones of {@code base} turned into their plain form. */
    private static Set<String> union(Set<String> add, Set<String> base, String down, String downBefore) {
        Set<String> out = new HashSet<>(add);
        if (!add.contains("ignoreinherit")) {
            if (base.contains(down)) {
                out.add("inherit");
                out.add(down);
            }
            if (base.contains(downBefore)) {
                out.add("inheritbefore");
                out.add(downBefore);
            }
        }
        return out;
    }

    private static List<RewriteRule> inherit(RewriteConfig base, RewriteConfig add, Set<String> options) {
        if (options.contains("inheritbefore")) {
            List<RewriteRule> out = new ArrayList<>(base.rules);
            out.addAll(add.rules);
            return out;
        }
        if (options.contains("inherit")) {
            List<RewriteRule> out = new ArrayList<>(add.rules);
            out.addAll(base.rules);
            return out;
        }
        return add.rules;
    }
}
