package io.jhttpd.errorlog.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ErrorLog syslog[:facility][:tag]}: each line gets syslog's {@code <priority>} prefix
 * (facility × 8 + severity) and goes to {@code logger --prio-prefix}, which hands it to the local
 * syslog daemon as Apache's {@code syslog(3)} calls do (Java cannot write to {@code /dev/log}, a
 * datagram socket). Apache's default facility is {@code local7}.
 */
final class SyslogLayout extends LayoutBase<ILoggingEvent> {

    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("mail", 2), Map.entry("daemon", 3),
            Map.entry("auth", 4), Map.entry("syslog", 5), Map.entry("lpr", 6), Map.entry("news", 7),
            Map.entry("uucp", 8), Map.entry("cron", 9), Map.entry("authpriv", 10), Map.entry("ftp", 11),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    private final int facility;
    private final Layout<ILoggingEvent> message;

    SyslogLayout(int facility, Layout<ILoggingEvent> message) {
        this.facility = facility;
        this.message = message;
    }

    /** The facility number of {@code name}, or -1 if syslog has no such facility. */
    static int facility(String name) {
        Integer f = FACILITIES.get(name.toLowerCase(Locale.ROOT));
        return f == null ? -1 : f;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return "<" + (facility * 8 + ApacheErrorLayout.severity(event.getLevel())) + ">" + message.doLayout(event);
    }
}
