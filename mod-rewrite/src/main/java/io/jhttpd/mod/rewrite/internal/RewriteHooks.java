package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.HookResult;
import io.jhttpd.api.Option;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mod_rewrite's hooks: the server-context rules in the translate phase ({@code hook_uri2file}),
 * the directory-context rules in the fixups ({@code hook_fixup}) with the internal redirect that
 * re-runs the request, and the {@code T}/{@code H} flags.
 */
final class RewriteHooks {

    static final String REDIRECT_HANDLER = "redirect-handler";
    private static final String NOTE_REDIRECT = "mod_rewrite-redirect";
    private static final String NOTE_END = "mod_rewrite-end";
    private static final String NOTE_TYPE = "mod_rewrite-forced-type";
    private static final String NOTE_HANDLER = "mod_rewrite-forced-handler";
    private static final Logger LOG = LoggerFactory.getLogger("io.jhttpd.mod.rewrite");

    private RewriteHooks() {
    }

    /** Server (virtual host) context: runs in TRANSLATE_NAME before mod_alias. */
    static HookResult translate(Request r) {
        RewriteConfig conf = r.server().config(RewriteConfig.SERVER);
        if (!conf.engineOn() || conf.rules.isEmpty()) {
            return HookResult.declined();
        }
        String uri = r.uri();
        if (!uri.startsWith("/") && !conf.hasOption("allowanyuri")) {
            return HookResult.declined();
        }
        r.subprocessEnv().put("SCRIPT_URL", uri);
        r.subprocessEnv().put("SCRIPT_URI", r.absoluteUrl(uri));
        String originalQuery = r.queryString();
        RuleContext ctx = new RuleContext(r, null, conf.maps);
        ctx.filename = uri;
        RuleEngine.Outcome outcome = run(conf.rules, ctx);
        switch (outcome) {
            case UNCHANGED:
                return HookResult.declined();
            case STATUS:
                return HookResult.status(ctx.redirectStatus);
            case PASS_THROUGH:
                r.setUri(ctx.filename);
                r.setQueryString(ctx.query);
                if (RuleEngine.tracing()) {
                    RuleEngine.trace(ctx, "forcing '" + ctx.filename + "' to get passed through to next API URI-to-filename handler");
                }
                return HookResult.declined();
            default:
                break;
        }
        if (RuleEngine.isAbsoluteUrl(ctx.filename)) {
            return redirect(r, ctx, originalQuery);
        }
        if (!ctx.filename.startsWith("/")) {
            LOG.info("JH08008: rewritten URL '{}' is neither an absolute path nor a URL: {}", ctx.filename, r.requestLine());
            return HookResult.status(400);
        }
        r.setQueryString(ctx.query);
        RewriteRule last = ctx.lastSubstituting;
        boolean mayStat = last == null || last.substitutionStartsLiteral() || last.unsafePrefixStat || conf.hasOption("unsafeprefixstat");
        Path target;
        if (mayStat && firstSegmentExists(ctx.filename)) {
            target = Path.of(ctx.filename).normalize();
        } else {
            Path root = r.server().documentRoot();
            target = root.resolve(ctx.filename.substring(1)).normalize();
            if (!target.startsWith(root)) {
                LOG.error("JH08009: rewritten path {} climbs out of the document root: {}", ctx.filename, r.requestLine());
                return HookResult.status(403);
            }
        }
        if (RuleEngine.tracing()) {
            RuleEngine.trace(ctx, "go-ahead with " + target + " [OK]");
        }
        r.setFilename(target);
        return HookResult.ok();
    }

    /** Directory context: runs first in FIXUPS, once the directory's configuration is merged. */
    static HookResult fixup(Request r) {
        HookResult result = fixupRules(r);
        String type = r.notes().get(NOTE_TYPE);
        if (type != null) {
            r.setContentType(type);
        }
        String handler = r.notes().get(NOTE_HANDLER);
        if (handler != null && !REDIRECT_HANDLER.equals(r.handler())) {
            r.setHandler(handler);
        }
        return result;
    }

