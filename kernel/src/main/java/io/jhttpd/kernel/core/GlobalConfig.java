package io.jhttpd.kernel.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings of the whole server (main-server-only directives): listeners, pid file, tokens, error log. */
public final class GlobalConfig {

    /** One {@code Listen} directive. */
    public record ListenSpec(String host, int port, String where) {
    }

    final List<ListenSpec> listens = new ArrayList<>();
    int listenBacklog = 511;
    Path pidFile;
    int gracefulShutdownSeconds;
    String serverTokens = "full";
    String errorLog = "logs/error_log";
    String logLevel = "warn";
    String errorLogFormat;
    final Map<String, String> moduleLogLevels = new LinkedHashMap<>();

    public List<ListenSpec> listens() {
        return listens;
    }

    /** {@code ListenBacklog}: the length of each listening socket's queue of pending connections (Apache's default 511). */
    public int listenBacklog() {
        return listenBacklog;
    }

    /** {@code PidFile}, resolved; {@code null} until the configuration is read. */
    public Path pidFile() {
        return pidFile;
    }

    /** {@code GracefulShutdownTimeout} in seconds; 0 waits for the children as long as they take. */
    public int gracefulShutdownSeconds() {
        return gracefulShutdownSeconds;
    }

    public String serverTokens() {
        return serverTokens;
    }

    /** {@code ErrorLog} as written (a path relative to ServerRoot, {@code |program} or {@code syslog:}). */
    public String errorLog() {
        return errorLog;
    }

    /** {@code ErrorLogFormat}, or {@code null} for the backend's default line shape. */
    public String errorLogFormat() {
        return errorLogFormat;
    }

    /** The main {@code LogLevel}. */
    public String logLevel() {
        return logLevel;
    }

    /** Per-module levels from {@code LogLevel module:level}. */
    public Map<String, String> moduleLogLevels() {
        return moduleLogLevels;
    }
}
