package io.jhttpd.api.spi;

import io.jhttpd.api.Server;
import java.nio.file.Path;
import java.util.List;

/** The configured server as a whole, as modules see it when it starts. Implemented by the kernel. */
public interface ServerContext {
    /** The main server first, then each {@code <VirtualHost>} in configuration order. */
    List<Server> servers();

    /** {@code ServerRoot}. */
    Path serverRoot();

    /** True when only checking the configuration ({@code httpd -t}): open no logs, start nothing. */
    boolean isConfigTest();

    /**
     * The whole server's scoreboard, every child process included, for reading (a status page).
     * Empty while only checking the configuration.
     */
    default java.util.Optional<Scoreboard> scoreboard() {
        return java.util.Optional.empty();
    }

    /** The running MPM's short name ({@code "worker"}, {@code "prefork"}, {@code "event"}). */
    default String mpmName() {
        return "";
    }
}
