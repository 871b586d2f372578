package io.jhttpd.api;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
 * {@code Authorization}/{@code Proxy-Authorization} only when {@code passAuth} is set
 * (Apache's {@code CGIPassAuth}). As in Apache, {@link Request#subprocessEnv()} (what {@code SetEnv},
 * {@code SetEnvIf} and an internal redirect's {@code REDIRECT_*} left) comes first and the
 * request's own variables override it, except {@code PATH}, which {@code SetEnv} may choose.
 * {@code PATH_TRANSLATED} maps the path info through a sub-request; {@code CONTEXT_PREFIX} and
 * {@code CONTEXT_DOCUMENT_ROOT} come from the notes {@code context-prefix} and
 * {@code context-document-root} an alias leaves, {@code AUTH_TYPE} from the note {@code auth-type}.
 */
public final class CgiEnvironment {

    /** Apache's default when the server's own environment has no PATH. */
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private CgiEnvironment() {
    }

    /** The standard variables of {@code r}, without {@code Authorization} headers, over this process's environment. */
    public static Map<String, String> standardVariables(Request r) {
        return standardVariables(r, System.getenv(), false);
    }

    /**
     * The standard variables of {@code r} in a new mutable map, from {@code serverEnvironment} (only
     * {@code PATH} and {@code LD_LIBRARY_PATH} are taken from it); with {@code passAuth} (Apache's
     * {@code CGIPassAuth}) {@code HTTP_AUTHORIZATION} and {@code HTTP_PROXY_AUTHORIZATION} too.
     */
    public static Map<String, String> standardVariables(Request r, Map<String, String> serverEnvironment, boolean passAuth) {
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
        env.put("SERVER_NAME", serverNameForUrl(r.hostname() != null ? r.hostname() : r.server().serverName()));
        InetSocketAddress remote = r.connection().remoteAddress();
        env.put("SERVER_ADDR", r.connection().localIp());
        env.put("SERVER_PORT", Integer.toString(r.serverPort()));
        env.put("REMOTE_ADDR", r.connection().remoteIp());
        env.put("REMOTE_PORT", Integer.toString(remote.getPort()));
        Path docRoot = r.server().documentRoot();
        String documentRoot = docRoot == null ? "" : docRoot.toString();
        env.put("DOCUMENT_ROOT", documentRoot);
        env.put("REQUEST_SCHEME", "http");
        // what an Alias sets as the request's context (Apache's ap_set_context_info); none: the document root
        env.put("CONTEXT_PREFIX", r.notes().getOrDefault("context-prefix", ""));
        env.put("CONTEXT_DOCUMENT_ROOT", r.notes().getOrDefault("context-document-root", documentRoot));
        env.put("SERVER_ADMIN", r.server().serverAdmin() == null ? "" : r.server().serverAdmin());
        if (r.filename() != null) {
            env.put("SCRIPT_FILENAME", r.filename().toString());
        }
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
    private static void addHeaderVariables(Map<String, String> env, Headers headers, boolean passAuth) {
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
            String variable = headerVariable(name, passAuth);
            if (variable != null) {
                env.put(variable, e.getValue());
            }
        }
    }

    /**
     * The CGI variable for request header {@code header} ({@code User-Agent} → {@code HTTP_USER_AGENT}),
     * or {@code null} if the header is not passed as one: names with characters other than letters,
     * digits and {@code -}, {@code Proxy}, {@code Content-Type} and {@code Content-Length} (they have
     * their own variables), and the authorization headers unless {@code passAuth}.
     */
    public static String headerVariable(String header, boolean passAuth) {
        if (header.equalsIgnoreCase("Content-Type") || header.equalsIgnoreCase("Content-Length") || header.equalsIgnoreCase("Proxy")
                || (!passAuth && (header.equalsIgnoreCase("Authorization") || header.equalsIgnoreCase("Proxy-Authorization")))) {
            return null;
        }
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
