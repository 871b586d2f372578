/**
 * mod_env's implementation. Not exported; the kernel finds
 * {@link io.jhttpd.mod.env.internal.EnvModule} through {@code ServiceLoader}.
 *
 * <pre>
 * config time   SetEnv / PassEnv / UnsetEnv → EnvSettings per directory section (PassEnv reads
 *               the server's own environment then)
 * each request  FIXUPS → the merged settings' variables are set in Request#subprocessEnv
 * </pre>
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-env message IDs</caption>
 * <tr><td>JH11001</td><td>PassEnv names a variable the server's environment lacks (AH01506): warning, ignored</td></tr>
 * </table>
 */
package io.jhttpd.mod.env.internal;
