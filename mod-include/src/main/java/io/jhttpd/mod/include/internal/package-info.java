/**
 * mod_include's implementation. Not exported; the kernel finds
 * {@link io.jhttpd.mod.include.internal.IncludeModule} through {@code ServiceLoader}.
 *
 * <pre>
 * brigades ──▶ IncludeFilter ──▶ SsiScanner (start/end tags across bucket boundaries)
 *                   │                 └─▶ text slices (passed on) / element bodies
 *                   ├─ if/elif/else/endif: SsiExpr
 *                   ├─ echo/set/printenv/config/fsize/flastmod: SsiHost variables, StrfTime
 *                   └─ include virtual|file, exec cgi: Request#lookupUri + Request#runSubRequest
 *                      (the sub-request's body goes into the chain below INCLUDES); exec cmd: /bin/sh -c
 * </pre>
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-include message IDs</caption>
 * <tr><td>JH13001</td><td>an SSI element failed (the page shows the error message): error</td></tr>
 * <tr><td>JH13002</td><td>INCLUDES without Options Includes/IncludesNOEXEC: filter not used (AH01374): warning</td></tr>
 * </table>
 */
package io.jhttpd.mod.include.internal;
