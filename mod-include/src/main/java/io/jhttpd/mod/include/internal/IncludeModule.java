package io.jhttpd.mod.include.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.FilterType;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Option;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.io.IOException;
import java.nio.file.attribute.PosixFilePermission;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mod_include: the {@code INCLUDES} output filter at Apache's {@code AP_FTYPE_RESOURCE}, the
 * {@code server-parsed} handler name and {@code XBitHack} (both add the filter at fixups, as
 * Apache's {@code include_fixup}), and the {@code SSI*} directives.
 */
public final class IncludeModule implements HttpdModule {

    private static final Logger LOG = LoggerFactory.getLogger(IncludeModule.class);
    static final ConfigKey<IncludeSettings> SETTINGS = ConfigKey.perDirectory("include", IncludeSettings::new, IncludeSettings::merge);
    /** The note by which fixups ask for the filter; it is added when the request's filters are inserted. */
    private static final String WANTS_FILTER = "include:add-filter";
    /** Request headers that would let a handler answer 304 or 206 for a page this filter changes. */
    private static final List<String> CONDITIONAL_HEADERS = List.of("Range", "If-Range", "If-Modified-Since", "If-None-Match");

    @Override
    public String name() {
        return "include";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(SETTINGS);
        setup.directive(Directive.of("XBitHack", ArgShape.TAKE1, Scope.EVERYWHERE, IncludeModule::xBitHack)
                .override(OverrideClass.OPTIONS).help("off, on (user-executable text/html is parsed) or full (and group-executable keeps Last-Modified)"));
        setup.directive(Directive.of("SSIErrorMsg", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(SETTINGS).errorMessage = a.get(0)).override(OverrideClass.FILE_INFO).help("text shown for a failing element"));
        setup.directive(Directive.of("SSITimeFormat", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(SETTINGS).timeFormat = a.get(0)).override(OverrideClass.FILE_INFO).help("strftime format of dates"));
        setup.directive(Directive.of("SSIUndefinedEcho", ArgShape.TAKE1, Scope.EVERYWHERE,
                (c, a) -> c.config(SETTINGS).undefinedEcho = a.get(0)).override(OverrideClass.FILE_INFO).help("text echoed for an unset variable"));
        setup.directive(Directive.of("SSIStartTag", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SETTINGS).startTag = tag(c, a.get(0))).help("what starts an element; default <!--#"));
        setup.directive(Directive.of("SSIEndTag", ArgShape.TAKE1, Scope.SERVER_CONFIG,
                (c, a) -> c.config(SETTINGS).endTag = tag(c, a.get(0))).help("what ends an element; default -->"));
        setup.directive(Directive.of("SSIETag", ArgShape.FLAG, Scope.EVERYWHERE,
                (c, a) -> c.config(SETTINGS).etag = onOff(c, a.get(0))).override(OverrideClass.FILE_INFO).help("keep the ETag of parsed documents"));
        setup.directive(Directive.of("SSILastModified", ArgShape.FLAG, Scope.EVERYWHERE,
                (c, a) -> c.config(SETTINGS).lastModified = onOff(c, a.get(0))).override(OverrideClass.FILE_INFO).help("keep Last-Modified of parsed documents"));
        setup.outputFilter("INCLUDES", FilterType.RESOURCE, IncludeModule::filterFor);
        setup.hook(Phase.FIXUPS, IncludeModule::fixup, HookOrder.MIDDLE);
        setup.hook(Phase.INSERT_FILTER, IncludeModule::insertFilter, HookOrder.MIDDLE);
    }

    /** The filter for {@code r}, or none (logged) if its directory has neither {@code Options Includes} nor {@code IncludesNOEXEC}. */
    static OutputFilter filterFor(Request r) {
        if (!r.options().contains(Option.INCLUDES) && !r.options().contains(Option.INCLUDES_NOEXEC)) {
            LOG.warn("JH13002: Options +Includes (or IncludesNoExec) wasn't set, INCLUDES filter removed: {}", r.uri());
            return null;
        }
        // The parsed page is not the file: Apache answers it whole, never 304 or 206 (its conditions
        // and ranges are judged after this filter). Our handlers judge them before the body, so the
        // request stops asking; its includes, which share these headers, are answered whole too.
        for (String h : CONDITIONAL_HEADERS) {
            r.headersIn().remove(h);
        }
        IncludeSettings settings = r.config(SETTINGS);
        RequestHost host = new RequestHost(r, settings);
        IncludeFilter parser = new IncludeFilter(host, settings, ZoneId.systemDefault());
        return new OutputFilter() {
            private boolean started;

            @Override
            public void filter(Brigade brigade, Next next) throws IOException {
                if (!started) {
                    started = true;
                    host.startResponse();
                }
                parser.filter(brigade, next);
            }
        };
    }

    private static HookResult fixup(Request r) {
        if ("server-parsed".equals(r.handler())) {
            if (r.contentType() == null || r.contentType().isEmpty()) {
                r.setContentType("text/html");
            }
            r.setHandler(null);
            r.notes().put(WANTS_FILTER, "1");
            return HookResult.DECLINED;
        }
        IncludeSettings s = r.config(SETTINGS);
        if (s.xBitHack() != IncludeSettings.XBitHack.OFF && r.contentType() != null
                && r.contentType().startsWith("text/html")
                && RequestHost.hasPermission(r.filename(), PosixFilePermission.OWNER_EXECUTE)) {
            r.notes().put(WANTS_FILTER, "1");
        }
        return HookResult.DECLINED;
    }

    private static HookResult insertFilter(Request r) {
        if (r.notes().remove(WANTS_FILTER) != null) {
            r.addOutputFilter("INCLUDES");
        }
        return HookResult.OK;
    }

    private static void xBitHack(DirectiveContext c, List<String> a) throws ConfigException {
        switch (a.get(0).toLowerCase(Locale.ROOT)) {
            case "off" -> c.config(SETTINGS).xBitHack = IncludeSettings.XBitHack.OFF;
            case "on" -> c.config(SETTINGS).xBitHack = IncludeSettings.XBitHack.ON;
            case "full" -> c.config(SETTINGS).xBitHack = IncludeSettings.XBitHack.FULL;
            default -> throw c.error("XBitHack takes off, on or full, not '" + a.get(0) + "'");
        }
    }

    private static String tag(DirectiveContext c, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw c.error(c.directiveName() + " must not be empty");
        }
        return value;
    }

    private static boolean onOff(DirectiveContext c, String value) throws ConfigException {
        if (value.equalsIgnoreCase("on")) {
            return true;
        }
        if (value.equalsIgnoreCase("off")) {
            return false;
        }
        throw c.error(c.directiveName() + " takes on or off, not '" + value + "'");
    }
}
