package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.Scope;
import io.jhttpd.api.Server;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One configuration section as a directive handler sees it; holds that section's config objects. */
final class FakeDirectiveContext implements DirectiveContext {

    private final Path serverRoot;
    private final Map<ConfigKey<?>, Object> objects = new HashMap<>();

    FakeDirectiveContext(Path serverRoot) {
        this.serverRoot = serverRoot;
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

    @Override
    public Path resolve(String path) {
        return serverRoot.resolve(path);
    }
}
