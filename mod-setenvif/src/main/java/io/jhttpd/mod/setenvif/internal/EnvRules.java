package io.jhttpd.mod.setenvif.internal;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Directive;
import io.jhttpd.api.DirectiveContext;
import io.jhttpd.api.Expression;
import io.jhttpd.api.OverrideClass;
import io.jhttpd.api.Request;
import io.jhttpd.api.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code SetEnvIf} family's rules (with {@code SetEnvIfExpr}) of one server or one directory, in configuration order.
 * Rules in the server's own part run when the request has been read (Apache's
 * {@code post_read_request}); rules in {@code <Directory>}, {@code <Location>} and
 * {@code .htaccess} run once its directory is known ({@code header_parser}). An inner section's
 * rules run after the outer ones.
 */
final class EnvRules {

    static final ConfigKey<EnvRules> SERVER = ConfigKey.perServer("setenvif", EnvRules::new, EnvRules::merge);
    static final ConfigKey<EnvRules> DIRECTORY = ConfigKey.perDirectory("setenvif-dir", EnvRules::new, EnvRules::merge);

    private final List<EnvRule> rules;

    EnvRules() {
        this(new ArrayList<>());
    }

    private EnvRules(List<EnvRule> rules) {
        this.rules = rules;
    }

    static List<Directive> directives() {
        return List.of(
                directive("SetEnvIf", false, false).help("A header-name, regex and a list of variables."),
                directive("SetEnvIfNoCase", true, false).help("a header-name, regex and a list of variables."),
                directive("BrowserMatch", false, true).help("A browser regex and a list of variables."),
                directive("BrowserMatchNoCase", true, true).help("A browser regex and a list of variables."),
                Directive.of("SetEnvIfExpr", ArgShape.ONE_OR_MORE, Scope.EVERYWHERE, EnvRules::addExpression)
                        .override(OverrideClass.FILE_INFO).help("an expression and a list of variables."));
    }

    private static void addExpression(DirectiveContext ctx, List<String> args) throws ConfigException {
        Expression expr;
        try {
            expr = Expression.parse(args.get(0), ctx.scope());
        } catch (ConfigException e) {
            throw new ConfigException("JH12003 Cannot parse condition clause: " + e.getMessage());
        }
        add(ctx, EnvRule.compileExpression(expr, args.subList(1, args.size())));
    }

    private static Directive directive(String name, boolean noCase, boolean browser) {
        return Directive.of(name, ArgShape.ONE_OR_MORE, Scope.EVERYWHERE, (ctx, args) -> add(ctx, args, noCase, browser))
                .override(OverrideClass.FILE_INFO);
    }

    private static void add(DirectiveContext ctx, List<String> args, boolean noCase, boolean browser) throws ConfigException {
        int first = browser ? 1 : 2;
        if (args.size() < first + 1) {
            throw new ConfigException("JH12001 Missing envariable expression for " + ctx.directiveName());
        }
        EnvRule rule = browser
                ? EnvRule.compile("User-Agent", args.get(0), args.subList(1, args.size()), noCase)
                : EnvRule.compile(args.get(0), args.get(1), args.subList(2, args.size()), noCase);
        add(ctx, rule);
    }

    private static void add(DirectiveContext ctx, EnvRule rule) {
        boolean serverPart = ctx.scope() == Scope.SERVER || ctx.scope() == Scope.VIRTUAL_HOST;
        ctx.config(serverPart ? SERVER : DIRECTORY).rules.add(rule);
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Applies every rule to {@code r} in order. */
    void apply(Request r) {
        for (EnvRule rule : rules) {
            rule.apply(r);
        }
    }

    private static EnvRules merge(EnvRules outer, EnvRules inner) {
        if (inner.rules.isEmpty()) {
            return outer;
        }
        if (outer.rules.isEmpty()) {
            return inner;
        }
        List<EnvRule> all = new ArrayList<>(outer.rules);
        all.addAll(inner.rules);
        return new EnvRules(all);
    }
}
