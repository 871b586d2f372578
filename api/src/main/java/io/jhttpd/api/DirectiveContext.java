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

    /**
     * Parses a time interval as Apache's {@code ap_timeout_parameter_parse}: a number of seconds,
     * or a number with the unit {@code ms}, {@code s}, {@code mi} (minutes) or {@code h}; returns
     * milliseconds. A bad value is a {@link ConfigException} naming this directive.
     */
    default long timeoutMillis(String value) throws ConfigException {
        String s = value.toLowerCase(java.util.Locale.ROOT);
        long factor = 1000;
        if (s.endsWith("ms")) {
            factor = 1;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            s = s.substring(0, s.length() - 1);
        } else if (s.endsWith("mi")) {
            factor = 60_000;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("h")) {
            factor = 3_600_000;
            s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n * factor;
        } catch (NumberFormatException e) {
            throw error(directiveName() + ": expected a number of seconds (or Nms), got '" + value + "'");
        }
    }
}
