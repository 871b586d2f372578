/**
 * A test harness for jhttpd modules: {@link io.jhttpd.testkit.TestHttpd} starts a real server (a
 * child JVM running {@code httpd -X}), with the module under test found on the module path like any
 * other, on a free loopback port. Its Maven dependencies bring the kernel, the event MPM, static
 * files, the access log and the error log, so the server has what an image has.
 */
module io.jhttpd.testkit {
    requires transitive io.jhttpd.api;
    requires java.net.http;

    exports io.jhttpd.testkit;
}
