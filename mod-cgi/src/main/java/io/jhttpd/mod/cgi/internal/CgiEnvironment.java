package io.jhttpd.mod.cgi.internal;

import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A script's environment (RFC 3875 §4.1 meta-variables plus Apache's additions), as Apache's
 * {@code ap_add_common_vars} and {@code ap_add_cgi_vars} build it: protocol variables from the
 * request headers, server and client addresses, the URI split into {@code SCRIPT_NAME} and
 * {@code PATH_INFO}, over whatever other modules left in {@link Request#subprocessEnv()}.
 */
final class CgiEnvironment {

    /** Apache's default when the server's own environment has no PATH. */
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private CgiEnvironment() {
    }

    /**
     * The variables for {@code r}'s script, from {@code serverEnvironment} (only {@code PATH} and
     * {@code LD_LIBRARY_PATH} are taken from it). {@code passAuth} is {@code CGIPassAuth}.
     */
    static Map<String, String> of(Request r, Map<String, String> serverEnvironment, boolean passAuth) {
        // as Apache: what other modules set (SetEnv, SetEnvIf) comes first, and the server's own
        // variables below override it, except PATH, which SetEnv may choose
        Map<String, String> env = new TreeMap<>(r.subprocessEnv());
        addHeaderVariables(env, r.headersIn(), passAuth);
        env.put("PATH", r.subprocessEnv().getOrDefault("PATH", serverEnvironment.getOrDefault("PATH", DEFAULT_PATH)));
        String libraryPath = serverEnvironment.get("LD_LIBRARY_PATH");
        if (libraryPath != null) {
            env.put("LD_LIBRARY_PATH", libraryPath);
        }
        env.put("SERVER_SIGNATURE", "");
        env.put("SERVER_SOFTWARE", r.server().softwareName());
        env.put("SERVER_NAME", serverNameForUrl(r.hostname()));
        InetSocketAddress local = r.connection().localAddress();
        InetSocketAddress remote = r.connection().remoteAddress();
        env.put("SERVER_ADDR", local.getAddress().getHostAddress());
        env.put("SERVER_PORT", Integer.toString(r.serverPort()));
        env.put("REMOTE_ADDR", remote.getAddress().getHostAddress());
        env.put("REMOTE_PORT", Integer.toString(remote.getPort()));
        Path docRoot = r.server().documentRoot();
        String documentRoot = docRoot == null ? "" : docRoot.toString();
        env.put("DOCUMENT_ROOT", documentRoot);
        env.put("REQUEST_SCHEME", "http");
        // what an Alias sets as the request's context (Apache's ap_set_context_info); none: the document root
        env.put("CONTEXT_PREFIX", r.notes().getOrDefault("context-prefix", ""));
        env.put("CONTEXT_DOCUMENT_ROOT", r.notes().getOrDefault("context-document-root", documentRoot));
        env.put("SERVER_ADMIN", r.server().serverAdmin() == null ? "" : r.server().serverAdmin());
        env.put("SCRIPT_FILENAME", r.filename().toString());
        if (r.user() != null) {
            env.put("REMOTE_USER", r.user());
            String authType = r.notes().get("auth-type");
            if (authType != null) {
                env.put("AUTH_TYPE", authType);
            }
        }

        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PROTOCOL", r.protocol());
        env.put("REQUEST_METHOD", r.method());
        env.put("QUERY_STRING", r.queryString() == null ? "" : r.queryString());
        env.put("REQUEST_URI", originalUri(r));
        String pathInfo = r.pathInfo();
        String uri = r.uri();
        if (pathInfo.isEmpty()) {
            env.put("SCRIPT_NAME", uri);
        } else {
            env.put("SCRIPT_NAME", uri.endsWith(pathInfo) ? uri.substring(0, uri.length() - pathInfo.length()) : uri);
            env.put("PATH_INFO", pathInfo);
            String translated = translate(r, pathInfo);
            if (translated != null) {
                env.put("PATH_TRANSLATED", translated);
            }
        }
        return env;
    }

    /**
     * {@code HTTP_*} for each request header, as Apache's {@code http2env}: letters upper-cased,
     * {@code -} turned into {@code _}, and a name holding anything else dropped (an {@code X_Y}
     * header could otherwise pose as {@code X-Y}). {@code Content-Type} and {@code Content-Length}
     * become the unprefixed RFC 3875 variables; {@code Proxy} is never passed (httpoxy,
     * CVE-2016-5387); credentials only with {@code CGIPassAuth On}.
     */
    static void addHeaderVariables(Map<String, String> env, Headers headers, boolean passAuth) {
        Map<String, String> joined = new LinkedHashMap<>();
        for (Headers.Field f : headers) {
            joined.merge(f.name().toLowerCase(Locale.ROOT), f.value(), (a, b) -> a + ", " + b);
        }
        for (Map.Entry<String, String> e : joined.entrySet()) {
            String name = e.getKey();
            switch (name) {
                case "content-type":
                    env.put("CONTENT_TYPE", e.getValue());
                    continue;
                case "content-length":
                    env.put("CONTENT_LENGTH", e.getValue());
                    continue;
                case "authorization":
                case "proxy-authorization":
                    if (!passAuth) {
                        continue;
                    }
                    break;
                case "proxy":
                    continue;
                default:
                    break;
            }
            String variable = variableName(name);
            if (variable != null) {
                env.put(variable, e.getValue());
            }
        }
    }

    /** {@code HTTP_} and the header name upper-cased with {@code -} as {@code _}, or null if it holds other characters. */
    static String variableName(String header) {
        StringBuilder sb = new StringBuilder(5 + header.length()).append("HTTP_");
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '-') {
                sb.append('_');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                sb.append(Character.toUpperCase(c));
            } else {
                return null;
            }
        }
        return sb.toString();
    }

    /** The request-target of the request line that started the redirect chain, as Apache's {@code original_uri}. */
    private static String originalUri(Request r) {
        if (r.isSubRequest()) {
            // Apache's original_uri reads the request line: an included script sees the client's target
            String[] words = r.requestLine().trim().split("\\s+");
            if (words.length >= 2) {
                return words[1];
            }
        }
        Request first = r;
        while (first.redirectedFrom() != null) {
            first = first.redirectedFrom();
        }
        return first.unparsedUri();
    }

    /** An IPv6 literal host in brackets, as in a URL. */
    private static String serverNameForUrl(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** {@code PATH_TRANSLATED}: the path info mapped to a file through a sub-request, plus its own extra path. */
    private static String translate(Request r, String pathInfo) {
        Request lookup = r.lookupUri(escapePath(pathInfo));
        if (lookup.filename() == null) {
            return null;
        }
        return lookup.filename() + lookup.pathInfo();
    }

    /** Percent-encodes what may not stand in a path as it is (Apache's {@code ap_escape_uri}). */
    private static String escapePath(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        byte[] bytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
