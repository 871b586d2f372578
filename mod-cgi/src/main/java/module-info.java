/** CGI/1.1 (RFC 3875) scripts run as child processes: Apache's mod_cgi. */
module io.jhttpd.mod.cgi {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.cgi.internal.CgiModule;
}
