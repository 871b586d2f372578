/** Request and response headers changed by configuration: {@code Header} and {@code RequestHeader}, as Apache's mod_headers. */
module io.jhttpd.mod.headers {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.headers.internal.HeadersModule;
}
