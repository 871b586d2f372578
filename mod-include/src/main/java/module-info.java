/**
 * mod_include: the {@code INCLUDES} output filter (server-side includes) and its directives
 * ({@code XBitHack}, {@code SSIErrorMsg}, {@code SSITimeFormat}, {@code SSIStartTag},
 * {@code SSIEndTag}, {@code SSIUndefinedEcho}, {@code SSIETag}, {@code SSILastModified}).
 */
module io.jhttpd.mod.include {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.include.internal.IncludeModule;
}
