package io.jhttpd.api;

import java.nio.file.Path;
import java.util.List;

/** A (virtual) server: the main server or one {@code <VirtualHost>} (Apache's {@code server_rec}). */
public interface Server {
    /** {@code ServerName} without port (or the machine's name if unset). */
    String serverName();

    /** {@code ServerAlias} names. */
    List<String> serverAliases();

    /** The port from {@code ServerName host:port}, or 0 if {@code ServerName} names none. */
    int port();

    /** {@code ServerAdmin}. */
    String serverAdmin();

    /** {@code DocumentRoot}. */
    Path documentRoot();

    /** {@code ServerRoot}: relative paths in the configuration resolve against it. */
    Path serverRoot();

    /** True for a {@code <VirtualHost>}, false for the main server. */
    boolean isVirtual();

    /** A module's per-server configuration for this server. */
    <T> T config(ConfigKey<T> key);

    /** The {@code Server} response header value (per {@code ServerTokens}), e.g. {@code jhttpd/0.1.0 (Unix)}. */
    String softwareName();

    /** {@code Timeout}: how long one wait for client or script I/O may last, in milliseconds (Apache's default 60 s). */
    default long timeoutMillis() {
        return 60_000;
    }
}
