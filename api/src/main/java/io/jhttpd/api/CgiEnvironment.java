package io.jhttpd.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The standard CGI variables of a request (RFC 3875 section 4.1 plus Apache's additions), as
 * Apache's {@code ap_add_common_vars} and {@code ap_add_cgi_vars} build them, for every module
 * that hands a request to another program: CGI scripts, FastCGI applications, SSI {@code exec}.
 *
 * <pre>{@code
 * Map<String, String> env = CgiEnvironment.standardVariables(r);
 * env.put("SCRIPT_FILENAME", backendPath);   // callers adjust what their gateway needs
 * }</pre>
 *
 * <p>Request headers become {@code HTTP_*} variables (upper-cased, {@code -} to {@code _}); names
 * with other characters are dropped, {@code Proxy} is never passed (httpoxy), and
 * {@code Authorization}/{@code Proxy-Authorization} only when {@code passAuthorization} is set
 * (Apache's {@code CGIPassAuth}). {@code Request#subprocessEnv()} is copied last, so
 * {@code SetEnv} and friends win over nothing but themselves: they cannot hide the request's own
 * variables set after them by the caller.
 */
public final class CgiEnvironment {

    private CgiEnvironment() {
    }

    /** The standard variables of {@code r}, without {@code Authorization} headers. */
    public static Map<String, String> standardVariables(Request r) {
        return standardVariables(r, false);
    }

    /**
     * The standard variables of {@code r}, in a new mutable map; with {@code passAuthorization},
     * {@code HTTP_AUTHORIZATION} and {@code HTTP_PROXY_AUTHORIZATION} too.
     */
    public static Map<String, String> standardVariables(Request r, boolean passAuthorization) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Headers.Field f : r.headersIn()) {
            String variable = headerVariable(f.name(), passAuthorization);
            if (variable != null) {
                // repeated fields are joined as Apache's table merge does
                env.merge(variable, f.value(), (a, b) -> variable.equals("HTTP_COOKIE") ? a + "; " + b : a + ", " + b);
            }
        }
        String path = System.getenv("PATH");
        env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin:/bin");
        Server server = r.server();
        env.put("SERVER_SIGNATURE", "");
        env.put("SERVER_SOFTWARE", server.softwareName());
        env.put("SERVER_NAME", r.hostname() != null ? r.hostname() : server.serverName());
        InetSocketAddress local = r.connection().localAddress();
        InetSocketAddress remote = r.connection().remoteAddress();
        env.put("SERVER_ADDR", local.getAddress().getHostAddress());
        env.put("SERVER_PORT", Integer.toString(serverPort(r)));
        env.put("REMOTE_ADDR", remote.getAddress().getHostAddress());
        Path docRoot = server.documentRoot();
        env.put("DOCUMENT_ROOT", docRoot != null ? docRoot.toString() : "");
        env.put("REQUEST_SCHEME", "http");
        env.put("CONTEXT_PREFIX", "");
        env.put("CONTEXT_DOCUMENT_ROOT", docRoot != null ? docRoot.toString() : "");
        env.put("SERVER_ADMIN", server.serverAdmin() != null ? server.serverAdmin() : "");
        if (r.filename() != null) {
            env.put("SCRIPT_FILENAME", r.filename().toString());
        }
        env.put("REMOTE_PORT", Integer.toString(remote.getPort()));
        if (r.user() != null) {
            env.put("REMOTE_USER", r.user());
        }
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PROTOCOL", r.protocol());
        env.put("REQUEST_METHOD", r.method());
        env.put("QUERY_STRING", r.queryString() != null ? r.queryString() : "");
        Request first = r;
        while (first.redirectedFrom() != null) {
            first = first.redirectedFrom();
        }
        env.put("REQUEST_URI", first.unparsedUri());
        String pathInfo = r.pathInfo();
        String uri = r.uri();
        String scriptName = !pathInfo.isEmpty() && uri.endsWith(pathInfo)
                ? uri.substring(0, uri.length() - pathInfo.length()) : uri;
        env.put("SCRIPT_NAME", scriptName);
        if (!pathInfo.isEmpty()) {
            env.put("PATH_INFO", pathInfo);
            if (docRoot != null) {
                env.put("PATH_TRANSLATED", docRoot + pathInfo);
            }
        }
        String contentType = r.headersIn().get("Content-Type");
        if (contentType != null) {
            env.put("CONTENT_TYPE", contentType);
        }
        String contentLength = r.headersIn().get("Content-Length");
        if (contentLength != null) {
            env.put("CONTENT_LENGTH", contentLength.trim());
        }
        if (r.redirectedFrom() != null) {
            env.put("REDIRECT_STATUS", Integer.toString(r.redirectedFrom().status()));
            env.put("REDIRECT_URL", r.redirectedFrom().uri());
            if (r.redirectedFrom().queryString() != null) {
                env.put("REDIRECT_QUERY_STRING", r.redirectedFrom().queryString());
            }
        }
        env.putAll(r.subprocessEnv());
        return env;
    }

    /**
     * The CGI variable for request header {@code name} ({@code User-Agent} → {@code HTTP_USER_AGENT}),
     * or {@code null} if the header is not passed: names with characters other than letters,
     * digits and {@code -}, {@code Proxy}, and the authorization headers unless allowed.
     * {@code Content-Type} and {@code Content-Length} have their own variables.
     */
    public static String headerVariable(String name, boolean passAuthorization) {
        if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")
                || name.equalsIgnoreCase("Proxy")) {
            return null;
        }
        if (!passAuthorization && (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Proxy-Authorization"))) {
            return null;
        }
        StringBuilder sb = new StringBuilder(5 + name.length()).append("HTTP_");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-') {
                sb.append('_');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(Character.toUpperCase(c));
            } else {
                return null;
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** The port the client addressed: {@code Host}'s port, else the server's, else the local one (UseCanonicalName Off). */
    private static int serverPort(Request r) {
        String host = r.headersIn().get("Host");
        if (host != null) {
            int colon = host.lastIndexOf(':');
            if (colon > 0 && host.indexOf(']', colon) < 0) {
                try {
                    return Integer.parseInt(host.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    // fall through to the connection's port
                }
            }
        }
        return r.connection().localAddress().getPort();
    }
}
