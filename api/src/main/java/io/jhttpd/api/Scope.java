package io.jhttpd.api;

import java.util.EnumSet;
import java.util.Set;

/** Where in the configuration a directive may appear (Apache's {@code RSRC_CONF}, {@code ACCESS_CONF}, {@code OR_*}). */
public enum Scope {
    /** The main server's part of {@code httpd.conf}. */
    SERVER,
    /** Inside {@code <VirtualHost>}. */
    VIRTUAL_HOST,
    /** Inside {@code <Directory>}, {@code <Location>}, {@code <Files>} and their {@code Match} forms. */
    DIRECTORY,
    /** In {@code .htaccess} files, when {@code AllowOverride} permits the directive's {@link OverrideClass}. */
    HTACCESS;

    /** Server and virtual host ({@code RSRC_CONF}). */
    public static final Set<Scope> SERVER_CONFIG = EnumSet.of(SERVER, VIRTUAL_HOST);
    /** Server, virtual host and directory sections ({@code RSRC_CONF|ACCESS_CONF}). */
    public static final Set<Scope> ANY_SECTION = EnumSet.of(SERVER, VIRTUAL_HOST, DIRECTORY);
    /** Everywhere, {@code .htaccess} included (subject to {@code AllowOverride}). */
    public static final Set<Scope> EVERYWHERE = EnumSet.allOf(Scope.class);
}
