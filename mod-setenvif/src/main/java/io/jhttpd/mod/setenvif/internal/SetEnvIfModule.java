package io.jhttpd.mod.setenvif.internal;

import io.jhttpd.api.Directive;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.util.Set;

/**
 * Apache's mod_setenvif: {@code SetEnvIf}, {@code SetEnvIfNoCase}, {@code BrowserMatch} and
 * {@code BrowserMatchNoCase} set and unset request environment variables (what {@code %{VAR}e},
 * {@code CustomLog ... env=VAR} and CGI scripts see) from request attributes.
 *
 * <pre>
 * SetEnvIf Request_URI \.(gif|png)$ image-request
 * CustomLog logs/access_log common env=!image-request
 * BrowserMatchNoCase ^curl/(\d+) is_curl curl_major=$1
 * </pre>
 *
 * <h2>Message IDs</h2>
 * JH12001 a rule names no variable; JH12002 a regular expression does not compile (both
 * configuration errors).
 */
public final class SetEnvIfModule implements HttpdModule {

    /** Called by {@code ServiceLoader}. */
    public SetEnvIfModule() {
    }

    @Override
    public String name() {
        return "setenvif";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(EnvRules.SERVER);
        setup.config(EnvRules.DIRECTORY);
        for (Directive d : EnvRules.directives()) {
            setup.directive(d);
        }
        // Apache runs both at APR_HOOK_MIDDLE
        setup.hook(Phase.POST_READ_REQUEST, r -> apply(r, EnvRules.SERVER), HookOrder.MIDDLE);
        setup.hook(Phase.HEADER_PARSER, r -> apply(r, EnvRules.DIRECTORY), HookOrder.MIDDLE);
    }

    private static HookResult apply(Request r, io.jhttpd.api.ConfigKey<EnvRules> key) {
        EnvRules rules = r.config(key);
        if (rules != null && !rules.isEmpty()) {
            rules.apply(r);
        }
        return HookResult.declined();
    }
}
