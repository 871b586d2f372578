package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.ConfigException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;

/**
 * Where a FastCGI backend listens and the path part of its URL, parsed from Apache's forms:
 * {@code fcgi://127.0.0.1:9000/srv/app/}, {@code unix:/run/php.sock|fcgi://localhost/srv/app/}.
 * The host of a {@code unix:} URL is a label only.
 *
 * @param key    the worker's name, which {@code ProxySet} and {@code ProxyPassMatch} parameters attach to
 * @param prefix what Apache keeps before the path in {@code SCRIPT_FILENAME} for php-fpm: {@code proxy:fcgi://host:port}
 * @param path   the URL's path ({@code /srv/app/}, empty if none)
 */
record BackendAddress(String key, SocketAddress socket, String prefix, String path) {

    /** Parses {@code url}; anything but the two fcgi forms is a {@link ConfigException}. */
    static BackendAddress parse(String url) throws ConfigException {
        String rest = url;
        String unixPath = null;
        if (rest.regionMatches(true, 0, "unix:", 0, 5)) {
            int bar = rest.indexOf('|');
            if (bar < 0) {
                throw new ConfigException("'" + url + "': a unix: backend needs '|fcgi://host/' after the socket path");
            }
            unixPath = rest.substring(5, bar);
            if (unixPath.isEmpty() || unixPath.charAt(0) != '/') {
                throw new ConfigException("'" + url + "': the unix: socket path must be absolute");
            }
            rest = rest.substring(bar + 1);
        }
        if (!rest.regionMatches(true, 0, "fcgi://", 0, 7)) {
            throw new ConfigException("'" + url + "' is not a FastCGI URL (expected fcgi://host:port/ or unix:/path|fcgi://host/)");
        }
        String authorityAndPath = rest.substring(7);
        int slash = authorityAndPath.indexOf('/');
        String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
        String path = slash < 0 ? "" : authorityAndPath.substring(slash);
        String host = authority;
        int port = 8000; // mod_proxy_fcgi's default port
        int colon = authority.lastIndexOf(':');
        if (colon >= 0 && authority.indexOf(']', colon) < 0) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException("'" + url + "': bad port '" + authority.substring(colon + 1) + "'");
            }
            if (port < 1 || port > 65535) {
                throw new ConfigException("'" + url + "': port " + port + " out of range");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new ConfigException("'" + url + "': no host");
        }
        String prefix = "proxy:fcgi://" + authority;
        if (unixPath != null) {
            return new BackendAddress("unix:" + unixPath, UnixDomainSocketAddress.of(unixPath), prefix, path);
        }
        String key = "fcgi://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        return new BackendAddress(key, InetSocketAddress.createUnresolved(host, port), prefix, path);
    }

    /** The address to connect to, resolving a host name now (it may change while the server runs). */
    SocketAddress resolved() {
        if (socket instanceof InetSocketAddress inet && inet.isUnresolved()) {
            return new InetSocketAddress(inet.getHostString(), inet.getPort());
        }
        return socket;
    }
}
