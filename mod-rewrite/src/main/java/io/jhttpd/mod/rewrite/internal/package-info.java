/**
 * mod_rewrite and mod_alias as Apache httpd 2.4 has them. Not exported; the kernel finds
 * {@link io.jhttpd.mod.rewrite.internal.RewriteModule} through {@code ServiceLoader}.
 *
 * <h2>Regular expressions</h2>
 * Apache uses PCRE; {@link io.jhttpd.mod.rewrite.internal.PcrePattern} translates the differences
 * real rules hit ({@code $} is end-only, POSIX classes, {@code (?P<name>)}) and rejects what Java
 * cannot do (recursion, conditionals, verbs, {@code \K}) with a configuration error.
 *
 * <h2>Not supported</h2>
 * {@code [P]} (no proxy module exists: a configuration error), {@code RewriteMap} types
 * {@code dbm}, {@code dbd}, {@code fastdbd} (configuration error), {@code RewriteCond expr}
 * (configuration error).
 *
 * <h2>Message IDs</h2>
 * <table>
 * <caption>mod-rewrite message IDs</caption>
 * <tr><td>JH08003</td><td>a txt/rnd map file cannot be read</td></tr>
 * <tr><td>JH08004</td><td>a prg map's program failed; it is restarted</td></tr>
 * <tr><td>JH08005</td><td>unsafe URL with %3f rewritten without UnsafeAllow3F (AH10508): 403</td></tr>
 * <tr><td>JH08006</td><td>[N] loop limit reached (AH02596): 500</td></tr>
 * <tr><td>JH08007</td><td>a bad CO= cookie flag</td></tr>
 * <tr><td>JH08008</td><td>a rewritten URL that is neither a path nor a URL: 400</td></tr>
 * <tr><td>JH08009</td><td>a rewritten path climbs out of the document root: 403</td></tr>
 * <tr><td>JH08010</td><td>directory rules without FollowSymLinks/SymLinksIfOwnerMatch (AH00670): 403</td></tr>
 * </table>
 */
package io.jhttpd.mod.rewrite.internal;
