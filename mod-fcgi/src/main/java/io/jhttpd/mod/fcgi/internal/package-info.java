/**
 * The FastCGI module's implementation, as Apache httpd 2.4's mod_proxy_fcgi (with the routing
 * part of mod_proxy) and mod_fcgid. Not exported; the kernel finds
 * {@link io.jhttpd.mod.fcgi.internal.FcgiModule} through {@code ServiceLoader}.
 *
 * <pre>
 * config time   ProxyPassMatch/ProxyPass → ProxyRoute; ProxySet/route key=value → WorkerParams per backend
 *               ProxyFCGIBackendType, ProxyFCGISetEnvIf, FcgidWrapper → FcgiDirConfig; Fcgid* → FcgidSettings
 * each request  ProxyFcgiHandler / FcgidHandler build the params (api CgiEnvironment + gateway specifics)
 *               → FcgiRequest: RequestBody (chunked bodies spooled for CONTENT_LENGTH), a BackendChannel
 *                 from a BackendPool or an AppProcess → FcgiExchange (RecordWriter/RecordReader,
 *                 NameValuePairs, ResponseHead) → the output filter chain
 * processes     FcgidProcessTable → ProcessClass → AppProcess (php-cgi -b socket, one request at a time)
 * </pre>
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-fcgi message IDs</caption>
 * <tr><td>JH10001</td><td>failed to make connection to backend (AH01079): 503</td></tr>
 * <tr><td>JH10002</td><td>a line the application wrote on STDERR (AH01071 "Got error")</td></tr>
 * <tr><td>JH10003</td><td>timeout sending the request to the backend: 504</td></tr>
 * <tr><td>JH10004</td><td>error dispatching the request to the backend (AH01075): 502</td></tr>
 * <tr><td>JH10005</td><td>timeout reading the backend's response before any body byte: 504</td></tr>
 * <tr><td>JH10006</td><td>bad response from the backend (AH01067: not FastCGI, malformed head, closed early): 502</td></tr>
 * <tr><td>JH10007</td><td>backend failed after body bytes were passed on: client connection aborted</td></tr>
 * <tr><td>JH10008</td><td>END_REQUEST with a protocol status other than REQUEST_COMPLETE (OVERLOADED: 503)</td></tr>
 * <tr><td>JH10009</td><td>a proxy:fcgi handler names a URL that is not a FastCGI URL: 500</td></tr>
 * <tr><td>JH10010</td><td>the client's request body could not be read (info)</td></tr>
 * <tr><td>JH10011</td><td>connect timeout: 504</td></tr>
 * <tr><td>JH10012</td><td>all connections/processes busy and none came free in time: 503</td></tr>
 * <tr><td>JH10020</td><td>started a FastCGI process (info)</td></tr>
 * <tr><td>JH10021</td><td>a FastCGI process wrote to its stdout/stderr outside FastCGI</td></tr>
 * <tr><td>JH10022</td><td>a FastCGI process exited on its own (crash or limit)</td></tr>
 * <tr><td>JH10023</td><td>a FastCGI process could not be started</td></tr>
 * <tr><td>JH10024</td><td>process maintenance failed (a bug)</td></tr>
 * <tr><td>JH10025</td><td>fcgid-script without Options ExecCGI (AH01254): 403</td></tr>
 * <tr><td>JH10026</td><td>fcgid-script with no FcgidWrapper for the file: 500</td></tr>
 * </table>
 */
package io.jhttpd.mod.fcgi.internal;
