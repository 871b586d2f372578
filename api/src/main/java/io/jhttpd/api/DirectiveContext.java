package io.jhttpd.api;

import java.nio.file.Path;

/**
 * What a directive handler sees of the configuration being read: where the directive stands
 * and the configuration objects of the section it stands in. Implemented by the kernel.
 */
public interface DirectiveContext {

    /** The configuration file the directive is in. */
    Path file();

    /** Its line number (the first line, if continued). */
    int line();

    /** The directive's name as written. */
    String directiveName();

    /** Where the directive stands. */
    Scope scope();

    /**
     * The section's path or pattern ({@code /var/www} of {@code <Directory /var/www>}), or
     * {@code null} at server or virtual-host level.
     */
    String sectionPath();

    /**
     * The configuration object of {@code key} for the place the directive stands: for a
     * per-directory key, the object of the enclosing section (the server's default
     * per-directory object at server level); for a per-server key, the enclosing server's.
     */
    <T> T config(ConfigKey<T> key);

    /** The server the directive applies to (main server or the enclosing virtual host). */
    Server server();

    /** Resolves a path relative to {@code ServerRoot}; absolute paths are returned as they are. */
    Path resolve(String path);

    /** A {@link ConfigException} saying {@code message}; the kernel adds file and line when it reports it. */
    default ConfigException error(String message) {
        return new ConfigException(message);
    }
}
