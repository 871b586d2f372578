package io.jhttpd.kernel.config;

import io.jhttpd.api.ConfigException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A configuration error at a known place, reported as {@code file:line: detail}, for example
 * {@code /etc/httpd.conf:12: <Directory> was not closed.}
 *
 * <p>Line 0 means the error concerns the file as a whole (it could not be opened); the message is
 * then {@code file: detail}. The line of a directive continued over several lines is its first line.
 */
public final class ConfigError extends ConfigException {
    private static final long serialVersionUID = 1L;

    // Path is not Serializable; an exception must be, and the place survives in the message.
    private final transient Path file;
    private final int line;
    private final String detail;

    /** An error at {@code line} of {@code file} (0 for the file as a whole) saying {@code message}. */
    public ConfigError(Path file, int line, String message) {
        super(format(file, line, message));
        this.file = Objects.requireNonNull(file);
        this.line = line;
        this.detail = Objects.requireNonNull(message);
    }

    private static String format(Path file, int line, String message) {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }

    /** The file the error is in, as the reader named it (absolute unless read from text). */
    public Path file() {
        return file;
    }

    /** The line it starts on, or 0 if it concerns the whole file. */
    public int line() {
        return line;
    }

    /** What was wrong or expected, without the place. */
    public String detail() {
        return detail;
    }
}
