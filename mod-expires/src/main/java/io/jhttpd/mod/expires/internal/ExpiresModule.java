package io.jhttpd.mod.expires.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.Headers;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.HttpDate;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Apache's mod_expires: {@code ExpiresActive On} with {@code ExpiresByType type "code"} (a major
 * type with {@code /*} too) and {@code ExpiresDefault "code"} add {@code Expires} and
 * {@code Cache-Control: max-age} to responses that did not set {@code Expires} themselves; never
 * to errors or sub-requests. An expiry before the request is the request's time, as in Apache.
 *
 * <pre>
 * ExpiresActive On
 * ExpiresByType image/* "access plus 1 month"
 * ExpiresByType text/css A86400
 * ExpiresDefault "modification plus 1 hour"
 * </pre>
 */
public final class ExpiresModule implements HttpdModule {

    /** The settings of one section; merged inner over outer, the by-type table entry by entry. */
    static final class ExpiresConfig {
        Boolean active;
        ExpiryCode byDefault;
        final Map<String, ExpiryCode> byType = new HashMap<>();

        static ExpiresConfig merge(ExpiresConfig outer, ExpiresConfig inner) {
            ExpiresConfig m = new ExpiresConfig();
            m.active = inner.active != null ? inner.active : outer.active;
            m.byDefault = inner.byDefault != null ? inner.byDefault : outer.byDefault;
            m.byType.putAll(outer.byType);
            m.byType.putAll(inner.byType);
            return m;
        }

        ExpiryCode codeFor(String contentType) {
            if (contentType != null) {
                int semi = contentType.indexOf(';');
                String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
                ExpiryCode c = byType.get(type);
                if (c != null) {
                    return c;
                }
                int slash = type.indexOf('/');
                if (slash >= 0) {
                    c = byType.get(type.substring(0, slash + 1) + "*");
                    if (c != null) {
                        return c;
                    }
                }
            }
            return byDefault;
        }
    }

    static final ConfigKey<ExpiresConfig> KEY = ConfigKey.perDirectory("expires", ExpiresConfig::new, ExpiresConfig::merge);

    /** Called by {@code ServiceLoader}. */
    public ExpiresModule() {
    }

    @Override
    public String name() {
        return "expires";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(KEY);
        setup.directive(Directive.of("ExpiresActive", ArgShape.FLAG, Scope.EVERYWHERE,
                (c, a) -> c.config(KEY).active = a.get(0).equals("on"))
                .override(OverrideClass.INDEXES).help("Limited to 'on' or 'off'"));
        setup.directive(Directive.of("ExpiresByType", ArgShape.TAKE2, Scope.EVERYWHERE, ExpiresModule::byType)
                .override(OverrideClass.INDEXES).help("a MIME type followed by an expiry date code"));
        setup.directive(Directive.of("ExpiresDefault", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(KEY).byDefault = ExpiryCode.parse(a.get(0)))
                .override(OverrideClass.INDEXES).help("expiry date code"));
        setup.outputFilter("MOD_EXPIRES", FilterType.CONTENT_SET, r -> new ExpiresFilter());
        setup.hook(Phase.INSERT_FILTER, ExpiresModule::insert, HookOrder.MIDDLE);
    }

    private static void byType(DirectiveContext c, List<String> a) throws ConfigException {
        String type = a.get(0).toLowerCase(Locale.ROOT);
        int star = type.indexOf('*');
        if (star >= 0 && !(type.endsWith("/*") && star == type.length() - 1 && type.indexOf('/') == type.length() - 2)) {
            throw new ConfigException("Invalid mimetype: should be a major type followed by a wildcard, e.g. 'image/*', not '"
                    + a.get(0) + "'");
        }
        c.config(KEY).byType.put(type, ExpiryCode.parse(a.get(1)));
    }

    private static HookResult insert(Request r) {
        ExpiresConfig conf = r.config(KEY);
        if (conf != null && Boolean.TRUE.equals(conf.active) && r.status() < 400 && !r.isSubRequest()) {
            r.addOutputFilter("MOD_EXPIRES");
        }
        return HookResult.declined();
    }

    /** Sets the fields as the response's first brigade passes, then leaves the chain. */
    private static final class ExpiresFilter implements OutputFilter {
        @Override
        public void filter(Brigade brigade, Next next) throws IOException {
            Request r = next.request();
            // a CGI script's own Expires lands in the error headers: it wins there too
            Headers t = r.errHeadersOut().get("Expires") != null ? r.errHeadersOut() : r.headersOut();
            ExpiresConfig conf = r.config(KEY);
            if (t.get("Expires") == null && conf != null) {
                ExpiryCode code = conf.codeFor(r.contentType());
                if (code != null) {
                    set(r, code, t);
                }
            }
            next.removeSelf();
            next.pass(brigade);
        }

        private static void set(Request r, ExpiryCode code, Headers t) {
            long base;
            if (code.fromModification()) {
                BasicFileAttributes a = r.fileAttributes();
                if (a == null) {
                    return;
                }
                base = a.lastModifiedTime().toMillis();
            } else {
                base = r.requestTimeMillis();
            }
            long expires = Math.max(base + code.seconds() * 1000L, r.requestTimeMillis());
            String maxAge = "max-age=" + (expires - r.requestTimeMillis()) / 1000L;
            String cacheControl = t.get("Cache-Control");
            t.set("Cache-Control", cacheControl == null ? maxAge : cacheControl + ", " + maxAge);
            t.set("Expires", HttpDate.format(expires));
        }
    }
}
