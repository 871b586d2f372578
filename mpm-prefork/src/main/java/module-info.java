/**
 * The prefork MPM: each child process serves one connection at a time on its only thread, as
 * Apache's prefork; the master keeps {@code MinSpareServers}..{@code MaxSpareServers} idle children.
 */
module io.jhttpd.mpm.prefork {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.Mpm with io.jhttpd.mpm.prefork.internal.PreforkMpm;
}
