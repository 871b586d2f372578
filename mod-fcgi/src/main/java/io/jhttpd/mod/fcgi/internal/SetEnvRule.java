package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.ConfigException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One {@code ProxyFCGISetEnvIf condition [!]VAR [value]}: applied to the FastCGI parameters last,
 * it sets {@code VAR} to {@code value} (or unsets it with {@code !}) when the condition holds.
 *
 * <p>The condition is the part of Apache's expression language these rules use in practice:
 * {@code true}, {@code false}, {@code -n x}, {@code -z x}, and {@code x == y}, {@code x != y},
 * {@code x =~ /regex/}, {@code x !~ /regex/} (also {@code m|regex|} and {@code m#regex#}), where an
 * operand is {@code %{NAME}}, {@code reqenv('NAME')} (both read the parameters being built) or a
 * quoted string. The value may use {@code %{NAME}}, {@code reqenv('NAME')} and the regex's
 * groups {@code $0}..{@code $9}.
 */
final class SetEnvRule {

    private static final Pattern COMPARISON = Pattern.compile(
            "^\\s*(\\S+)\\s*(==|!=|=~|!~)\\s*(.+?)\\s*$");
    private static final Pattern VARIABLE = Pattern.compile("%\\{([^}]+)\\}|reqenv\\('([^']*)'\\)|reqenv\\(\"([^\"]*)\"\\)");

    private enum Op { TRUE, FALSE, NON_EMPTY, EMPTY, EQUALS, NOT_EQUALS, MATCHES, NOT_MATCHES }

    private final Op op;
    private final String left;
    private final String right;
    private final Pattern regex;
    private final String variable;
    private final boolean unset;
    private final String value;

    private SetEnvRule(Op op, String left, String right, Pattern regex, String variable, boolean unset, String value) {
        this.op = op;
        this.left = left;
        this.right = right;
        this.regex = regex;
        this.variable = variable;
        this.unset = unset;
        this.value = value;
    }

    /** Parses the directive's arguments; a condition outside the supported forms is a {@link ConfigException}. */
    static SetEnvRule parse(String condition, String variable, String value) throws ConfigException {
        boolean unset = variable.startsWith("!");
        String name = unset ? variable.substring(1) : variable;
        if (name.isEmpty()) {
            throw new ConfigException("ProxyFCGISetEnvIf: empty variable name");
        }
        String c = condition.trim();
        if (c.equalsIgnoreCase("true")) {
            return new SetEnvRule(Op.TRUE, null, null, null, name, unset, value);
        }
        if (c.equalsIgnoreCase("false")) {
            return new SetEnvRule(Op.FALSE, null, null, null, name, unset, value);
        }
        if (c.startsWith("-n ") || c.startsWith("-z ")) {
            return new SetEnvRule(c.charAt(1) == 'n' ? Op.NON_EMPTY : Op.EMPTY, operand(c.substring(3).trim(), condition),
                    null, null, name, unset, value);
        }
        Matcher m = COMPARISON.matcher(c);
        if (!m.matches()) {
            throw new ConfigException("ProxyFCGISetEnvIf: cannot parse condition '" + condition
                    + "' (supported: true, false, -n x, -z x, x == y, x != y, x =~ /re/, x !~ /re/)");
        }
        String left = operand(m.group(1), condition);
        switch (m.group(2)) {
            case "==":
                return new SetEnvRule(Op.EQUALS, left, operand(m.group(3), condition), null, name, unset, value);
            case "!=":
                return new SetEnvRule(Op.NOT_EQUALS, left, operand(m.group(3), condition), null, name, unset, value);
            default:
                return new SetEnvRule(m.group(2).equals("=~") ? Op.MATCHES : Op.NOT_MATCHES, left, null,
                        regex(m.group(3), condition), name, unset, value);
        }
    }

    /** An operand, kept as a template: a quoted string loses its quotes; variables stay for {@link #expand}. */
    private static String operand(String text, String condition) throws ConfigException {
        if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"') && text.charAt(text.length() - 1) == text.charAt(0)) {
            return text.substring(1, text.length() - 1);
        }
        if (VARIABLE.matcher(text).matches()) {
            return text;
        }
        throw new ConfigException("ProxyFCGISetEnvIf: bad operand '" + text + "' in '" + condition
                + "' (expected %{NAME}, reqenv('NAME') or a quoted string)");
    }

    private static Pattern regex(String text, String condition) throws ConfigException {
        int start = text.startsWith("/") ? 1 : text.startsWith("m") && text.length() > 1 ? 2 : -1;
        int end = start < 0 ? -1 : text.lastIndexOf(text.charAt(start - 1));
        if (end < start) {
            throw new ConfigException("ProxyFCGISetEnvIf: expected /regex/ or m|regex| in '" + condition + "'");
        }
        String body = text.substring(start, end);
        String flags = text.substring(end + 1);
        if (!flags.isEmpty() && !flags.equals("i")) {
            throw new ConfigException("ProxyFCGISetEnvIf: unknown regex flags '" + flags + "' in '" + condition + "'");
        }
        try {
            return Pattern.compile(body, flags.isEmpty() ? 0 : Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new ConfigException("ProxyFCGISetEnvIf: bad regular expression '" + body + "': " + e.getDescription());
        }
    }

    /** Applies the rule to {@code params} if its condition holds. */
    void apply(Map<String, String> params) {
        Matcher match = null;
        boolean holds;
        switch (op) {
            case TRUE: holds = true; break;
            case FALSE: holds = false; break;
            case NON_EMPTY: holds = !expand(left, params, null).isEmpty(); break;
            case EMPTY: holds = expand(left, params, null).isEmpty(); break;
            case EQUALS: holds = expand(left, params, null).equals(expand(right, params, null)); break;
            case NOT_EQUALS: holds = !expand(left, params, null).equals(expand(right, params, null)); break;
            default:
                match = regex.matcher(expand(left, params, null));
                holds = match.find() == (op == Op.MATCHES);
                break;
        }
        if (!holds) {
            return;
        }
        if (unset) {
            params.remove(variable);
        } else {
            params.put(variable, value == null ? "" : expand(value, params, op == Op.MATCHES ? match : null));
        }
    }

    private static String expand(String template, Map<String, String> params, Matcher groups) {
        StringBuilder sb = new StringBuilder();
        Matcher v = VARIABLE.matcher(template);
        int last = 0;
        while (v.find()) {
            sb.append(groups(template.substring(last, v.start()), groups));
            String name = v.group(1) != null ? v.group(1) : v.group(2) != null ? v.group(2) : v.group(3);
            sb.append(params.getOrDefault(name, ""));
            last = v.end();
        }
        sb.append(groups(template.substring(last), groups));
        return sb.toString();
    }

    private static String groups(String text, Matcher groups) {
        return groups == null ? text : ProxyRoute.substitute(text, groups);
    }
}
