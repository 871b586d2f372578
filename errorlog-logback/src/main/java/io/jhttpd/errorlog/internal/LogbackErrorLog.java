package io.jhttpd.errorlog.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.spi.ErrorLogBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Points Logback at the {@code ErrorLog} file, program or syslog with Apache's line shape (or
 * {@code ErrorLogFormat}'s)
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
        configure(target, serverRoot, level, moduleLevels, null);
    }

    /**
     * {@code ErrorLog file}, {@code ErrorLog "|program"} (restarted if it dies) or
     * {@code ErrorLog syslog[:facility][:tag]}; lines as {@code ErrorLogFormat} says, else in the
     * default shape.
     */
    @Override
    public void configure(String target, Path serverRoot, String level, Map<String, String> moduleLevels, String format)
            throws ConfigException {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Appender<ILoggingEvent> appender;
        if (target.startsWith("syslog")) {
            appender = syslog(ctx, target, serverRoot, format);
        } else if (target.startsWith("|")) {
            appender = stream(ctx, target, program(ProgramOutputStream.shellCommand(target), serverRoot, target), encoder(ctx, format));
        } else {
            appender = file(ctx, target, serverRoot, format);
        }
        ctx.reset();
        appender.start();
        if (!appender.isStarted()) {
            throw new ConfigException("ErrorLog: cannot open " + target + " for writing");
        }
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(level(level));
        for (Map.Entry<String, String> e : moduleLevels.entrySet()) {
            ctx.getLogger(loggerFor(e.getKey())).setLevel(level(e.getValue()));
        }
    }

    private static Appender<ILoggingEvent> file(LoggerContext ctx, String target, Path serverRoot, String format) throws ConfigException {
        Path file = Path.of(target);
        if (!file.isAbsolute()) {
            file = serverRoot.resolve(file);
        }
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            throw new ConfigException("ErrorLog: cannot open " + file + ": the directory " + file.getParent() + " does not exist");
        }
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(ctx);
        appender.setName("error_log");
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder(ctx, format));
        return appender;
    }

    /** {@code syslog}, {@code syslog:local3}, {@code syslog:local3:tag}, {@code syslog::tag}. */
    private static Appender<ILoggingEvent> syslog(LoggerContext ctx, String target, Path serverRoot, String format)
            throws ConfigException {
        String[] parts = target.split(":", 3);
        String facilityName = parts.length > 1 && !parts[1].isEmpty() ? parts[1] : "local7";
        String tag = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : "httpd";
        int facility = SyslogLayout.facility(facilityName);
        if (facility < 0 || !parts[0].equals("syslog")) {
            throw new ConfigException("ErrorLog " + target + ": unknown syslog facility '" + facilityName
                    + "' (expected kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp or local0..local7)");
        }
        // syslog stamps the time itself, so Apache leaves it out of syslog lines
        ApacheErrorLayout message = new ApacheErrorLayout(format != null ? format : "[%-m:%l] [pid %P:tid %T] %M",
                java.time.ZoneId.systemDefault());
        message.setContext(ctx);
        message.start();
        List<String> logger = List.of("logger", "--prio-prefix", "-t", tag);
        return stream(ctx, target, program(logger, serverRoot, target), encoder(ctx, new SyslogLayout(facility, message)));
    }

    private static ProgramOutputStream program(List<String> command, Path serverRoot, String target) throws ConfigException {
        try {
            return new ProgramOutputStream(command, serverRoot);
        } catch (java.io.IOException e) {
            throw new ConfigException("ErrorLog " + target + ": could not start " + command + ": " + e.getMessage(), e);
        }
    }

    private static Appender<ILoggingEvent> stream(LoggerContext ctx, String target, ProgramOutputStream out, Encoder<ILoggingEvent> encoder) {
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setName("error_log " + target);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        return appender;
    }

    /** An encoder writing what {@code layout} makes of each event; both started. */
    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, LayoutBase<ILoggingEvent> layout) {
        layout.setContext(ctx);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(ctx);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    /** The {@code ErrorLogFormat} encoder, or the default line shape. */
    private static Encoder<ILoggingEvent> encoder(LoggerContext ctx, String format) {
        if (format != null) {
            return encoder(ctx, new ApacheErrorLayout(format, java.time.ZoneId.systemDefault()));
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        // the pid goes into the pattern as text: only Joran (XML) configuration substitutes ${...}
        encoder.setPattern("[%d{EEE MMM dd HH:mm:ss.SSS yyyy}] [%logger{0}:%level] [pid " + ProcessHandle.current().pid()
                + ":tid %thread] %msg%n%ex");
        encoder.start();
        return encoder;
    }
}
