/** {@code Expires} and {@code Cache-Control: max-age} by content type: {@code ExpiresActive}, {@code ExpiresByType}, {@code ExpiresDefault}, as Apache's mod_expires. */
module io.jhttpd.mod.expires {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.expires.internal.ExpiresModule;
}
