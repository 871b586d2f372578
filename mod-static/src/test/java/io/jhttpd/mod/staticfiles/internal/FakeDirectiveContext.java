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

    /**
     * The {@code key} object of a section holding {@code lines} ("Directive arg arg", split at
     * spaces), applied with the matching ones of {@code directives}.
     */
    static <T> T section(ConfigKey<T> key, java.util.List<io.jhttpd.api.Directive> directives, String... lines)
            throws io.jhttpd.api.ConfigException {
        FakeDirectiveContext ctx = new FakeDirectiveContext(Path.of("/srv"));
        for (String line : lines) {
            java.util.List<String> words = java.util.List.of(line.split(" "));
            io.jhttpd.api.Directive d = directives.stream().filter(x -> x.name().equals(words.get(0))).findFirst().orElseThrow();
            d.handler().apply(ctx, words.subList(1, words.size()));
        }
        return ctx.config(key);
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
