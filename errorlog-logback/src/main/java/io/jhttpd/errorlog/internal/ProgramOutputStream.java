package io.jhttpd.errorlog.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The standard input of a piped error-log program ({@code ErrorLog "|/usr/bin/logger -t httpd"}),
 * run through {@code /bin/sh -c} in the ServerRoot. If the program has died, the next write starts
 * it again and writes there, as Apache restarts its piped loggers. Writes are synchronized by
 * Logback's appender.
 */
final class ProgramOutputStream extends OutputStream {

    private final List<String> command;
    private final Path directory;
    private Process process;
    private OutputStream stdin;

    ProgramOutputStream(List<String> command, Path directory) throws IOException {
        this.command = command;
        this.directory = directory;
        start();
    }

    /** {@code |prog args}, {@code ||prog args} or {@code |$prog args} as a shell command. */
    static List<String> shellCommand(String target) {
        String s = target.startsWith("||") ? target.substring(2) : target.substring(1);
        if (s.startsWith("$")) {
            s = s.substring(1);
        }
        return List.of("/bin/sh", "-c", s.trim());
    }

    private void start() throws IOException {
        process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        stdin = process.getOutputStream();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            stdin.write(b, off, len);
            stdin.flush();
        } catch (IOException dead) {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // gone with its program
            }
            start();
            stdin.write(b, off, len);
            stdin.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        stdin.flush();
    }

    @Override
    public void close() throws IOException {
        stdin.close();
        try {
            if (!process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }

    /** The program's pid (for tests). */
    long pid() {
        return process.pid();
    }
}
