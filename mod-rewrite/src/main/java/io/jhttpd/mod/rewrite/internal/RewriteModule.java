package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Scope;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * mod_rewrite and mod_alias, the translate family:
 *
 * <pre>
 *   TRANSLATE_NAME (FIRST)   RewriteHooks.translate  server-context RewriteRules
 *   TRANSLATE_NAME (MIDDLE)  AliasHooks.translate    Redirect*, then Alias/ScriptAlias (+ handler cgi-script)
 *   FIXUPS         (FIRST)   RewriteHooks.fixup      directory-context RewriteRules (.htaccess), T and H flags
 *   FIXUPS         (MIDDLE)  AliasHooks.fixup        Redirect* in directory sections and .htaccess
 *   HANDLER        (FIRST)   RewriteHooks.handler    "redirect-handler": re-runs the request for its new URL
 * </pre>
 */
public final class RewriteModule implements HttpdModule {

    private static final Set<String> OPTIONS = Set.of("inherit", "inheritbefore", "inheritdown", "inheritdownbefore",
            "ignoreinherit", "allownoslash", "allowanyuri", "mergebase", "ignorecontextinfo", "legacyprefixdocroot",
            "unsafeprefixstat", "longurloptimization");

    private final List<RewriteMap> maps = new ArrayList<>();

    /** Called by {@code ServiceLoader}; all set-up happens in {@link #register}. */
    public RewriteModule() {
    }

    @Override
    public String name() {
        return "rewrite";
    }

    /** Answers for {@code <IfModule mod_alias.c>} too: mod_alias lives here. */
    @Override
    public Set<String> standsFor() {
        return Set.of("alias");
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.config(RewriteConfig.SERVER);
        setup.config(RewriteConfig.DIRECTORY);
        setup.config(AliasConfig.SERVER);
        setup.config(AliasConfig.DIRECTORY);

        setup.directive(Directive.of("RewriteEngine", ArgShape.FLAG, Scope.EVERYWHERE, (c, a) -> {
            boolean on = a.get(0).equals("on");
            config(c).engine = on;
            if (!inDirectory(c)) {
                // as Apache's cmd_rewriteengine: the server's setting is also its directories' default
                c.config(RewriteConfig.DIRECTORY).engine = on;
            }
        }).override(OverrideClass.FILE_INFO).help("On or Off"));
        setup.directive(Directive.of("RewriteOptions", ArgShape.ONE_OR_MORE, Scope.EVERYWHERE, this::options)
                .override(OverrideClass.FILE_INFO).help("Inherit, InheritBefore, InheritDown, AllowNoSlash, AllowAnyURI, MergeBase, ..."));
        setup.directive(Directive.of("RewriteBase", ArgShape.TAKE1, java.util.EnumSet.of(Scope.DIRECTORY, Scope.HTACCESS), this::base)
                .override(OverrideClass.FILE_INFO).help("the base URL of the per-directory context"));
        setup.directive(Directive.of("RewriteCond", ArgShape.TAKE23, Scope.EVERYWHERE, this::condition)
                .override(OverrideClass.FILE_INFO).help("TestString CondPattern [flags]"));
        setup.directive(Directive.of("RewriteRule", ArgShape.TAKE23, Scope.EVERYWHERE, this::rule)
                .override(OverrideClass.FILE_INFO).help("Pattern Substitution [flags]"));
        setup.directive(Directive.of("RewriteMap", ArgShape.TAKE23, Scope.SERVER_CONFIG, this::map)
                .help("MapName MapType:MapSource"));

        setup.directive(Directive.of("Alias", ArgShape.TAKE2, Scope.SERVER_CONFIG, (c, a) -> alias(c, a, false, null))
                .help("URL-path file-path|directory-path"));
        setup.directive(Directive.of("AliasMatch", ArgShape.TAKE2, Scope.SERVER_CONFIG, (c, a) -> alias(c, a, true, null))
                .help("regex file-path|directory-path"));
        setup.directive(Directive.of("ScriptAlias", ArgShape.TAKE2, Scope.SERVER_CONFIG,
                (c, a) -> alias(c, a, false, AliasHooks.CGI_HANDLER)).help("URL-path file-path|directory-path"));
        setup.directive(Directive.of("ScriptAliasMatch", ArgShape.TAKE2, Scope.SERVER_CONFIG,
                (c, a) -> alias(c, a, true, AliasHooks.CGI_HANDLER)).help("regex file-path|directory-path"));
        setup.directive(Directive.of("Redirect", ArgShape.TAKE123, Scope.EVERYWHERE, (c, a) -> redirect(c, a, null, false))
                .override(OverrideClass.FILE_INFO).help("[status] URL-path URL"));
        setup.directive(Directive.of("RedirectMatch", ArgShape.TAKE123, Scope.EVERYWHERE, (c, a) -> redirect(c, a, null, true))
                .override(OverrideClass.FILE_INFO).help("[status] regex URL"));
        setup.directive(Directive.of("RedirectPermanent", ArgShape.TAKE2, Scope.EVERYWHERE, (c, a) -> redirect(c, a, 301, false))
                .override(OverrideClass.FILE_INFO).help("URL-path URL"));
        setup.directive(Directive.of("RedirectTemp", ArgShape.TAKE2, Scope.EVERYWHERE, (c, a) -> redirect(c, a, 302, false))
                .override(OverrideClass.FILE_INFO).help("URL-path URL"));

        setup.hook(Phase.TRANSLATE_NAME, RewriteHooks::translate, HookOrder.FIRST);
        setup.hook(Phase.TRANSLATE_NAME, AliasHooks::translate, HookOrder.MIDDLE);
        setup.hook(Phase.FIXUPS, RewriteHooks::fixup, HookOrder.FIRST);
        setup.hook(Phase.FIXUPS, AliasHooks::fixup, HookOrder.MIDDLE);
        setup.hook(Phase.HANDLER, RewriteHooks::handler, HookOrder.FIRST);
        setup.onStop(() -> {
            synchronized (maps) {
                maps.forEach(RewriteMap::close);
            }
        });
    }

