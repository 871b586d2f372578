package io.jhttpd.errorlog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.jhttpd.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogbackErrorLogTest {

    @TempDir
    Path root;

    private static LoggingEvent event(String logger, Level level, String message) {
        LoggerContext ctx = new LoggerContext();
        LoggingEvent e = new LoggingEvent(LogbackErrorLogTest.class.getName(), ctx.getLogger(logger), level, message, null, null);
        e.setTimeStamp(1795308386123L);   // 2026-11-22T00:46:26.123Z
        e.setThreadName("worker-7");
        return e;
    }

    private static String layout(String format, LoggingEvent e) {
        ApacheErrorLayout l = new ApacheErrorLayout(format, ZoneOffset.UTC);
        l.start();
        return l.doLayout(e);
    }

    @Test
    void apachesDefaultFormatDropsEmptyFields() {
        LoggingEvent e = event("io.jhttpd.mod.log.internal.PipedLog", Level.WARN, "JH03012 program failed");
        long pid = ProcessHandle.current().pid();
        assertEquals("[Sun Nov 22 00:46:26.123000 2026] [log_config:warn] [pid " + pid + ":tid worker-7] PipedLog: JH03012 program failed\n",
                layout("[%{u}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client\\ %a] %M% ,\\ referer\\ %{Referer}i", e));
    }

    @Test
    void itemsAndModifiers() {
        LoggingEvent e = event("io.jhttpd.kernel.engine.RequestProcessor", Level.INFO, "hello");
        assertEquals("2026-11-22 00:46:26 core info - hello\n", layout("%{c}t %m %l %-a %M", e));
        assertEquals("core hello\n", layout("%m %3F %M", e), "%3F: only for error and worse");
        assertEquals("mpm_event:100% hello\n", layout("%m:% 100%% %M",
                event("io.jhttpd.mpm.event.internal.EventMpm", Level.DEBUG, "hello")), "'% ' separates fields and prints nothing");
    }

    @Test
    void syslogLinesCarryThePriority() {
        LoggingEvent e = event("io.jhttpd.kernel.X", Level.ERROR, "down");
        ApacheErrorLayout message = new ApacheErrorLayout("[%m:%l] %M", ZoneOffset.UTC);
        message.start();
        SyslogLayout syslog = new SyslogLayout(SyslogLayout.facility("local7"), message);
        assertEquals("<187>[core:error] down\n", syslog.doLayout(e));
        assertEquals(-1, SyslogLayout.facility("nope"));
    }

    @Test
    void pipedErrorLogWithFormatAndPerModuleLevels() throws Exception {
        LogbackErrorLog backend = new LogbackErrorLog();
        backend.configure("|$exec cat >> piped_error_log", root, "warn", Map.of("log_config", "debug"), "[%l] %m: %M");
        try {
            LoggerFactory.getLogger("io.jhttpd.mod.log.internal.AccessLogs").debug("JH03099 shown at debug");
            LoggerFactory.getLogger("io.jhttpd.kernel.engine.X").info("not shown: core stays at warn");
            LoggerFactory.getLogger("io.jhttpd.kernel.engine.X").warn("JH00099 shown");
            Path file = root.resolve("piped_error_log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && (!Files.exists(file) || Files.readAllLines(file).size() < 2)) {
                Thread.sleep(20);
            }
            assertEquals(List.of("[debug] log_config: JH03099 shown at debug", "[warn] core: JH00099 shown"), Files.readAllLines(file));
        } finally {
            ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
        }
    }

    @Test
    void badTargetsAreConfigurationErrors() {
        LogbackErrorLog backend = new LogbackErrorLog();
        ConfigException e = assertThrows(ConfigException.class,
                () -> backend.configure("syslog:local9", root, "warn", Map.of(), null));
        assertTrue(e.getMessage().contains("unknown syslog facility 'local9'"), e.getMessage());
        assertThrows(ConfigException.class, () -> backend.configure("nodir/error_log", root, "warn", Map.of(), null));
    }
}
