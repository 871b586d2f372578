/**
 * The access-log module's implementation, as Apache httpd 2.4's mod_log_config. Not exported;
 * the kernel finds {@link io.jhttpd.mod.log.internal.LogModule} through {@code ServiceLoader}.
 *
 * <pre>
 * config time   LogFormat / CustomLog / TransferLog / GlobalLog → LogConfig per server (formats and
 *               expr= conditions compiled by the api's Expression)
 * start         AccessLogs.open: nicknames resolved, each format parsed once into Fields, each
 *               destination opened once as a LogSink: LogFile (O_APPEND file) or PipedLog (program
 *               fed by a writer thread), wrapped in a BufferedSink under BufferedLogs On
 * each request  LOG_TRANSACTION → AccessLogs.log → LineFormat.render into the thread's LineBuffer
 *               → LogSink.write (one write(2) per line, a buffer copy, or a queue hand-off)
 * stop          onStop: flush buffered lines, stop piped programs after they took their lines
 * </pre>
 *
 * <p>{@link io.jhttpd.mod.log.internal.RotateLogs} is Apache's {@code rotatelogs} as a main class
 * ({@code bin/rotatelogs} in the image) for piped logs.
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-log message IDs</caption>
 * <tr><td>JH03001</td><td>could not open transfer log file (AH00649): start-up fails</td></tr>
 * <tr><td>JH03002</td><td>a piped log names no program: configuration error</td></tr>
 * <tr><td>JH03003</td><td>error writing to a log file (AH00646): lines are lost until it works again</td></tr>
 * <tr><td>JH03004</td><td>bad LogFormat string: configuration error</td></tr>
 * <tr><td>JH03005</td><td>bad CustomLog condition clause: configuration error</td></tr>
 * <tr><td>JH03006</td><td>writing to a log file works again (info)</td></tr>
 * <tr><td>JH03007</td><td>a request's server has no log configuration known at start; the main server's logs are used</td></tr>
 * <tr><td>JH03008</td><td>could not close a log file at stop</td></tr>
 * <tr><td>JH03010</td><td>a piped log's queue is full (program gone or too slow): new lines are dropped</td></tr>
 * <tr><td>JH03011</td><td>a piped log takes lines again; how many were dropped</td></tr>
 * <tr><td>JH03012</td><td>a piped log program failed (died); it is restarted and gets the unwritten lines</td></tr>
 * <tr><td>JH03013</td><td>a piped log program could not be started (at start: configuration error)</td></tr>
 * <tr><td>JH03014</td><td>a piped log program did not read its lines at stop and was ended</td></tr>
 * </table>
 */
package io.jhttpd.mod.log.internal;
