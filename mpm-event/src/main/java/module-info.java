/**
 * The event MPM: like worker, a fixed pool of {@code ThreadsPerChild} worker threads serves
 * requests, but connections that only wait (keep-alive between requests, a request head still
 * arriving, write completion of a large response, lingering close) are held by one listener
 * thread's selector and cost no thread.
 */
module io.jhttpd.mpm.event {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.Mpm with io.jhttpd.mpm.event.internal.EventMpm;
}
