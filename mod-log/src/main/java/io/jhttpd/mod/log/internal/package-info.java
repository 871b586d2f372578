/**
 * The access-log module's implementation, as Apache httpd 2.4's mod_log_config. Not exported;
 * the kernel finds {@link io.jhttpd.mod.log.internal.LogModule} through {@code ServiceLoader}.
 *
 * <pre>
 * config time   LogFormat / CustomLog / TransferLog → LogConfig per server (formats checked here)
 * start         AccessLogs.open: nicknames resolved, each format parsed once into Fields, files opened
 * each request  LOG_TRANSACTION → AccessLogs.log → LineFormat.render into a LineBuffer → LogFile.write
 * </pre>
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-log message IDs</caption>
 * <tr><td>JH03001</td><td>could not open transfer log file (AH00649): start-up fails</td></tr>
 * <tr><td>JH03002</td><td>piped logs are not supported yet: configuration error</td></tr>
 * <tr><td>JH03003</td><td>error writing to a log file (AH00646): lines are lost until it works again</td></tr>
 * <tr><td>JH03004</td><td>bad LogFormat string: configuration error</td></tr>
 * <tr><td>JH03005</td><td>bad CustomLog condition clause: configuration error</td></tr>
 * <tr><td>JH03006</td><td>writing to a log file works again (info)</td></tr>
 * <tr><td>JH03007</td><td>a request's server has no log configuration known at start; the main server's logs are used</td></tr>
 * <tr><td>JH03008</td><td>could not close a log file at stop</td></tr>
 * </table>
 */
package io.jhttpd.mod.log.internal;
