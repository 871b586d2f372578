/**
 * mod_deflate: the {@code DEFLATE} output filter (gzip for clients that accept it) and the
 * {@code INFLATE} input filter (gzip request bodies, capped against decompression bombs).
 */
module io.jhttpd.mod.deflate {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.deflate.internal.DeflateModule;
}
