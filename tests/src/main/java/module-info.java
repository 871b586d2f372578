/**
 * Test-only modules and fixtures for the end-to-end tests: an echo handler module that returns the
 * request body, used to test uploads, chunked bodies and 100-continue through a real server.
 */
module io.jhttpd.tests {
    requires io.jhttpd.api;
    requires io.jhttpd.kernel;
    requires org.slf4j;
    requires java.net.http;

    exports io.jhttpd.tests.echo;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.tests.echo.EchoModule;
}
