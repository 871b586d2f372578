/** {@code SetHandler server-status}: the scoreboard as a page, as Apache's mod_status. */
module io.jhttpd.mod.status {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.status.internal.StatusModule;
}
