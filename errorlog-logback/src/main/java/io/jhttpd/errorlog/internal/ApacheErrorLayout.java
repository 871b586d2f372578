package io.jhttpd.errorlog.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Error-log lines in the shape {@code ErrorLogFormat} gives, compiled once:
 * <pre>
 * ErrorLogFormat "[%{u}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client\ %a] %M% ,\ referer\ %{Referer}i"
 * </pre>
 * Items: {@code %%}, {@code %t} (and {@code %{u}t} with microseconds, {@code %{c}t} /
 * {@code %{cu}t} compact ISO), {@code %l} level, {@code %m} module ({@code core},
 * {@code log_config}, {@code setenvif}, ... from the logger's package), {@code %M} message (with
 * the stack trace of an exception on the following lines), {@code %P} pid, {@code %T} /
 * {@code %{g}T} thread, {@code %F} source (the logging class), {@code %{name}n} and
 * {@code %{name}e} from the SLF4J MDC. Items without a value here ({@code %a %A %E %i %k %L %v
 * %V}) are empty. Modifiers as Apache: {@code -} prints {@code -} for an empty item, a number 1..15
 * keeps the item only for messages at least that severe (3 error, 4 warn, 6 info, 7 debug);
 * otherwise an empty item removes its whole field: the text between two spaces or {@code "% "}
 * separators ({@code "\ "} is a space inside a field).
 */
final class ApacheErrorLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.US);
    private static final DateTimeFormatter CTIME_MICROS = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy", Locale.US);
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US);
    private static final DateTimeFormatter COMPACT_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.US);
    private static final long PID = ProcessHandle.current().pid();

    /** One {@code %} item. */
    private record Item(char letter, String arg, boolean dashIfEmpty, int maxSeverity) {
    }

    /** A field: literal text and items, printed only if no item in it is empty; then its separator. */
    private record Field(List<Object> parts, String separatorAfter) {
    }

    private final List<Field> fields;
    private final ZoneId zone;

    ApacheErrorLayout(String format, ZoneId zone) {
        this.fields = parse(format);
        this.zone = zone;
    }

    private static List<Field> parse(String f) {
        List<Field> fields = new ArrayList<>();
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int n = f.length();
        for (int i = 0; i < n; i++) {
            char c = f.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = f.charAt(++i);
                text.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
            } else if (c == ' ') {
                end(fields, parts, text, " ");
                parts = new ArrayList<>();
            } else if (c == '%' && i + 1 < n) {
                char next = f.charAt(i + 1);
                if (next == '%') {
                    text.append('%');
                    i++;
                    continue;
                }
                if (next == ' ') {
                    end(fields, parts, text, "");
                    parts = new ArrayList<>();
                    i++;
                    continue;
                }
                i++;
                boolean dash = false;
                int severity = 15;
                String arg = "";
                while (i < n) {
                    char m = f.charAt(i);
                    if (m == '-') {
                        dash = true;
                        i++;
                    } else if (m == '+') {
                        i++;
                    } else if (Character.isDigit(m)) {
                        int v = 0;
                        while (i < n && Character.isDigit(f.charAt(i))) {
                            v = v * 10 + f.charAt(i++) - '0';
                        }
                        severity = v;
                    } else if (m == '{') {
                        int close = f.indexOf('}', i);
                        arg = close < 0 ? f.substring(i + 1) : f.substring(i + 1, close);
                        i = close < 0 ? n : close + 1;
                    } else {
                        break;
                    }
                }
                if (text.length() > 0) {
                    parts.add(text.toString());
                    text.setLength(0);
                }
                parts.add(new Item(i < n ? f.charAt(i) : '%', arg, dash, severity));
            } else {
                text.append(c);
            }
        }
        end(fields, parts, text, "");
        return fields;
    }

    private static void end(List<Field> fields, List<Object> parts, StringBuilder text, String separator) {
        if (text.length() > 0) {
            parts.add(text.toString());
            text.setLength(0);
        }
        fields.add(new Field(parts, separator));
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        StringBuilder field = new StringBuilder(64);
        String pendingSeparator = "";
        for (Field f : fields) {
            field.setLength(0);
            boolean keep = true;
            for (Object part : f.parts()) {
                if (part instanceof String s) {
                    field.append(s);
                    continue;
                }
                Item item = (Item) part;
                String value = severity(event.getLevel()) <= item.maxSeverity() ? value(item, event) : null;
                if (value == null || value.isEmpty()) {
                    if (!item.dashIfEmpty()) {
                        keep = false;
                        break;
                    }
                    value = "-";
                }
                field.append(value);
            }
            if (keep && (field.length() > 0 || f.parts().isEmpty())) {
                line.append(pendingSeparator).append(field);
                pendingSeparator = f.separatorAfter();
            } else if (line.length() == 0) {
                pendingSeparator = "";
            }
        }
        line.append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    private String value(Item item, ILoggingEvent event) {
        switch (item.letter()) {
            case 't': {
                ZonedDateTime t = ZonedDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone)
                        .withNano((int) (event.getNanoseconds() > 0 ? event.getNanoseconds() : event.getTimeStamp() % 1000 * 1_000_000));
                switch (item.arg()) {
                    case "u":
                        return CTIME_MICROS.format(t);
                    case "c":
                        return COMPACT.format(t);
                    case "cu":
                        return COMPACT_MICROS.format(t);
                    default:
                        return CTIME.format(t);
                }
            }
            case 'l':
                return levelName(event.getLevel());
            case 'm':
                return module(event.getLoggerName());
            case 'M':
                return event.getFormattedMessage();
            case 'P':
                return Long.toString(PID);
            case 'T':
                return event.getThreadName();
            case 'F': {
                String logger = event.getLoggerName();
                return logger.substring(logger.lastIndexOf('.') + 1);
            }
            case 'n':
            case 'e': {
                Map<String, String> mdc = event.getMDCPropertyMap();
                return mdc == null ? null : mdc.get(item.arg());
            }
            default:
                return null;
        }
    }

    /** Apache's name for a Logback level. */
    static String levelName(Level level) {
        switch (level.toInt()) {
            case Level.ERROR_INT:
                return "error";
            case Level.WARN_INT:
                return "warn";
            case Level.INFO_INT:
                return "info";
            case Level.DEBUG_INT:
                return "debug";
            default:
                return "trace1";
        }
    }

    /** Apache's (syslog's) severity number for a Logback level. */
    static int severity(Level level) {
        switch (level.toInt()) {
            case Level.ERROR_INT:
                return 3;
            case Level.WARN_INT:
                return 4;
            case Level.INFO_INT:
                return 6;
            default:
                return 7;
        }
    }

    /** The module short name ({@code LogLevel} and {@code %m}) of a logger in our packages. */
    static String module(String logger) {
        if (logger.startsWith("io.jhttpd.kernel")) {
            return "core";
        }
        if (logger.startsWith("io.jhttpd.mod.log.")) {
            return "log_config";
        }
        if (logger.startsWith("io.jhttpd.mod.staticfiles")) {
            return "static";
        }
        for (String prefix : new String[] {"io.jhttpd.mod.", "io.jhttpd.mpm."}) {
            if (logger.startsWith(prefix)) {
                int end = logger.indexOf('.', prefix.length());
                String name = logger.substring(prefix.length(), end < 0 ? logger.length() : end);
                return prefix.endsWith("mpm.") ? "mpm_" + name : name;
            }
        }
        return logger.substring(logger.lastIndexOf('.') + 1);
    }
}
