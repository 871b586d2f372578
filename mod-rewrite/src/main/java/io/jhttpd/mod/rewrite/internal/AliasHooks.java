package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import java.nio.file.Path;
import java.util.List;

/** mod_alias's translate hook (redirects first, then aliases) and its fixup for directory-level redirects. */
final class AliasHooks {

    /** The handler {@code ScriptAlias} gives what it maps (mod_cgi's). */
    static final String CGI_HANDLER = "cgi-script";
    /** Notes for Apache's context info ({@code ap_set_context_info}): the URL prefix and the directory it maps to. */
    /** Apache's note saying {@code ScriptAlias} mapped the request: its value is the handler, {@code cgi-script}. */
    static final String NOTE_FORCED_TYPE = "alias-forced-type";
    static final String NOTE_CONTEXT_PREFIX = "mod_alias-context-prefix";
    static final String NOTE_CONTEXT_ROOT = "mod_alias-context-document-root";

    private AliasHooks() {
    }

    static HookResult translate(Request r) {
        String uri = r.uri();
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return HookResult.declined();
        }
        AliasConfig conf = r.server().config(AliasConfig.SERVER);
        HookResult redirect = redirect(r, conf.redirects);
        if (redirect != null) {
            return redirect;
        }
        for (AliasConfig.Entry e : conf.aliases) {
            String target = e.map(uri);
            if (target != null) {
                r.setFilename(Path.of(target));
                if (e.regex() == null) {
                    r.notes().put(NOTE_CONTEXT_PREFIX, e.fake());
                    r.notes().put(NOTE_CONTEXT_ROOT, e.real());
                }
                if (e.handler() != null) {
                    r.setHandler(e.handler());
                    // as Apache's mod_alias: mod_cgi runs scripts here without Options ExecCGI when it sees this note
                    r.notes().put(NOTE_FORCED_TYPE, e.handler());
                }
                return HookResult.ok();
            }
        }
        return HookResult.declined();
    }

    static HookResult fixup(Request r) {
        AliasConfig conf = r.config(AliasConfig.DIRECTORY);
        if (conf == null || conf.redirects.isEmpty()) {
            return HookResult.declined();
        }
        HookResult redirect = redirect(r, conf.redirects);
        return redirect != null ? redirect : HookResult.declined();
    }

    private static HookResult redirect(Request r, List<AliasConfig.Entry> redirects) {
        for (AliasConfig.Entry e : redirects) {
            String target = e.map(r.uri());
            if (target == null) {
                continue;
            }
            if (e.status() < 300 || e.status() >= 400) {
                return HookResult.status(e.status());
            }
            if (e.regex() != null) {
                target = escapeKeepingQuery(target);
            }
            if (target.startsWith("/")) {
                target = r.absoluteUrl(target);
            }
            if (r.queryString() != null && target.indexOf('?') < 0) {
                target = target + "?" + r.queryString();
            }
            r.headersOut().set("Location", target);
            return HookResult.status(e.status());
        }
        return null;
    }

    /** RedirectMatch's target is escaped up to its query or fragment, as Apache does. */
    private static String escapeKeepingQuery(String target) {
        int cut = target.length();
        int q = target.indexOf('?');
        int f = target.indexOf('#');
        if (q >= 0) {
            cut = q;
        }
        if (f >= 0 && f < cut) {
            cut = f;
        }
        return UrlEscape.escapeUri(target.substring(0, cut)) + target.substring(cut);
    }
}
