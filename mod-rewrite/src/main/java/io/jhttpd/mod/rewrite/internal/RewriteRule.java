package io.jhttpd.mod.rewrite.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code RewriteRule Pattern Substitution [flags]} with the {@code RewriteCond}s above it,
 * parsed as Apache's {@code cmd_rewriterule} does. Immutable.
 */
final class RewriteRule {

    /** What a cookie flag {@code CO=} asks for, before expansion. */
    record Cookie(String spec) {
    }

    final String patternText;
    final Pattern pattern;
    final ThreadLocal<java.util.regex.Matcher> matchers;
    final boolean negated;
    final String substitution;
    final List<RewriteCondition> conditions;
    // flags
    boolean chain;
    boolean noCase;
    boolean noEscape;
    boolean noSubRequests;
    boolean last;
    boolean end;
    boolean passThrough;
    boolean proxy;
    boolean next;
    int maxRounds = 10_000;
    boolean qsAppend;
    boolean qsDiscard;
    boolean qsLast;
    boolean discardPathInfo;
    boolean escapeBackrefs;
    String escapeOnly;
    String escapeExcept;
    boolean escapeControlsOnly;
    boolean escapeNoPlus;
    boolean unsafeAllow3F;
    boolean unsafePrefixStat;
    /** 0: no status; 3xx: redirect; other: answer with this status (F, G, R=4xx). */
    int status;
    boolean redirect;
    int skip;
    String forcedType;
    String forcedHandler;
    final List<String> env = new ArrayList<>();
    final List<String> cookies = new ArrayList<>();
    final String flagsText;

    private RewriteRule(String patternText, String substitution, List<RewriteCondition> conditions, String flagsText) {
        this.patternText = patternText;
        this.substitution = substitution;
        this.conditions = List.copyOf(conditions);
        this.flagsText = flagsText;
        String p = patternText;
        this.negated = p.startsWith("!");
        if (negated) {
            p = p.substring(1);
        }
        parseFlags(flagsText);
        this.pattern = PcrePattern.compile(p, noCase);
        this.matchers = PcrePattern.matcherCache(pattern);
    }

    /**
     * Parses a rule; {@code proxyAvailable} says whether a module handles {@code [P]}.
     * Throws {@link IllegalArgumentException} with Apache's wording on a bad flag.
     */
    static RewriteRule parse(List<String> args, List<RewriteCondition> conditions, boolean proxyAvailable) {
        if (args.size() < 2 || args.size() > 3) {
            throw new IllegalArgumentException("RewriteRule: bad argument line '" + String.join(" ", args)
                    + "' (expected Pattern Substitution [flags])");
        }
        String flags = args.size() == 3 ? args.get(2) : null;
        if (flags != null && !(flags.startsWith("[") && flags.endsWith("]"))) {
            throw new IllegalArgumentException("RewriteRule: bad flag delimiters (flags must be written as [flag,flag...])");
        }
        RewriteRule rule = new RewriteRule(args.get(0), args.get(1), conditions, flags == null ? "" : flags.substring(1, flags.length() - 1));
        if (rule.proxy && !proxyAvailable) {
            throw new IllegalArgumentException("RewriteRule: the [P] flag needs a proxy module, and none is loaded "
                    + "(load one that handles 'proxy:' requests, or remove [P])");
        }
        return rule;
    }

    private void parseFlags(String text) {
        if (text.isEmpty()) {
            return;
        }
        for (String raw : splitFlags(text)) {
            String f = raw.trim();
            if (f.isEmpty()) {
                continue;
            }
            String key = f;
            String value = null;
            int eq = f.indexOf('=');
            if (eq >= 0) {
                key = f.substring(0, eq);
                value = f.substring(eq + 1);
            }
            switch (key.toLowerCase(Locale.ROOT)) {
                case "b":
                    escapeBackrefs = true;
                    if (value != null) {
                        escapeOnly = value;
                    }
                    break;
                case "bctls":
                    escapeBackrefs = true;
                    escapeControlsOnly = true;
                    break;
                case "bne":
                    escapeExcept = value;
                    break;
                case "bnp":
                case "backrefnoplus":
                    escapeNoPlus = true;
                    break;
                case "backrefescaping":
                    escapeBackrefs = true;
                    break;
                case "c":
                case "chain":
                    chain = true;
                    break;
                case "co":
                case "cookie":
                    cookies.add(requireValue(f, value));
                    break;
                case "dpi":
                case "discardpath":
                case "discardpathinfo":
                    discardPathInfo = true;
                    break;
                case "e":
                case "env":
                    env.add(requireValue(f, value));
                    break;
                case "end":
                    end = true;
                    break;
                case "f":
                case "forbidden":
                    status = 403;
                    break;
                case "g":
                case "gone":
                    status = 410;
                    break;
                case "h":
                case "handler":
                    forcedHandler = requireValue(f, value);
                    break;
                case "l":
                case "last":
                    last = true;
                    break;
                case "n":
                case "next":
                    next = true;
                    if (value != null) {
                        maxRounds = positive(f, value);
                    }
                    break;
                case "nc":
                case "nocase":
                    noCase = true;
                    break;
                case "ne":
                case "noescape":
                    noEscape = true;
                    break;
                case "ns":
                case "nosubreq":
                    noSubRequests = true;
                    break;
                case "p":
                case "proxy":
                    proxy = true;
                    break;
                case "pt":
                case "passthrough":
                    passThrough = true;
                    break;
                case "qsa":
                case "qsappend":
                    qsAppend = true;
                    break;
                case "qsd":
                case "qsdiscard":
                    qsDiscard = true;
                    break;
                case "qsl":
                case "qslast":
                    qsLast = true;
                    break;
                case "r":
                case "redirect":
                    redirect = true;
                    status = redirectStatus(f, value);
                    break;
                case "s":
                case "skip":
                    skip = positive(f, requireValue(f, value));
                    break;
                case "t":
                case "type":
                    forcedType = requireValue(f, value);
                    break;
                case "unsafeallow3f":
                    unsafeAllow3F = true;
                    break;
                case "unsafeprefixstat":
                    unsafePrefixStat = true;
                    break;
                case "unc":
                    break;
                default:
                    throw new IllegalArgumentException("RewriteRule: unknown flag '" + f + "'");
            }
        }
    }

    private static List<String> splitFlags(String text) {
        return List.of(text.split(","));
    }

    private static String requireValue(String flag, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("RewriteRule: flag '" + flag + "' needs a value (" + flag + "=...)");
        }
        return value;
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("RewriteRule: flag '" + flag + "' needs a non-negative number");
    }

    private static int redirectStatus(String flag, String value) {
        if (value == null) {
            return 302;
        }
        Integer named = AliasConfig.statusWord(value.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        int code;
        try {
            code = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            code = 0;
        }
        if (code < 300 || code > 599) {
            throw new IllegalArgumentException("RewriteRule: invalid HTTP response code '" + value + "' for flag 'R'");
        }
        return code;
    }

    /** True if the substitution starts with literal text (not a variable or back-reference): safe to stat (2.4.60). */
    boolean substitutionStartsLiteral() {
        return substitution.length() > 1 && substitution.charAt(0) == '/'
                && "$%".indexOf(substitution.charAt(1)) < 0;
    }

    @Override
    public String toString() {
        return "RewriteRule " + patternText + " " + substitution + (flagsText.isEmpty() ? "" : " [" + flagsText + "]");
    }
}
