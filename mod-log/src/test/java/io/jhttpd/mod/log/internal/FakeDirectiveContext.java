package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.Scope;
import io.jhttpd.api.Server;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A server section being read: its per-server config objects and ServerRoot. */
final class FakeDirectiveContext implements DirectiveContext {

    private final Path serverRoot;
    private final Map<ConfigKey<?>, Object> objects = new HashMap<>();

    FakeDirectiveContext(Path serverRoot) {
        this.serverRoot = serverRoot;
    }

    /** Applies the directive {@code name} of {@link LogConfig} with {@code args}, as the kernel would. */
    FakeDirectiveContext apply(String name, String... args) throws ConfigException {
        for (Directive d : LogConfig.directives()) {
            if (d.name().equalsIgnoreCase(name)) {
                if (!d.shape().accepts(args.length)) {
                    throw new ConfigException(name + " " + d.shape().description());
                }
                d.handler().apply(this, List.of(args));
                return this;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Override public Path file() { return serverRoot.resolve("conf/httpd.conf"); }
    @Override public int line() { return 1; }
    @Override public String directiveName() { return "Test"; }
    @Override public Scope scope() { return Scope.SERVER; }
    @Override public String sectionPath() { return null; }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T config(ConfigKey<T> key) {
        return (T) objects.computeIfAbsent(key, k -> k.create());
    }

    @Override public Server server() { return null; }
    @Override public Path resolve(String path) { return serverRoot.resolve(path); }
}
