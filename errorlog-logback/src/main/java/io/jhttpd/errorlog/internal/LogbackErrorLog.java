package io.jhttpd.errorlog.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.spi.ErrorLogBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at the {@code ErrorLog} file with Apache's line shape
 * ({@code [Sun Nov 22 00:54:31.123456 2026] [core:error] [pid 42:tid 7] JH00030: ...}) and
 * translates {@code LogLevel} (with {@code module:level} pairs) into logger levels.
 */
public final class LogbackErrorLog implements ErrorLogBackend {

    /** Where each module's loggers live, by the module's short name. */
    static String loggerFor(String module) {
        switch (module) {
            case "core":
                return "io.jhttpd.kernel";
            case "mpm_worker":
            case "worker":
                return "io.jhttpd.mpm.worker";
            case "mpm_event":
            case "event":
                return "io.jhttpd.mpm.event";
            case "mpm_prefork":
            case "prefork":
                return "io.jhttpd.mpm.prefork";
            case "static":
            case "mime":
            case "dir":
                return "io.jhttpd.mod.staticfiles";
            case "log_config":
                return "io.jhttpd.mod.log";
            default:
                return "io.jhttpd.mod." + module;
        }
    }

    /** Apache's level names in Logback's terms. */
    static Level level(String apache) {
        String l = apache.toLowerCase(Locale.ROOT);
        if (l.startsWith("trace")) {
            return Level.TRACE;
        }
        switch (l) {
            case "debug":
                return Level.DEBUG;
            case "info":
            case "notice":
                return Level.INFO;
            case "warn":
                return Level.WARN;
            default:
                return Level.ERROR;
        }
    }

    @Override
    public void configure(String target, Path serverRoot, String level, Map<String, String> moduleLevels) throws ConfigException {
        if (target.startsWith("|") || target.startsWith("syslog")) {
            throw new ConfigException("ErrorLog " + target + ": piped and syslog error logs are not supported yet; name a file");
        }
        Path file = Path.of(target);
        if (!file.isAbsolute()) {
            file = serverRoot.resolve(file);
        }
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new ConfigException("ErrorLog: cannot open " + file + ": the directory " + file.getParent() + " does not exist");
        }
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        // the pid goes into the pattern as text: only Joran (XML) configuration substitutes ${...}
        encoder.setPattern("[%d{EEE MMM dd HH:mm:ss.SSS yyyy}] [%logger{0}:%level] [pid " + ProcessHandle.current().pid()
                + ":tid %thread] %msg%n%ex");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("error_log");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new ConfigException("ErrorLog: cannot open " + file + " for writing");
        }
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(level(level));
        for (Map.Entry<String, String> e : moduleLevels.entrySet()) {
            ctx.getLogger(loggerFor(e.getKey())).setLevel(level(e.getValue()));
        }
    }
}
