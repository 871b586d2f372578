/** Access logs: {@code LogFormat}, {@code CustomLog}, lines as Apache's mod_log_config writes them. */
module io.jhttpd.mod.log {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.log.internal.LogModule;
}