    private static boolean inDirectory(DirectiveContext c) {
        return c.scope() == Scope.DIRECTORY || c.scope() == Scope.HTACCESS;
    }

    /** The config object the directive fills; a directory's remembers which directory it is. */
    private static RewriteConfig config(DirectiveContext c) {
        if (!inDirectory(c)) {
            return c.config(RewriteConfig.SERVER);
        }
        RewriteConfig d = c.config(RewriteConfig.DIRECTORY);
        String path = c.sectionPath();
        if (path != null && d.directory == null) {
            d.directory = path.endsWith("/") ? path : path + "/";
        }
        return d;
    }

    private void options(DirectiveContext c, List<String> args) throws ConfigException {
        RewriteConfig conf = config(c);
        for (String a : args) {
            String o = a.toLowerCase(Locale.ROOT);
            if (o.startsWith("maxredirects=")) {
                continue;
            }
            if (!OPTIONS.contains(o)) {
                throw c.error("RewriteOptions: unknown option '" + a + "'");
            }
            conf.options.add(o);
            if (!inDirectory(c)) {
                c.config(RewriteConfig.DIRECTORY).options.add(o);
            }
        }
    }

    private void base(DirectiveContext c, List<String> args) throws ConfigException {
        String b = args.get(0);
        if (!b.startsWith("/")) {
            throw c.error("RewriteBase: argument is not a valid URL");
        }
        config(c).base = b;
    }

    private void condition(DirectiveContext c, List<String> args) throws ConfigException {
        try {
            config(c).pendingConditions.add(RewriteCondition.parse(args, c.scope()));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
    }

    private void rule(DirectiveContext c, List<String> args) throws ConfigException {
        RewriteConfig conf = config(c);
        try {
            conf.rules.add(RewriteRule.parse(args, conf.pendingConditions, false));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
        conf.pendingConditions.clear();
    }

    private void map(DirectiveContext c, List<String> args) throws ConfigException {
        RewriteMap m;
        try {
            m = RewriteMap.parse(args.get(1), s -> c.resolve(s));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
        c.config(RewriteConfig.SERVER).maps.put(args.get(0), m);
        synchronized (maps) {
            maps.add(m);
        }
    }

    private static void alias(DirectiveContext c, List<String> args, boolean regex, String handler) throws ConfigException {
        Pattern p = regex ? PcrePattern.compile(c, args.get(0)) : null;
        // kept as written: a trailing slash matters ("ScriptAlias /cgi-bin/ /srv/cgi/")
        String real = regex || args.get(1).startsWith("/") ? args.get(1)
                : c.resolve(args.get(1)) + (args.get(1).endsWith("/") ? "/" : "");
        c.config(AliasConfig.SERVER).aliases.add(new AliasConfig.Entry(args.get(0), p, real, 0, handler));
    }

    private static void redirect(DirectiveContext c, List<String> args, Integer status, boolean regex) throws ConfigException {
        AliasConfig.Entry e = AliasConfig.redirect(c, args, status, regex);
        AliasConfig conf = inDirectory(c) ? c.config(AliasConfig.DIRECTORY) : c.config(AliasConfig.SERVER);
        conf.redirects.add(e);
    }
}
