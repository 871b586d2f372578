package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Server;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A main server or virtual host holding its (already merged) per-server config objects. */
final class FakeServer implements Server {

    private final String name;
    private final int port;
    private final boolean virtual;
    final Map<ConfigKey<?>, Object> config = new HashMap<>();

    FakeServer(String name, int port) {
        this(name, port, false);
    }

    FakeServer(String name, int port, boolean virtual) {
        this.name = name;
        this.port = port;
        this.virtual = virtual;
    }

    <T> FakeServer with(ConfigKey<T> key, T value) {
        config.put(key, value);
        return this;
    }

    @Override public String serverName() { return name; }
    @Override public List<String> serverAliases() { return List.of(); }
    @Override public int port() { return port; }
    @Override public String serverAdmin() { return "webmaster@" + name; }
    @Override public Path documentRoot() { return Path.of("/srv/www"); }
    @Override public Path serverRoot() { return Path.of("/srv"); }
    @Override public boolean isVirtual() { return virtual; }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T config(ConfigKey<T> key) {
        return (T) config.computeIfAbsent(key, k -> k.create());
    }

    @Override public String softwareName() { return "jhttpd/0.1.0"; }
}
