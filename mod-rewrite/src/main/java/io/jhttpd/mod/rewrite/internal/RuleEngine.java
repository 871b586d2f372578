package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a rule list to a {@link RuleContext}, as Apache's {@code apply_rewrite_list} and
 * {@code apply_rewrite_rule}: match the pattern, then the conditions (AND, or OR chains), then
 * substitute and apply the flags. Flow flags ({@code C}, {@code S}, {@code L}, {@code END},
 * {@code N}, {@code PT}) steer the list.
 */
final class RuleEngine {

    /** What a pass over the rules came to. */
    enum Outcome {
        /** No rule changed anything. */
        UNCHANGED,
        /** The file name or URL was rewritten ({@link RuleContext#filename}). */
        REWRITTEN,
        /** A rule wants this status answered ({@link RuleContext#redirectStatus}). */
        STATUS,
        /** Rewritten, and kept as a URI for later translators ({@code PT}). */
        PASS_THROUGH
    }

    private static final Logger LOG = LoggerFactory.getLogger("io.jhttpd.mod.rewrite");

    private RuleEngine() {
    }

    static Outcome apply(List<RewriteRule> rules, RuleContext ctx) {
        Outcome changed = Outcome.UNCHANGED;
        int rounds = 0;
        restart:
        while (true) {
            for (int i = 0; i < rules.size(); i++) {
                RewriteRule rule = rules.get(i);
                if (rule.noSubRequests && ctx.request.isSubRequest()) {
                    if (tracing()) {
                        trace(ctx, "skipping rule '" + rule.patternText + "' in a sub-request");
                    }
                    continue;
                }
                int rc = applyRule(rule, ctx);
                if (rc == 0) {
                    while (i < rules.size() && rules.get(i).chain) {
                        i++;
                    }
                    continue;
                }
                if (rc == 1) {
                    changed = Outcome.REWRITTEN;
                }
                if (rule.status != 0 && !(rule.redirect && rule.status < 400)) {
                    ctx.redirectStatus = rule.status;
                    return Outcome.STATUS;
                }
                if (ctx.unsafeQuestionMark) {
                    LOG.error("JH08005: Unsafe URL with %3f URL rewritten without UnsafeAllow3F: {}", ctx.request.requestLine());
                    ctx.redirectStatus = 403;
                    return Outcome.STATUS;
                }
                if (rule.passThrough && rc == 1) {
                    return Outcome.PASS_THROUGH;
                }
                if (rule.end) {
                    ctx.end = true;
                    break restart;
                }
                if (rule.last || rule.proxy) {
                    break restart;
                }
                if (rule.next) {
                    if (++rounds >= rule.maxRounds) {
                        LOG.error("JH08006: RewriteRule '{}' and URI '{}' exceeded maximum number of rounds ({}) via the [N] flag",
                                rule.patternText, ctx.filename, rule.maxRounds);
                        ctx.redirectStatus = 500;
                        return Outcome.STATUS;
                    }
                    continue restart;
                }
                i += rule.skip;
            }
            break;
        }
        return changed;
    }

