/**
 * The status module's implementation, as Apache httpd 2.4's mod_status: a handler that reads the
 * whole server's scoreboard ({@link io.jhttpd.api.spi.ServerContext#scoreboard()}) and renders it.
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-status message IDs</caption>
 * <tr><td>JH07001</td><td>the server has no scoreboard to show (debug)</td></tr>
 * </table>
 */
package io.jhttpd.mod.status.internal;
