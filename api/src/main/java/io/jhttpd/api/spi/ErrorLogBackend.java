package io.jhttpd.api.spi;

import io.jhttpd.api.ConfigException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the error log goes: the kernel calls the backend found by {@link java.util.ServiceLoader}
 * once the configuration is read, with {@code ErrorLog} and {@code LogLevel}. Code logs through
 * SLF4J; the backend (Logback, in the distribution) writes Apache-style error-log lines. Without a
 * backend in the image, SLF4J's own default applies.
 */
public interface ErrorLogBackend {

    /**
     * Directs the error log to {@code target} as written in {@code ErrorLog} (a path relative to
     * {@code serverRoot}), at {@code level} (Apache's names: {@code emerg} ... {@code trace8}),
     * with per-module levels keyed by module short name ({@code core}, {@code rewrite}, ...).
     */
    void configure(String target, Path serverRoot, String level, Map<String, String> moduleLevels) throws ConfigException;

    /**
     * As {@link #configure(String, Path, String, Map)}, with the line shape of {@code ErrorLogFormat}
     * ({@code null} for the backend's default). A backend that cannot honour formats ignores it.
     */
    default void configure(String target, Path serverRoot, String level, Map<String, String> moduleLevels, String format)
            throws ConfigException {
        configure(target, serverRoot, level, moduleLevels);
    }
}
