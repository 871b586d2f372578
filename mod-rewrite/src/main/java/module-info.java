/**
 * mod_rewrite and mod_alias: {@code RewriteRule}, {@code RewriteCond}, {@code RewriteMap},
 * {@code Alias}, {@code ScriptAlias}, {@code Redirect} and their {@code Match} forms, with
 * Apache's per-server and per-directory semantics.
 */
module io.jhttpd.mod.rewrite {
    requires io.jhttpd.api;
    requires org.slf4j;

    provides io.jhttpd.api.spi.HttpdModule with io.jhttpd.mod.rewrite.internal.RewriteModule;
}
