package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.CgiEnvironment;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mod_proxy_fcgi: requests routed by {@code ProxyPassMatch}/{@code ProxyPass} (translate phase) or
 * given a {@code proxy:fcgi://...} / {@code proxy:unix:...|fcgi://...} handler ({@code SetHandler})
 * are answered by a FastCGI backend through a {@link BackendPool} per backend.
 *
 * <p>With the handler form the usual URL-to-file mapping has run, so {@code SCRIPT_FILENAME} is
 * the file and {@code PATH_INFO} the rest of the path. With a route, {@code SCRIPT_FILENAME} is the
 * route's target path, with Apache's {@code proxy:fcgi://host:port} prefix for
 * {@code ProxyFCGIBackendType FPM} (php-fpm strips it and splits off the path info itself).
 */
final class ProxyFcgiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyFcgiHandler.class);

    /** The note a route leaves for the handler: the backend URL the request goes to. */
    static final String TARGET_NOTE = "proxy-fcgi-target";

    private final Map<String, BackendPool> pools = new ConcurrentHashMap<>();
    private final Map<String, BackendAddress> addresses = new ConcurrentHashMap<>();

    /** TRANSLATE_NAME: the first route matching the URI claims the request. */
    HookResult translate(Request r) {
        ProxyServerConfig cfg = r.config(ProxyServerConfig.KEY);
        for (ProxyRoute route : cfg.routes) {
            String target = route.target(r.uri());
            if (target == null) {
                continue;
            }
            if (route.isExclusion()) {
                return HookResult.declined();
            }
            r.notes().put(TARGET_NOTE, target);
            r.setFilename(Path.of("proxy:" + target));
            r.setHandler("proxy-server");
            return HookResult.ok();
        }
        return HookResult.declined();
    }

    /** MAP_TO_STORAGE: a routed request has no file, so no {@code <Directory>} walk (as Apache's proxy_map_location). */
    HookResult mapToStorage(Request r) {
        return r.notes().containsKey(TARGET_NOTE) ? HookResult.ok() : HookResult.declined();
    }

    /** HANDLER. */
    HookResult handle(Request r) throws IOException {
        String target = r.notes().get(TARGET_NOTE);
        boolean routed = target != null;
        if (!routed) {
            String handler = r.handler();
            if (handler == null || !handler.regionMatches(true, 0, "proxy:", 0, 6)) {
                return HookResult.declined();
            }
            target = handler.substring(6);
            if (!isFcgiUrl(target)) {
                return HookResult.declined();
            }
        }
        BackendAddress address;
        try {
            address = address(target);
        } catch (ConfigException e) {
            LOG.error("JH10009: bad FastCGI backend URL for {}: {}", r.uri(), e.getMessage());
            return HookResult.status(500);
        }
        Map<String, String> params = CgiEnvironment.standardVariables(r);
        FcgiDirConfig dir = r.config(FcgiDirConfig.KEY);
        if (routed) {
            String path = address.path();
            params.put("SCRIPT_FILENAME", dir.backendTypeOrDefault() == FcgiDirConfig.BackendType.FPM ? address.prefix() + path : path);
            params.put("SCRIPT_NAME", r.uri());
            params.remove("PATH_INFO");
            params.remove("PATH_TRANSLATED");
        }
        for (SetEnvRule rule : dir.setEnvRules) {
            rule.apply(params);
        }
        BackendPool pool = pools.computeIfAbsent(address.key(), k -> new BackendPool(address, workerParams(r, address)));
        return FcgiRequest.run(r, params, address.key(), pool);
    }

    private static boolean isFcgiUrl(String url) {
        return url.regionMatches(true, 0, "fcgi://", 0, 7)
                || (url.regionMatches(true, 0, "unix:", 0, 5) && url.toLowerCase(java.util.Locale.ROOT).contains("|fcgi://"));
    }

    private BackendAddress address(String url) throws ConfigException {
        BackendAddress a = addresses.get(url);
        if (a == null) {
            a = BackendAddress.parse(url);
            if (addresses.size() < 10_000) {
                addresses.put(url, a);
            }
        }
        return a;
    }

    private static WorkerParams workerParams(Request r, BackendAddress address) {
        ProxyServerConfig cfg = r.config(ProxyServerConfig.KEY);
        WorkerParams p = WorkerParams.DEFAULTS;
        if (cfg.timeoutMillis != null) {
            p = p.withDefaultTimeouts(cfg.timeoutMillis, cfg.timeoutMillis);
        }
        for (String line : cfg.workerParams.getOrDefault(address.key(), List.of())) {
            try {
                p = p.with(line);
            } catch (ConfigException e) {
                // checked when the directive was read
                throw new IllegalStateException(e);
            }
        }
        return p;
    }

    /** Closes the pooled connections (server stop). */
    void close() {
        pools.values().forEach(BackendPool::close);
    }
}