    private static HookResult fixupRules(Request r) {
        RewriteConfig dconf = r.config(RewriteConfig.DIRECTORY);
        if (dconf == null || !dconf.engineOn() || dconf.rules.isEmpty() || dconf.directory == null || r.filename() == null) {
            return HookResult.declined();
        }
        for (Request p = r; p != null; p = p.redirectedFrom()) {
            if (p.notes().containsKey(NOTE_END)) {
                return HookResult.declined();
            }
        }
        Set<Option> options = r.options();
        if (!options.contains(Option.FOLLOW_SYMLINKS) && !options.contains(Option.SYMLINKS_IF_OWNER_MATCH)) {
            LOG.error("JH08010: Options FollowSymLinks and SymLinksIfOwnerMatch are both off, so the RewriteRule directive "
                    + "is also forbidden due to its similar ability to circumvent directory restrictions : {}", r.filename());
            return HookResult.status(403);
        }
        String filename = r.filename().toString();
        String dir = dconf.directory;
        boolean isDirectory = r.fileAttributes() != null && r.fileAttributes().isDirectory();
        if (isDirectory && r.uri().endsWith("/") && !filename.endsWith("/")) {
            // Apache's directory walk keeps the slash of /dir/ in the file name
            filename = filename + "/";
        }
        if (!dconf.hasOption("allownoslash") && filename.length() == dir.length() - 1 && dir.startsWith(filename)) {
            // /dir without its slash: let mod_dir redirect first
            return HookResult.declined();
        }
        RewriteConfig sconf = r.server().config(RewriteConfig.SERVER);
        String originalQuery = r.queryString();
        RuleContext ctx = new RuleContext(r, dir, sconf.maps);
        ctx.filename = filename;
        ctx.pathInfo = r.pathInfo();
        RuleEngine.Outcome outcome = run(dconf.rules, ctx);
        if (outcome == RuleEngine.Outcome.UNCHANGED) {
            return HookResult.declined();
        }
        if (outcome == RuleEngine.Outcome.STATUS) {
            return HookResult.status(ctx.redirectStatus);
        }
        if (RuleEngine.isAbsoluteUrl(ctx.filename)) {
            if (dconf.base != null) {
                int hostEnd = ctx.filename.indexOf('/', ctx.filename.indexOf("//") + 2);
                if (hostEnd > 0) {
                    ctx.filename = ctx.filename.substring(0, hostEnd) + replacePrefix(ctx.filename.substring(hostEnd), dir, dconf.base);
                }
            }
            return redirect(r, ctx, originalQuery);
        }
        String target = ctx.filename;
        if (!target.startsWith("/")) {
            return HookResult.status(400);
        }
        if (target.equals(filename)) {
            if (RuleEngine.tracing()) {
                RuleEngine.trace(ctx, "initial URL equal rewritten URL: " + target + " [IGNORING REWRITE]");
            }
            return HookResult.declined();
        }
        if (dconf.base != null) {
            target = replacePrefix(target, dir, dconf.base);
        } else {
            // the context's document root (DocumentRoot, or an Alias's directory) becomes its URL prefix (2.4.16+)
            String root = ServerVariables.lookup("CONTEXT_DOCUMENT_ROOT", ctx);
            String prefix = dconf.hasOption("ignorecontextinfo") ? "" : ServerVariables.lookup("CONTEXT_PREFIX", ctx);
            if (prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            if (root.endsWith("/")) {
                root = root.substring(0, root.length() - 1);
            }
            if (target.startsWith(root + "/") || target.equals(root)) {
                String stripped = prefix + target.substring(root.length());
                if (RuleEngine.tracing()) {
                    RuleEngine.trace(ctx, "strip document_root prefix: " + target + " -> " + stripped);
                }
                target = stripped;
            }
        }
        if (target.isEmpty()) {
            target = "/";
        }
        if (RuleEngine.tracing()) {
            RuleEngine.trace(ctx, "internal redirect with " + target + " [INTERNAL REDIRECT]");
        }
        r.notes().put(NOTE_REDIRECT, ctx.query != null ? target + "?" + ctx.query : target);
        // the file attributes stay: as in Apache, mod_dir's fixup still sees a directory (and may redirect /dir to /dir/)
        r.setHandler(REDIRECT_HANDLER);
        return HookResult.ok();
    }

    /** Apache's {@code subst_prefix_path}: {@code dir}'s part of {@code path} becomes {@code base}. */
    static String replacePrefix(String path, String dir, String base) {
        if (!path.startsWith(dir)) {
            return path;
        }
        String b = base.endsWith("/") ? base : base + "/";
        return b + path.substring(dir.length());
    }

    /** The handler of a directory-context rewrite: re-runs the request for its new URL. */
    static HookResult handler(Request r) throws IOException {
        if (!REDIRECT_HANDLER.equals(r.handler())) {
            return HookResult.declined();
        }
        String target = r.notes().get(NOTE_REDIRECT);
        if (target == null) {
            return HookResult.declined();
        }
        r.internalRedirect(target);
        return HookResult.ok();
    }

    private static HookResult redirect(Request r, RuleContext ctx, String originalQuery) {
        String url = ctx.filename;
        if (!ctx.noEscape) {
            url = escapeAbsolute(url);
        }
        if (ctx.query != null) {
            boolean keep = ctx.noEscape || ctx.query.equals(originalQuery);
            url = url + "?" + (keep ? ctx.query : UrlEscape.escapeUri(ctx.query));
        }
        int status = ctx.redirectStatus >= 300 && ctx.redirectStatus < 400 ? ctx.redirectStatus : 302;
        if (RuleEngine.tracing()) {
            RuleEngine.trace(ctx, "redirect to " + url + " [REDIRECT/" + status + "]");
        }
        r.headersOut().set("Location", url);
        return HookResult.status(status);
    }

    /** Escapes the path of {@code scheme://host/path}, leaving scheme and host alone ({@code escape_absolute_uri}). */
    private static String escapeAbsolute(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int slash = url.indexOf('/', schemeEnd + 3);
        if (slash < 0) {
            return url;
        }
        return url.substring(0, slash) + UrlEscape.escapeUri(url.substring(slash));
    }

    /**
     * Applies {@code rules} to {@code ctx} (its file name set by the caller, the query taken from
     * the request), and leaves notes for what later phases and rounds must know: T, H and END
     * (which in server context also spares the request its directory rules).
     */
    private static RuleEngine.Outcome run(java.util.List<RewriteRule> rules, RuleContext ctx) {
        Request r = ctx.request;
        ctx.query = r.queryString();
        RuleEngine.Outcome outcome = RuleEngine.apply(rules, ctx);
        remember(r, ctx);
        if (ctx.end) {
            r.notes().put(NOTE_END, "1");
        }
        return outcome;
    }

    private static void remember(Request r, RuleContext ctx) {
        if (ctx.forcedType != null) {
            r.notes().put(NOTE_TYPE, ctx.forcedType);
        }
        if (ctx.forcedHandler != null) {
            r.notes().put(NOTE_HANDLER, ctx.forcedHandler);
        }
    }

    private static boolean firstSegmentExists(String path) {
        int next = path.indexOf('/', 1);
        String first = next < 0 ? path : path.substring(0, next);
        return first.length() > 1 && Files.exists(Path.of(first));
    }
}
