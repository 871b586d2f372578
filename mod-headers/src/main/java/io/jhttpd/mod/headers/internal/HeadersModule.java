package io.jhttpd.mod.headers.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.io.IOException;
import java.util.List;

/**
 * Apache's mod_headers: {@code Header} changes the response's headers, {@code RequestHeader} the
 * request's, with Apache's actions ({@code set append add merge setifempty unset edit edit*}, and
 * for responses {@code echo note}), format specifiers ({@code %t %D %{VAR}e}) and conditions
 * ({@code env=[!]VAR}, {@code expr=...}, {@code early}).
 *
 * <pre>
 * Header always set X-Frame-Options DENY
 * Header set Cache-Control "max-age=3600" "expr=%{REQUEST_URI} =~ m#^/static/#"
 * RequestHeader unset Proxy early
 * Header edit Set-Cookie ^(.*)$ "$1; HttpOnly"
 * </pre>
 *
 * When, as in Apache: {@code early} rules when the request has been read; {@code RequestHeader}
 * last among the fixups (so a CGI script sees the result); {@code Header} when the response's
 * first bytes pass ({@code FIXUP_HEADERS_OUT}). The server's own error pages get only the
 * {@code always} rules ({@code FIXUP_HEADERS_ERR}); a response a handler made, whatever its
 * status, gets both.
 */
public final class HeadersModule implements HttpdModule {

    /** Called by {@code ServiceLoader}. */
    public HeadersModule() {
    }

    @Override
    public String name() {
        return "headers";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(HeaderRules.KEY);
        setup.directive(Directive.of("Header", ArgShape.ONE_OR_MORE, Scope.EVERYWHERE, (c, a) -> add(c, a, false))
                .override(OverrideClass.FILE_INFO)
                .help("an optional condition, an action, header and value followed by optional env clause"));
        setup.directive(Directive.of("RequestHeader", ArgShape.ONE_OR_MORE, Scope.EVERYWHERE, (c, a) -> add(c, a, true))
                .override(OverrideClass.FILE_INFO)
                .help("an action, header and value followed by optional env clause"));
        setup.outputFilter("FIXUP_HEADERS_OUT", FilterType.CONTENT_SET, r -> new Fixup(false));
        setup.outputFilter("FIXUP_HEADERS_ERR", FilterType.CONTENT_SET, r -> new Fixup(true));
        setup.hook(Phase.POST_READ_REQUEST, HeadersModule::early, HookOrder.FIRST);
        setup.hook(Phase.FIXUPS, HeadersModule::requestHeaders, HookOrder.LAST);
        setup.hook(Phase.INSERT_FILTER, r -> insert(r, "FIXUP_HEADERS_OUT", false), HookOrder.MIDDLE);
        setup.hook(Phase.INSERT_ERROR_FILTER, r -> insert(r, "FIXUP_HEADERS_ERR", true), HookOrder.MIDDLE);
    }

    private static void add(DirectiveContext c, List<String> args, boolean request) throws ConfigException {
        c.config(HeaderRules.KEY).rules.add(HeaderRule.parse(c.directiveName(), request, args, c.scope()));
    }

    private static HookResult early(Request r) {
        HeaderRules rules = r.config(HeaderRules.KEY);
        if (rules != null && !rules.rules.isEmpty()) {
            rules.apply(r, HeaderRule.Table.REQUEST, true, r.headersIn());
            rules.apply(r, HeaderRule.Table.ALWAYS, true, r.errHeadersOut());
            rules.apply(r, HeaderRule.Table.RESPONSE, true, r.headersOut());
        }
        return HookResult.declined();
    }

    private static HookResult requestHeaders(Request r) {
        HeaderRules rules = r.config(HeaderRules.KEY);
        if (rules != null && rules.has(HeaderRule.Table.REQUEST, false)) {
            rules.apply(r, HeaderRule.Table.REQUEST, false, r.headersIn());
        }
        return HookResult.declined();
    }

    private static HookResult insert(Request r, String filter, boolean errorPage) {
        HeaderRules rules = r.config(HeaderRules.KEY);
        if (rules != null && (rules.has(HeaderRule.Table.ALWAYS, false) || !errorPage && rules.has(HeaderRule.Table.RESPONSE, false))) {
            r.addOutputFilter(filter);
        }
        return HookResult.declined();
    }

    /** Applies the rules once, as the response's first brigade passes, then leaves the chain. */
    private static final class Fixup implements OutputFilter {
        private final boolean errorPage;

        Fixup(boolean errorPage) {
            this.errorPage = errorPage;
        }

        @Override
        public void filter(Brigade brigade, Next next) throws IOException {
            Request r = next.request();
            HeaderRules rules = r.config(HeaderRules.KEY);
            if (rules != null) {
                rules.apply(r, HeaderRule.Table.ALWAYS, false, r.errHeadersOut());
                if (!errorPage) {
                    rules.apply(r, HeaderRule.Table.RESPONSE, false, r.headersOut());
                }
            }
            next.removeSelf();
            next.pass(brigade);
        }
    }
}
