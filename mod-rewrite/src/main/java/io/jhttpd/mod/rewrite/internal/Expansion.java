package io.jhttpd.mod.rewrite.internal;

import java.util.Locale;

/**
 * Expands a substitution or test string as Apache's {@code do_expand}: {@code \c} is a literal
 * {@code c}; {@code $N} and {@code %N} (N 0-9) are the rule's and the last matched condition's
 * groups (escaped when the rule has {@code B}); {@code %{VAR}} is a server variable;
 * {@code ${map:key|default}} a map lookup, key and default expanded first.
 */
final class Expansion {

    private Expansion() {
    }

    /** {@code template} expanded in {@code ctx}; {@code rule} (may be null) decides back-reference escaping. */
    static String expand(String template, RuleContext ctx, RewriteRule rule) {
        if (template.indexOf('$') < 0 && template.indexOf('%') < 0 && template.indexOf('\\') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int n = template.length();
        for (int i = 0; i < n; i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(template.charAt(++i));
                continue;
            }
            if ((c == '$' || c == '%') && i + 1 < n) {
                char next = template.charAt(i + 1);
                if (Character.isDigit(next)) {
                    String[] groups = c == '$' ? ctx.ruleGroups : ctx.conditionGroups;
                    int g = next - '0';
                    String value = g < groups.length && groups[g] != null ? groups[g] : "";
                    appendBackref(out, value, ctx, rule);
                    i++;
                    continue;
                }
                if (next == '{') {
                    int close = matchingBrace(template, i + 2);
                    if (close > 0) {
                        String inner = template.substring(i + 2, close);
                        if (c == '%') {
                            out.append(ServerVariables.lookup(inner, ctx));
                            i = close;
                            continue;
                        }
                        int colon = inner.indexOf(':');
                        if (colon > 0) {
                            out.append(mapLookup(inner.substring(0, colon), inner.substring(colon + 1), ctx, rule));
                            i = close;
                            continue;
                        }
                    }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static void appendBackref(StringBuilder out, String value, RuleContext ctx, RewriteRule rule) {
        if (value.indexOf('?') >= 0 && out.indexOf("?") < 0 && (rule == null || !rule.unsafeAllow3F)
                && ctx.request.unparsedUri().toLowerCase(Locale.ROOT).contains("%3f")) {
            ctx.unsafeQuestionMark = true;
        }
        if (rule != null && rule.escapeBackrefs) {
            out.append(UrlEscape.escapeBackref(value, rule.escapeOnly, rule.escapeExcept, rule.escapeControlsOnly, rule.escapeNoPlus));
        } else {
            out.append(value);
        }
    }

    private static String mapLookup(String name, String rest, RuleContext ctx, RewriteRule rule) {
        int bar = topLevelBar(rest);
        String key = expand(bar < 0 ? rest : rest.substring(0, bar), ctx, rule);
        RewriteMap map = ctx.maps.get(name);
        String value = map == null ? null : map.lookup(key);
        if (value == null) {
            return bar < 0 ? "" : expand(rest.substring(bar + 1), ctx, rule);
        }
        return value;
    }

    private static int topLevelBar(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the '}' closing a '{' just before {@code from}, nesting counted; -1 if none. */
    private static int matchingBrace(String s, int from) {
        int depth = 1;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
