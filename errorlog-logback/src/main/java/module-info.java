/**
 * The distribution's error log: Logback configured from {@code ErrorLog} and {@code LogLevel},
 * writing lines in Apache's error-log format.
 */
module io.jhttpd.errorlog {
    requires io.jhttpd.api;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;

    provides io.jhttpd.api.spi.ErrorLogBackend with io.jhttpd.errorlog.internal.LogbackErrorLog;
    provides ch.qos.logback.classic.spi.Configurator with io.jhttpd.errorlog.internal.StartupConfigurator;
}
