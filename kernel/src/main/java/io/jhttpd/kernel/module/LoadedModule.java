package io.jhttpd.kernel.module;

import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.Mpm;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A module the kernel found, with where it came from and the names configuration may use for it
 * ({@code rewrite}, {@code rewrite_module}, {@code mod_rewrite.c}, {@code mod_rewrite}).
 */
public final class LoadedModule {

    /** Where a module was found. */
    public enum Origin {
        /** Compiled into the kernel. */
        BUILT_IN,
        /** In the runtime image or on the module path (boot layer). */
        STATIC,
        /** Loaded from a jar named by {@code LoadModule}. */
        SHARED
    }

    private final HttpdModule module;
    private final Origin origin;
    private final Set<String> names;

    public LoadedModule(HttpdModule module, Origin origin) {
        this.module = module;
        this.origin = origin;
        Set<String> n = new LinkedHashSet<>();
        addNames(n, prefixed(module));
        for (String s : module.standsFor()) {
            addNames(n, s);
        }
        this.names = Set.copyOf(n);
    }

    private static String prefixed(HttpdModule m) {
        return m instanceof Mpm ? "mpm_" + m.name() : m.name();
    }

    private static void addNames(Set<String> n, String shortName) {
        String s = shortName.toLowerCase(Locale.ROOT);
        n.add(s);
        n.add(s + "_module");
        n.add("mod_" + s + ".c");
        n.add("mod_" + s);
        if (s.startsWith("mpm_")) {
            n.add(s.substring(4) + ".c");
        }
    }

    public HttpdModule module() {
        return module;
    }

    /** The module's short name. */
    public String name() {
        return module.name();
    }

    public Origin origin() {
        return origin;
    }

    /** The name Apache's {@code httpd -M} prints: {@code rewrite_module}. */
    public String apacheName() {
        return prefixed(module).toLowerCase(Locale.ROOT) + "_module";
    }

    /** True if configuration may call this module {@code name} (as in {@code <IfModule name>}). */
    public boolean answersTo(String name) {
        return names.contains(name.toLowerCase(Locale.ROOT));
    }
}
