/**
 * The jhttpd kernel: {@code httpd} command line, configuration, module discovery, hook registry,
 * HTTP/1.1 engine, filter chain and request lifecycle.
 *
 * <p>It exports only {@code io.jhttpd.kernel.launch}, what launchers and tests need to start a
 * server; MPMs and modules reach the kernel through the interfaces of {@code io.jhttpd.api.spi}.
 *
 * @uses io.jhttpd.api.spi.HttpdModule
 * @uses io.jhttpd.api.spi.Mpm
 * @uses io.jhttpd.api.spi.ErrorLogBackend
 */
module io.jhttpd.kernel {
    requires transitive io.jhttpd.api;
    requires org.slf4j;
    // sun.misc.Signal: the master handles HUP, USR1 and WINCH as Apache does (see launch.SignalActions)
    requires jdk.unsupported;

    exports io.jhttpd.kernel.launch;

    uses io.jhttpd.api.spi.HttpdModule;
    uses io.jhttpd.api.spi.Mpm;
    uses io.jhttpd.api.spi.ErrorLogBackend;
}
