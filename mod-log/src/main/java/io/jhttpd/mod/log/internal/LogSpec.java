package io.jhttpd.mod.log.internal;

import java.nio.file.Path;

/**
 * One {@code CustomLog} or {@code TransferLog} line as configured.
 *
 * @param file    where to write, resolved against {@code ServerRoot}
 * @param format  a format string or a {@code LogFormat} nickname; {@code null} for {@code TransferLog}
 *                (the server's default format, decided per request's server as in Apache)
 * @param envVar  the variable of an {@code env=} condition, or {@code null}
 * @param negated true for {@code env=!VAR}: log only when the variable is not set
 */
record LogSpec(Path file, String format, String envVar, boolean negated) {
}
