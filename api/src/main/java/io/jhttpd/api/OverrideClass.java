package io.jhttpd.api;

/** The {@code AllowOverride} class a directive belongs to when used in {@code .htaccess}. */
public enum OverrideClass {
    /** {@code AuthConfig}. */
    AUTH_CONFIG,
    /** {@code FileInfo}: document types, handlers, rewrite rules, error documents. */
    FILE_INFO,
    /** {@code Indexes}: directory indexing. */
    INDEXES,
    /** {@code Limit}: host access. */
    LIMIT,
    /** {@code Options}. */
    OPTIONS,
    /** Any class: allowed whenever {@code AllowOverride} permits something (Apache's {@code OR_ALL}). */
    ANY
}
