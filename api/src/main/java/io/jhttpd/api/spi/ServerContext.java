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
     * Lets the kernel reuse what it read of a file system path (its attributes, or that nothing is
     * there) for up to {@code validNanos} when it maps later requests to files, keeping at most
     * {@code maxEntries} paths. A change to a file is then seen by requests within
     * {@code validNanos}. {@code validNanos <= 0} (the default) reads the file system for every
     * request. A module that keeps files between requests (mod-static's {@code OpenFileCache})
     * calls this at start.
     */
    default void cacheFileAttributes(long validNanos, int maxEntries) {
    }

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
