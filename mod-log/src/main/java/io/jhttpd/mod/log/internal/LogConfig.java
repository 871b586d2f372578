package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.Expression;
import io.jhttpd.api.Scope;
import io.jhttpd.api.Request;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * mod_log_config's per-server settings ({@code multi_log_state}): the default format, the
 * nicknamed formats, this server's own logs and the main server's logs a virtual host falls back to.
 *
 * <p>Apache's rules, kept here: nicknames compare without case and a virtual host sees the main
 * server's nicknames plus its own; a format argument that names no nickname is a format itself
 * (so a misspelt nickname is logged literally); nicknames are resolved at start, so a
 * {@code LogFormat} may come after the {@code CustomLog} that uses it; a virtual host with logs of
 * its own does not write to the main server's logs, one without any writes to them.
 */
final class LogConfig {

    static final ConfigKey<LogConfig> KEY = ConfigKey.perServer("log", LogConfig::new, LogConfig::merge);

    /** {@code LogFormat} without nickname, or {@code null}. */
    private String defaultFormat;
    private final Map<String, String> formats;
    private final List<LogSpec> logs;
    /** The main server's logs, for a virtual host; empty for the main server. */
    private final List<LogSpec> mainServerLogs;
    /** {@code GlobalLog}s: the main server's, written for every server. */
    private final List<LogSpec> globalLogs;
    /** {@code BufferedLogs On}: lines collect in memory and go out a buffer at a time. */
    private boolean buffered;

    LogConfig() {
        this(null, new TreeMap<>(String.CASE_INSENSITIVE_ORDER), new ArrayList<>(2), List.of(), new ArrayList<>(1), false);
    }

    private LogConfig(String defaultFormat, Map<String, String> formats, List<LogSpec> logs, List<LogSpec> mainServerLogs,
            List<LogSpec> globalLogs, boolean buffered) {
        this.defaultFormat = defaultFormat;
        this.formats = formats;
        this.logs = logs;
        this.mainServerLogs = mainServerLogs;
        this.globalLogs = globalLogs;
        this.buffered = buffered;
    }

    static List<Directive> directives() {
        return List.of(
                Directive.of("GlobalLog", ArgShape.TAKE23, EnumSet.of(Scope.SERVER), LogConfig::globalLog)
                        .help("Same as CustomLog, but forces virtualhosts to inherit the log"),
                Directive.of("BufferedLogs", ArgShape.FLAG, EnumSet.of(Scope.SERVER), LogConfig::bufferedLogs)
                        .help("Enable Buffered Logging (experimental)"),
                Directive.of("LogFormat", ArgShape.TAKE12, Scope.SERVER_CONFIG, LogConfig::logFormat)
                        .help("a log format string (see docs) and an optional format name"),
                Directive.of("CustomLog", ArgShape.TAKE23, Scope.SERVER_CONFIG, LogConfig::customLog)
                        .help("a file name, a custom log format string or format name, and an optional \"env=\" clause"),
                Directive.of("TransferLog", ArgShape.TAKE1, Scope.SERVER_CONFIG, LogConfig::transferLog)
                        .help("the filename of the access log"));
    }

    private static void logFormat(DirectiveContext ctx, List<String> args) throws ConfigException {
        String format = args.get(0);
        check(format);
        LogConfig c = ctx.config(KEY);
        if (args.size() == 2) {
            c.formats.put(args.get(1), format);
        } else {
            c.defaultFormat = format;
        }
    }

    private static void customLog(DirectiveContext ctx, List<String> args) throws ConfigException {
        ctx.config(KEY).logs.add(spec(ctx, args));
    }

    private static void globalLog(DirectiveContext ctx, List<String> args) throws ConfigException {
        ctx.config(KEY).globalLogs.add(spec(ctx, args));
    }

    private static void bufferedLogs(DirectiveContext ctx, List<String> args) {
        ctx.config(KEY).buffered = args.get(0).equalsIgnoreCase("on");
    }

    private static LogSpec spec(DirectiveContext ctx, List<String> args) throws ConfigException {
        Predicate<Request> condition = args.size() == 3 ? condition(args.get(2)) : null;
        // A nickname is plain text as a format, so this only rejects a format that is broken either way.
        check(args.get(1));
        return destination(ctx, args.get(0), args.get(1), condition);
    }

    /** {@code env=VAR}, {@code env=!VAR} or {@code expr=...}, as Apache's {@code add_custom_log}. */
    static Predicate<Request> condition(String clause) throws ConfigException {
        if (clause.regionMatches(true, 0, "env=", 0, 4)) {
            String envVar = clause.substring(4);
            boolean negated = envVar.startsWith("!");
            String name = negated ? envVar.substring(1) : envVar;
            if (name.isEmpty()) {
                throw new ConfigException("JH03005 missing environment variable name");
            }
            return r -> r.subprocessEnv().containsKey(name) != negated;
        }
        if (clause.regionMatches(true, 0, "expr=", 0, 5)) {
            try {
                return Expression.parse(clause.substring(5))::test;
            } catch (ConfigException e) {
                throw new ConfigException("JH03005 Cannot parse expression in condition clause: " + e.getMessage());
            }
        }
        throw new ConfigException("JH03005 error in condition clause");
    }

    private static void transferLog(DirectiveContext ctx, List<String> args) throws ConfigException {
        ctx.config(KEY).logs.add(destination(ctx, args.get(0), null, null));
    }

    private static LogSpec destination(DirectiveContext ctx, String name, String format, Predicate<Request> condition)
            throws ConfigException {
        if (name.startsWith("|")) {
            return new LogSpec(null, PipedLog.Command.parse(name), format, condition);
        }
        return new LogSpec(ctx.resolve(name), null, format, condition);
    }

    private static void check(String format) throws ConfigException {
        LineFormat.parse(format, ZoneOffset.UTC);
    }

    /** This server's own logs, in configuration order. */
    List<LogSpec> logs() {
        return logs;
    }

    /** The main server's logs (for a virtual host); empty for the main server. */
    List<LogSpec> mainServerLogs() {
        return mainServerLogs;
    }

    /** The {@code GlobalLog}s (the main server's, seen by every server). */
    List<LogSpec> globalLogs() {
        return globalLogs;
    }

    /** True under {@code BufferedLogs On}. */
    boolean isBuffered() {
        return buffered;
    }

    /** The format string {@code formatOrNickname} stands for here. */
    String resolve(String formatOrNickname) {
        String named = formats.get(formatOrNickname);
        return named != null ? named : formatOrNickname;
    }

    /** The format {@code TransferLog} uses here: the last {@code LogFormat} without nickname (itself maybe a nickname), else CLF. */
    String defaultFormat() {
        return defaultFormat == null ? LineFormat.CLF : resolve(defaultFormat);
    }

    private static LogConfig merge(LogConfig main, LogConfig vhost) {
        Map<String, String> formats = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        formats.putAll(main.formats);
        formats.putAll(vhost.formats);
        return new LogConfig(vhost.defaultFormat != null ? vhost.defaultFormat : main.defaultFormat,
                formats, List.copyOf(vhost.logs), List.copyOf(main.logs), List.copyOf(main.globalLogs), main.buffered);
    }
}
