package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import io.jhttpd.api.RequestHook;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * mod_dir's fixup for requests that map to a directory (Apache's {@code fixup_dir}).
 *
 * <ul>
 * <li>{@code /dir} (no trailing slash) with {@code DirectorySlash On} → {@code 301} to
 *     {@code http://host:port/dir/} plus the query. Browsers resolve relative links in the index
 *     page against the URL, so it must end with a slash. Non-GET requests are redirected too,
 *     unless the environment has {@code redirect-carefully}.</li>
 * <li>{@code /dir/} → each {@code DirectoryIndex} name is looked up with a sub-request
 *     (relative names against the directory, absolute ones as they are, the query kept); the first
 *     that maps to a regular file is served by an internal redirect. A sub-request that answers
 *     with a redirect is passed on; one that fails with something other than 404 makes the
 *     request fail with that status if no name succeeds, so that an error never falls through to a
 *     listing.</li>
 * <li>Otherwise it declines; the default handler answers 403 for the directory. A sub-request
 *     for {@code /dir/} also declines: it is looked up, never redirected.</li>
 * <li>A request for nothing on disk, with no handler set, goes to the {@code FallbackResource}
 *     (Apache's {@code fixup_dflt}): looked up with the query kept, served by an internal redirect
 *     if it is a regular file, its error status if the lookup fails. The script there sees the
 *     client's URL in {@code REQUEST_URI}, as a front controller expects.</li>
 * </ul>
 *
 * <p>URIs given to {@link Request#lookupUri} and {@link Request#internalRedirect} are
 * percent-encoded ({@link PathEscape}), as request targets are.
 */
final class DirectoryFixup implements RequestHook {

    @Override
    public HookResult run(Request r) throws IOException {
        BasicFileAttributes attributes = r.fileAttributes();
        if (attributes == null && r.handler() == null && r.filename() != null) {
            return fallback(r);
        }
        if (attributes == null || !attributes.isDirectory()) {
            return HookResult.declined();
        }
        String pathInfo = r.pathInfo();
        if (pathInfo != null && !pathInfo.isEmpty()) {
            return HookResult.declined();
        }
        DirConfig config = r.config(DirConfig.KEY);
        String uri = r.uri();
        String query = r.queryString();

        if (uri.isEmpty() || uri.charAt(uri.length() - 1) != '/') {
            if (!config.directorySlash()) {
                return HookResult.declined();
            }
            if (!"GET".equals(r.method()) && !r.isHead() && r.subprocessEnv().containsKey("redirect-carefully")) {
                return HookResult.declined();
            }
            String target = PathEscape.escape(uri) + (query != null ? "/?" + query : "/");
            r.headersOut().set("Location", r.absoluteUrl(target));
            return HookResult.status(301);
        }

        if (r.isSubRequest()) {
            // Apache turns a sub-request into its index in place (fast redirect); the api cannot,
            // and an internal redirect would answer the client from inside a lookup.
            return HookResult.declined();
        }
        List<String> names = config.indexNames();
        String directory = PathEscape.escape(uri);
        int error = 0;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String target = (name.startsWith("/") ? name : directory + name) + (query != null ? "?" + query : "");
            Request sub = r.lookupUri(target);
            int status = sub.status();
            BasicFileAttributes found = sub.fileAttributes();
            if (status == 200 && ((found != null && found.isRegularFile()) || "proxy-server".equals(sub.handler()))) {
                r.internalRedirect(target);
                return HookResult.done();
            }
            boolean last = i == names.size() - 1;
            if ((status >= 300 && status < 400) || (last && (status == 406 || status == 401))) {
                r.notes().putAll(sub.notes());
                r.headersOut().addAll(sub.headersOut());
                r.errHeadersOut().addAll(sub.errHeadersOut());
                return HookResult.status(status);
            }
            if (status != 0 && status != 200 && status != 404) {
                error = status;
            }
        }
        if (error != 0) {
            return HookResult.status(error);
        }
        // mod_autoindex reads this to say what was tried.
        r.notes().put("dir-index-names", String.join(",", names));
        return HookResult.declined();
    }

    private static HookResult fallback(Request r) throws IOException {
        String fallback = r.config(DirConfig.KEY).fallback();
        if (fallback == null || r.isSubRequest()) {
            return HookResult.declined();
        }
        String target = fallback + (r.queryString() != null ? "?" + r.queryString() : "");
        Request sub = r.lookupUri(target);
        BasicFileAttributes found = sub.fileAttributes();
        if (sub.status() == 200 && ((found != null && found.isRegularFile()) || "proxy-server".equals(sub.handler()))) {
            r.internalRedirect(target);
            return HookResult.done();
        }
        return sub.status() >= 400 ? HookResult.status(sub.status()) : HookResult.declined();
    }
}
