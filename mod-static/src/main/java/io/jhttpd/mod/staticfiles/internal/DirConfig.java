package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * mod_dir's per-directory settings: {@code DirectoryIndex}, {@code DirectorySlash} and
 * {@code FallbackResource}. A setting
 * made in an inner section replaces the outer one as a whole (Apache does not append an inner
 * {@code DirectoryIndex} list to the outer one); several {@code DirectoryIndex} lines in one
 * section add to that section's list; {@code DirectoryIndex disabled} alone empties it.
 */
final class DirConfig {

    static final ConfigKey<DirConfig> KEY = ConfigKey.perDirectory("dir", DirConfig::new, DirConfig::merge);

    /** Apache's {@code AP_DEFAULT_INDEX}. */
    static final List<String> DEFAULT_INDEX = List.of("index.html");

    /** {@code null} until a {@code DirectoryIndex} in this section. */
    private List<String> indexNames;
    /** {@code null} until a {@code DirectorySlash} in this section. */
    private Boolean slash;
    /** {@code null} until a {@code FallbackResource} in this section; {@code "disabled"} turns an outer one off. */
    private String fallback;

    DirConfig() {
    }

    private DirConfig(List<String> indexNames, Boolean slash, String fallback) {
        this.indexNames = indexNames;
        this.slash = slash;
        this.fallback = fallback;
    }

    static List<Directive> directives() {
        return List.of(
                Directive.of("DirectoryIndex", ArgShape.ONE_OR_MORE, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(KEY).addIndexNames(args))
                        .override(OverrideClass.INDEXES)
                        .help("a list of file names to look for as a directory's index, or \"disabled\""),
                Directive.of("DirectorySlash", ArgShape.FLAG, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(KEY).slash = "on".equalsIgnoreCase(args.get(0)))
                        .override(OverrideClass.INDEXES)
                        .help("On or Off: redirect a directory request without trailing slash"),
                Directive.of("FallbackResource", ArgShape.TAKE1, Scope.EVERYWHERE,
                        (ctx, args) -> ctx.config(KEY).fallback = args.get(0))
                        .override(OverrideClass.INDEXES)
                        .help("the local URL to serve where no file matches (a front controller), or \"disabled\""));
    }

    /** Applies one {@code DirectoryIndex} line. */
    void addIndexNames(List<String> names) {
        if (indexNames == null) {
            indexNames = new ArrayList<>(2);
        }
        // Only "disabled" standing alone turns indexes off; among other names it is a file name.
        if (names.size() == 1 && "disabled".equalsIgnoreCase(names.get(0))) {
            indexNames.clear();
            return;
        }
        indexNames.addAll(names);
    }

    /** The index names to try, in order; empty if disabled. */
    List<String> indexNames() {
        return indexNames == null ? DEFAULT_INDEX : indexNames;
    }

    /** True if a directory request without trailing slash is redirected (the default). */
    boolean directorySlash() {
        return slash == null || slash;
    }

    /** The {@code FallbackResource} URL, or null if none or disabled. */
    String fallback() {
        return fallback == null || fallback.equalsIgnoreCase("disabled") ? null : fallback;
    }

    private static DirConfig merge(DirConfig base, DirConfig add) {
        List<String> names = add.indexNames != null ? add.indexNames : base.indexNames;
        return new DirConfig(names == null ? null : List.copyOf(names), add.slash != null ? add.slash : base.slash,
                add.fallback != null ? add.fallback : base.fallback);
    }
}
