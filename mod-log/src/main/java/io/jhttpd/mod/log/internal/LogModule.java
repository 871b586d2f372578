package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Phase;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import io.jhttpd.api.spi.ServerContext;
import java.time.ZoneId;
import java.util.Set;

/**
 * Access logs, as Apache's mod_log_config and mod_logio: {@code LogFormat}, {@code CustomLog},
 * {@code TransferLog}, {@code GlobalLog} and {@code BufferedLogs}, one line per request in the
 * {@code LOG_TRANSACTION} phase, to files (one {@code O_APPEND} write per line or per buffer) or
 * piped programs.
 *
 * <pre>
 * LogFormat "%h %l %u %t \"%r\" %>s %b" common
 * CustomLog logs/access_log common
 * </pre>
 *
 * Files open at start (not under {@code httpd -t}) and close at stop; times print in the JVM's
 * default time zone, as Apache prints them in the process's local time.
 */
public final class LogModule implements HttpdModule {

    private volatile AccessLogs logs = AccessLogs.NONE;

    /** Called by {@code ServiceLoader}; all set-up happens in {@link #register}. */
    public LogModule() {
    }

    @Override
    public String name() {
        return "log";
    }

    /** Answers for {@code <IfModule log_config_module>} and {@code <IfModule mod_log_config.c>}. */
    @Override
    public Set<String> standsFor() {
        return Set.of("log_config");
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(LogConfig.KEY);
        for (Directive d : LogConfig.directives()) {
            setup.directive(d);
        }
        setup.hook(Phase.LOG_TRANSACTION, r -> {
            // logs replaced by a restart while this request read them: the new ones take the line
            for (int attempt = 0; attempt < 3 && !logs.tryLog(r); attempt++) {
                Thread.onSpinWait();
            }
            return HookResult.ok();
        }, HookOrder.MIDDLE);
        setup.onStart(this::start);
        // runs at stop, child recycling and graceful restart (when the process model stops a child's generation)
        setup.onStop(this::stop);
    }

    private void start(ServerContext server) throws ConfigException {
        AccessLogs fresh = AccessLogs.open(server, ZoneId.systemDefault());
        if (server.isConfigTest()) {
            return;
        }
        AccessLogs previous = logs;
        logs = fresh;
        previous.close();
    }

    private void stop() {
        AccessLogs previous = logs;
        logs = AccessLogs.NONE;
        previous.flush();
        previous.close();
    }
}
