/**
 * The jhttpd api: everything a module or an MPM may see.
 *
 * <p>{@code io.jhttpd.api} is what a handler or filter author calls: the {@link io.jhttpd.api.Request}
 * view, {@link io.jhttpd.api.Headers}, {@link io.jhttpd.api.Bucket buckets} and
 * {@link io.jhttpd.api.Brigade brigades}, {@link io.jhttpd.api.OutputFilter output} and
 * {@link io.jhttpd.api.InputFilter input} filters, hook phases and results, directive declarations
 * and typed configuration keys.
 *
 * <p>{@code io.jhttpd.api.spi} is what a module or MPM implements ({@link io.jhttpd.api.spi.HttpdModule},
 * {@link io.jhttpd.api.spi.Mpm}) and the interfaces the kernel implements for them.
 *
 * <p>This module depends on {@code java.base} only; no kernel type appears in it.
 */
module io.jhttpd.api {
    exports io.jhttpd.api;
    exports io.jhttpd.api.spi;
}
