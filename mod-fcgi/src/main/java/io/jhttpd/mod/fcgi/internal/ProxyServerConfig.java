package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mod_proxy's per-server settings this module reads: the {@code ProxyPassMatch}/{@code ProxyPass}
 * routes, worker parameters by backend ({@code ProxySet} and route parameters), and
 * {@code ProxyTimeout}. A virtual host's routes come before the main server's.
 */
final class ProxyServerConfig {

    static final ConfigKey<ProxyServerConfig> KEY = ConfigKey.perServer("fcgi-proxy", ProxyServerConfig::new, ProxyServerConfig::merge);

    final List<ProxyRoute> routes = new ArrayList<>();
    /** Parameter lines per backend key, applied in order over the defaults. */
    final Map<String, List<String>> workerParams = new LinkedHashMap<>();
    Long timeoutMillis;

    private static ProxyServerConfig merge(ProxyServerConfig base, ProxyServerConfig add) {
        ProxyServerConfig m = new ProxyServerConfig();
        m.routes.addAll(add.routes);
        m.routes.addAll(base.routes);
        m.workerParams.putAll(base.workerParams);
        add.workerParams.forEach((k, v) -> m.workerParams.merge(k, v, (a, b) -> {
            List<String> both = new ArrayList<>(a);
            both.addAll(b);
            return both;
        }));
        m.timeoutMillis = add.timeoutMillis != null ? add.timeoutMillis : base.timeoutMillis;
        return m;
    }
}
