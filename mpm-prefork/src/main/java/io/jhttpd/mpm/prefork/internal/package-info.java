/**
 * The prefork MPM's implementation. Not exported; the kernel finds
 * {@link io.jhttpd.mpm.prefork.internal.PreforkMpm} through {@code ServiceLoader}.
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mpm-prefork message IDs</caption>
 * <tr><td>JH06001</td><td>MaxRequestWorkers above ServerLimit, lowered (AH00180)</td></tr>
 * <tr><td>JH06003</td><td>accept failed; the child pauses and goes on</td></tr>
 * <tr><td>JH06004</td><td>a connection failed outside the HTTP engine</td></tr>
 * </table>
 */
package io.jhttpd.mpm.prefork.internal;
