/**
 * The worker MPM: a listener thread accepts, a fixed pool of {@code ThreadsPerChild} worker
 * threads serves one connection each at a time.
 */
module io.jhttpd.mpm.worker {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.Mpm with io.jhttpd.mpm.worker.internal.WorkerMpm;
}
