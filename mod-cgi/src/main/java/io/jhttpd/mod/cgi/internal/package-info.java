/**
 * mod_cgi's implementation. Not exported; the kernel finds
 * {@link io.jhttpd.mod.cgi.internal.CgiModule} through {@code ServiceLoader}.
 *
 * <pre>
 * HANDLER   CgiHandler: checks (ExecCGI or ScriptAlias, file exists, not a directory)
 *           → CgiEnvironment builds the meta-variables → ScriptProcess starts the script
 *           → request body to its stdin → ScriptOutput reads its header section
 *           → Location: internal redirect (local path) or 302 · else the body streams into
 *             the output filter chain, one 32 KiB buffer at a time; nph-* scripts skip the
 *             header parsing and the protocol filters
 * always    ScriptProcess's watchdog kills a script whose wait exceeds CGIScriptTimeout/Timeout;
 *           closing it kills what still runs (the script and its descendants) and reaps it
 * </pre>
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-cgi message IDs</caption>
 * <tr><td>JH09001</td><td>Options ExecCGI is off in this directory: 403</td></tr>
 * <tr><td>JH09002</td><td>script not found or unable to stat: 404</td></tr>
 * <tr><td>JH09003</td><td>attempt to invoke directory as script: 403</td></tr>
 * <tr><td>JH09004</td><td>AcceptPathInfo off disallows user's path: 404 (info)</td></tr>
 * <tr><td>JH09005</td><td>exec of the script failed (not executable, bad interpreter): 500</td></tr>
 * <tr><td>JH09006</td><td>a line the script wrote to its stderr (Apache's AH01215)</td></tr>
 * <tr><td>JH09007</td><td>End of script output before headers: 500</td></tr>
 * <tr><td>JH09008</td><td>malformed header from script (no colon, line too long): 500</td></tr>
 * <tr><td>JH09009</td><td>response header name from script is not a token (Apache's AH02429): 500</td></tr>
 * <tr><td>JH09010</td><td>Invalid status line from script: the response is a 500 with the script's body</td></tr>
 * <tr><td>JH09011</td><td>Timeout waiting for output from CGI script (Apache's AH01220); the script is killed</td></tr>
 * <tr><td>JH09012</td><td>Script timed out before returning headers: 504</td></tr>
 * </table>
 */
package io.jhttpd.mod.cgi.internal;
