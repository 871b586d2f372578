/**
 * FastCGI: a client for FastCGI applications such as php-fpm over TCP or Unix domain sockets
 * (Apache's mod_proxy_fcgi forms), and a manager for FastCGI processes jhttpd starts itself
 * (mod_fcgid's {@code fcgid-script} handler).
 */
module io.jhttpd.mod.fcgi {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.fcgi.internal.FcgiModule;
}