    /** 0: no match; 1: matched and substituted; 2: matched, substitution {@code -}. */
    private static int applyRule(RewriteRule rule, RuleContext ctx) {
        String uri = ctx.filename;
        if (ctx.perDirectory != null) {
            if (ctx.pathInfo != null && !ctx.pathInfo.isEmpty()) {
                uri = uri + ctx.pathInfo;
            }
            if (uri.startsWith(ctx.perDirectory)) {
                uri = uri.substring(ctx.perDirectory.length());
            }
        }
        if (tracing()) {
            trace(ctx, "applying pattern '" + rule.patternText + "' to uri '" + uri + "'");
        }
        Matcher m = PcrePattern.matcher(rule.matchers, uri);
        boolean found = m.find();
        if (found == rule.negated) {
            return 0;
        }
        ctx.ruleGroups = rule.negated ? RuleContext.NO_GROUPS : groups(m);
        String[] savedConditionGroups = ctx.conditionGroups;
        List<RewriteCondition> conds = rule.conditions;
        for (int i = 0; i < conds.size(); i++) {
            RewriteCondition c = conds.get(i);
            boolean ok = applyCondition(c, ctx, rule);
            if (c.orNext) {
                if (!ok) {
                    continue;
                }
                while (i < conds.size() && conds.get(i).orNext) {
                    i++;
                }
            } else if (!ok) {
                ctx.conditionGroups = savedConditionGroups;
                return 0;
            }
        }
        if (!ctx.vary.isEmpty()) {
            ctx.request.headersOut().set("Vary", mergeVary(ctx.request.headersOut().get("Vary"), ctx.vary));
        }
        for (String e : rule.env) {
            setEnv(Expansion.expand(e, ctx, rule), ctx);
        }
        for (String c : rule.cookies) {
            addCookie(Expansion.expand(c, ctx, rule), ctx);
        }
        if (rule.discardPathInfo) {
            ctx.pathInfo = null;
            ctx.request.setPathInfo("");
        }
        if (rule.forcedType != null) {
            ctx.forcedType = Expansion.expand(rule.forcedType, ctx, rule);
        }
        if (rule.forcedHandler != null) {
            ctx.forcedHandler = Expansion.expand(rule.forcedHandler, ctx, rule);
        }
        if (rule.substitution.equals("-")) {
            return 2;
        }
        String newUri = Expansion.expand(rule.substitution, ctx, rule);
        if (tracing()) {
            trace(ctx, "rewrite '" + uri + "' -> '" + newUri + "'");
        }
        newUri = splitQuery(newUri, rule, ctx);
        if (ctx.perDirectory != null && !newUri.startsWith("/") && !isAbsoluteUrl(newUri)) {
            if (tracing()) {
                trace(ctx, "add per-dir prefix: " + newUri + " -> " + ctx.perDirectory + newUri);
            }
            newUri = ctx.perDirectory + newUri;
        }
        ctx.filename = newUri;
        ctx.lastSubstituting = rule;
        ctx.noEscape = rule.noEscape;
        if (rule.redirect && rule.status < 400) {
            if (newUri.startsWith("/")) {
                ctx.filename = ctx.request.absoluteUrl(newUri);
            }
            ctx.redirectStatus = rule.status;
        } else if (isAbsoluteUrl(newUri)) {
            ctx.filename = reduceToLocal(newUri, ctx);
        }
        return 1;
    }

    private static String[] groups(Matcher m) {
        String[] g = new String[Math.min(m.groupCount(), 9) + 1];
        for (int i = 0; i < g.length; i++) {
            g[i] = m.group(i);
        }
        return g;
    }

    static boolean applyCondition(RewriteCondition c, RuleContext ctx, RewriteRule rule) {
        ctx.varyThis.clear();
        String input = c.kind == RewriteCondition.Kind.EXPRESSION ? "expr" : Expansion.expand(c.testString, ctx, rule);
        boolean result;
        switch (c.kind) {
            case EXPRESSION:
                result = c.expression.test(ctx.request);
                break;
            case REGEX: {
                Matcher m = PcrePattern.matcher(c.matchers, input);
                result = m.find();
                if (result && !c.negated) {
                    ctx.conditionGroups = groups(m);
                }
                break;
            }
            case STRING_LT:
                result = compare(input, c) < 0;
                break;
            case STRING_GT:
                result = compare(input, c) > 0;
                break;
            case STRING_EQ:
                result = compare(input, c) == 0;
                break;
            case STRING_LE:
                result = compare(input, c) <= 0;
                break;
            case STRING_GE:
                result = compare(input, c) >= 0;
                break;
            case INT_EQ:
                result = number(input) == number(c.operand);
                break;
            case INT_NE:
                result = number(input) != number(c.operand);
                break;
            case INT_LT:
                result = number(input) < number(c.operand);
                break;
            case INT_LE:
                result = number(input) <= number(c.operand);
                break;
            case INT_GT:
                result = number(input) > number(c.operand);
                break;
            case INT_GE:
                result = number(input) >= number(c.operand);
                break;
            case URL_VIA_SUBREQUEST:
                result = input.startsWith("/") && ctx.request.lookupUri(input).status() < 400;
                break;
            default:
                result = fileTest(c.kind, input, ctx);
        }
        if (c.negated) {
            result = !result;
        }
        if (tracing()) {
            trace(ctx, "RewriteCond: input='" + input + "' pattern='" + c.patternText + "'" + (c.noCase ? " [NC]" : "")
                    + " => " + (result ? "matched" : "not-matched"));
        }
        if (result && !c.noVary) {
            ctx.vary.addAll(ctx.varyThis);
        }
        return result;
    }

