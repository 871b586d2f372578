package io.jhttpd.kernel.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One address of a {@code <VirtualHost addr[:port]>}: a specific IP or a wildcard ({@code *},
 * {@code _default_}), and a port or any port ({@code *} or none).
 */
public record HostAddress(InetAddress ip, int port) {

    /** Parses {@code *:80}, {@code 127.0.0.1:8080}, {@code [::1]:80}, {@code _default_}, {@code *}. */
    public static HostAddress parse(String text) throws IllegalArgumentException {
        String host = text;
        int port = 0;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in " + text);
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (rest.startsWith(":")) {
                port = parsePort(rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("bad address " + text);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') == colon) {
                host = text.substring(0, colon);
                port = parsePort(text.substring(colon + 1));
            }
        }
        if (host.equals("*") || host.equalsIgnoreCase("_default_")) {
            return new HostAddress(null, port);
        }
        try {
            return new HostAddress(InetAddress.getByName(host), port);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host name " + host);
        }
    }

    private static int parsePort(String p) {
        if (p.equals("*")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(p);
            if (n < 1 || n > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port " + p);
        }
    }

    /** True for the wildcard address. */
    public boolean isWildcard() {
        return ip == null;
    }

    /** True if a connection to {@code local} is for this address (IP exactly, or wildcard). */
    public boolean matchesExactly(InetSocketAddress local) {
        return ip != null && ip.equals(local.getAddress()) && (port == 0 || port == local.getPort());
    }

    /** True if this is a wildcard address for {@code local}'s port (or any port). */
    public boolean matchesWildcard(InetSocketAddress local) {
        return ip == null && (port == 0 || port == local.getPort());
    }
}
