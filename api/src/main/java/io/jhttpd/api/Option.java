package io.jhttpd.api;

/** Values of the {@code Options} directive, per directory. */
public enum Option {
    /** {@code Indexes}: list a directory that has no index file. */
    INDEXES,
    /** {@code Includes}: server-side includes, with {@code exec}. */
    INCLUDES,
    /** {@code IncludesNOEXEC}: server-side includes without {@code exec}. */
    INCLUDES_NOEXEC,
    /** {@code FollowSymLinks}: follow symbolic links on the way to a file. */
    FOLLOW_SYMLINKS,
    /** {@code SymLinksIfOwnerMatch}: follow a link only if it and its target have the same owner. */
    SYMLINKS_IF_OWNER_MATCH,
    /** {@code ExecCGI}: CGI scripts may run. */
    EXEC_CGI,
    /** {@code MultiViews}: content negotiation. */
    MULTIVIEWS
}