    private static int compare(String input, RewriteCondition c) {
        int r = c.noCase ? input.compareToIgnoreCase(c.operand) : input.compareTo(c.operand);
        return Integer.signum(r);
    }

    /** {@code apr_atoi64}: leading digits with optional sign, 0 if none. */
    static long number(String s) {
        String t = s.strip();
        int i = 0;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 18) {
            i++;
        }
        if (i == start) {
            return 0;
        }
        long v = Long.parseLong(t.substring(start, i));
        return t.charAt(0) == '-' ? -v : v;
    }

    private static boolean fileTest(RewriteCondition.Kind kind, String input, RuleContext ctx) {
        if (input.isEmpty() || input.indexOf('\0') >= 0) {
            return false;
        }
        Path p;
        try {
            p = Path.of(input);
        } catch (RuntimeException e) {
            return false;
        }
        try {
            switch (kind) {
                case SYMLINK:
                    return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink();
                case DIRECTORY:
                    return Files.isDirectory(p);
                case FILE:
                    return Files.isRegularFile(p);
                case FILE_NON_EMPTY:
                    return Files.isRegularFile(p) && Files.size(p) > 0;
                case EXECUTABLE:
                    return Files.isRegularFile(p) && Files.isExecutable(p);
                case FILE_VIA_SUBREQUEST:
                    return Files.exists(p) && fileAllowed(p, ctx);
                default:
                    return false;
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** {@code -F}: the file is reachable through the URL space (a sub-request to it passes access checks). */
    private static boolean fileAllowed(Path p, RuleContext ctx) {
        Path root = ctx.request.server().documentRoot();
        if (!p.startsWith(root)) {
            return true;
        }
        String uri = "/" + root.relativize(p).toString().replace('\\', '/');
        return ctx.request.lookupUri(uri).status() < 400;
    }

    /** Splits the query off {@code uri} and merges it with the request's as QSA/QSD/QSL say (Apache's {@code splitout_queryargs}). */
    private static String splitQuery(String uri, RewriteRule rule, RuleContext ctx) {
        if (isAbsoluteUrl(uri) && uri.regionMatches(true, 0, "mailto:", 0, 7)) {
            return uri;
        }
        int q = rule.qsLast ? uri.lastIndexOf('?') : uri.indexOf('?');
        if (q < 0) {
            if (rule.qsDiscard) {
                ctx.query = null;
            }
            return uri;
        }
        String newQuery = uri.substring(q + 1);
        String old = ctx.query;
        if (rule.qsAppend && old != null && !old.isEmpty() && !rule.qsDiscard) {
            newQuery = newQuery.isEmpty() ? old : newQuery + "&" + old;
        }
        ctx.query = newQuery.isEmpty() ? null : newQuery;
        return uri.substring(0, q);
    }

    /** A substitution naming this very server ({@code http://thishost/x}) becomes the local path {@code /x}. */
    private static String reduceToLocal(String url, RuleContext ctx) {
        Request r = ctx.request;
        String self = r.absoluteUrl("/");
        String selfPrefix = self.substring(0, self.length() - 1);
        if (url.regionMatches(true, 0, selfPrefix, 0, selfPrefix.length())
                && (url.length() == selfPrefix.length() || url.charAt(selfPrefix.length()) == '/')) {
            String path = url.substring(selfPrefix.length());
            if (tracing()) {
                trace(ctx, "reduce " + url + " -> " + path);
            }
            return path.isEmpty() ? "/" : path;
        }
        return url;
    }

    /** True for {@code scheme://...} (and {@code mailto:}), as Apache's {@code is_absolute_uri}. */
    static boolean isAbsoluteUrl(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (scheme.equals("mailto")) {
            return true;
        }
        return s.startsWith("//", colon + 1) && scheme.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '+' || ch == '-' || ch == '.');
    }

    private static void setEnv(String spec, RuleContext ctx) {
        if (spec.startsWith("!")) {
            ctx.request.subprocessEnv().remove(spec.substring(1));
            return;
        }
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String value = colon < 0 ? "" : spec.substring(colon + 1);
        ctx.request.subprocessEnv().put(name, value);
    }

    /** {@code CO=NAME:VALUE:domain[:lifetime[:path[:secure[:httponly[:samesite]]]]]}, or the form starting with ';'. */
    private static void addCookie(String spec, RuleContext ctx) {
        char sep = spec.startsWith(";") ? ';' : ':';
        String body = sep == ';' ? spec.substring(1) : spec;
        String[] p = body.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        if (p.length < 3) {
            LOG.error("JH08007: bad cookie flag '{}' (expected NAME:VALUE:domain[:lifetime[:path[:secure[:httponly]]]])", spec);
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(p[0]).append('=').append(p[1]);
        sb.append("; path=").append(p.length > 4 && !p[4].isEmpty() ? p[4] : "/");
        if (!p[2].isEmpty() && !p[2].equals("0")) {
            sb.append("; domain=").append(p[2]);
        }
        if (p.length > 3 && !p[3].isEmpty() && !p[3].equals("0")) {
            long minutes = number(p[3]);
            long expires = ctx.request.requestTimeMillis() + minutes * 60_000L;
            sb.append("; expires=").append(java.time.format.DateTimeFormatter.ofPattern("EEE, dd-MMM-yyyy HH:mm:ss 'GMT'", Locale.ROOT)
                    .format(java.time.Instant.ofEpochMilli(expires).atZone(java.time.ZoneOffset.UTC)));
        }
        if (p.length > 5 && isTrue(p[5])) {
            sb.append("; secure");
        }
        if (p.length > 6 && isTrue(p[6])) {
            sb.append("; HttpOnly");
        }
        if (p.length > 7 && !p[7].isEmpty() && !p[7].equals("0") && !p[7].equalsIgnoreCase("false")) {
            sb.append("; SameSite=").append(p[7]);
        }
        ctx.request.errHeadersOut().add("Set-Cookie", sb.toString());
    }

    private static boolean isTrue(String v) {
        return v.equalsIgnoreCase("secure") || v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("httponly");
    }

    private static String mergeVary(String existing, java.util.Set<String> names) {
        StringBuilder sb = new StringBuilder(existing == null ? "" : existing);
        for (String n : names) {
            if (existing == null || !existing.toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT))) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(n);
            }
        }
        return sb.toString();
    }

    /** True if {@code LogLevel rewrite:traceN} asks for the rewriting steps (callers build messages only then). */
    static boolean tracing() {
        return LOG.isTraceEnabled();
    }

    /**
     * One step of rewriting in the error log, as Apache's {@code rewritelog}: the client, the
     * request's host, whether it is the initial request or an internal redirect, and the context.
     */
    static void trace(RuleContext ctx, String message) {
        Request r = ctx.request;
        LOG.trace("[client {}] {} [{}][{}] [{}] {}", r.connection().remoteAddress(), r.connection().remoteAddress().getAddress().getHostAddress(),
                r.hostname(), r.isSubRequest() ? "subreq" : r.redirectedFrom() == null ? "initial" : "initial/redir#" + depth(r),
                ctx.perDirectory == null ? "server" : "perdir " + ctx.perDirectory, message);
    }

    private static int depth(Request r) {
        int n = 0;
        for (Request p = r.redirectedFrom(); p != null; p = p.redirectedFrom()) {
            n++;
        }
        return n;
    }
}
