package io.jhttpd.api.spi;

import java.util.Set;

/**
 * A jhttpd module, found by {@link java.util.ServiceLoader}: declares its directives, configuration
 * keys, hooks and filters in {@link #register}. A module's {@code module-info.java} says
 *
 * <pre>{@code
 * module com.example.hello {
 *     requires io.jhttpd.api;
 *     provides io.jhttpd.api.spi.HttpdModule with com.example.hello.internal.HelloModule;
 * }
 * }</pre>
 *
 * <p>The provider class needs a public no-argument constructor and must not do work in it;
 * {@link #register} is called once at start-up, before the configuration is read.
 */
public interface HttpdModule {

    /**
     * The module's short name: {@code "rewrite"} for mod_rewrite. Configuration refers to it as
     * {@code rewrite_module} or {@code mod_rewrite.c} in {@code <IfModule>} and {@code LoadModule},
     * and as {@code rewrite} in {@code LogLevel rewrite:trace3} and {@link io.jhttpd.api.HookOrder#after}.
     */
    String name();

    /**
     * Short names of Apache modules whose job this module does, so that {@code <IfModule mod_mime.c>}
     * holds when a module answering for {@code "mime"} is loaded. Empty by default.
     */
    default Set<String> standsFor() {
        return Set.of();
    }

    /** Declares directives, configuration keys, hooks and filters. */
    void register(ModuleSetup setup);
}
