package io.jhttpd.mod.log.internal;

import io.jhttpd.api.Request;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * One {@code CustomLog}, {@code TransferLog} or {@code GlobalLog} line as configured.
 *
 * @param file      where to write, resolved against {@code ServerRoot}; {@code null} for a piped log
 * @param command   the program of a piped log ({@code |prog args} without the bars), or {@code null}
 * @param format    a format string or a {@code LogFormat} nickname; {@code null} for {@code TransferLog}
 *                  (the server's default format, decided per request's server as in Apache)
 * @param condition the {@code env=} / {@code env=!} / {@code expr=} condition, or {@code null} to log every request
 */
record LogSpec(Path file, PipedLog.Command command, String format, Predicate<Request> condition) {

    /** True if the condition lets {@code r} in. */
    boolean accepts(Request r) {
        return condition == null || condition.test(r);
    }

    /** The key under which the same destination is opened once. */
    String destination() {
        return file != null ? file.toAbsolutePath().normalize().toString() : "|" + command;
    }
}
