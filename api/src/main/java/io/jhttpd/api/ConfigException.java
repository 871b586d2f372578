package io.jhttpd.api;

/**
 * A configuration error: a directive's arguments are wrong, a file is missing, a section is not
 * closed. The message says what was expected; the kernel reports it as {@code file:line: message}
 * and does not start.
 */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error saying {@code message}. */
    public ConfigException(String message) {
        super(message);
    }

    /** An error saying {@code message}, caused by {@code cause}. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
