package io.jhttpd.mod.setenvif.internal;

import io.jhttpd.api.ApacheRegex;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Expression;
import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code SetEnvIf} / {@code BrowserMatch} line, compiled at configuration time: which attribute
 * of the request to test, the regular expression, and the variables to set or unset when it
 * matches.
 *
 * <p>Attributes, as Apache's mod_setenvif: {@code Remote_Host}, {@code Remote_Addr},
 * {@code Server_Addr}, {@code Request_Method}, {@code Request_Protocol}, {@code Request_URI}
 * (the decoded path); any other name is a request header (without case), and if the request has
 * no such header, an environment variable an earlier rule set. An attribute holding regular
 * expression characters is a pattern over header names: the first header whose name matches and
 * whose value matches counts. Values may use {@code $0}..{@code $9} from the match.
 * {@code SetEnvIfExpr} tests an {@link Expression} instead.
 */
final class EnvRule {

    private enum Attribute { REMOTE_HOST, REMOTE_ADDR, SERVER_ADDR, REQUEST_METHOD, REQUEST_PROTOCOL, REQUEST_URI, HEADER, HEADER_PATTERN, EXPRESSION }

    /** One {@code [!]name[=value]} of a rule. */
    private record Action(String name, boolean unset, String value, boolean substitutes) {
    }

    private final Attribute attribute;
    private final String name;
    private final Pattern namePattern;
    private final Pattern pattern;
    private final Action[] actions;
    /** The condition of a {@code SetEnvIfExpr}; null for the others. */
    private final Expression expression;

    private EnvRule(Attribute attribute, String name, Pattern namePattern, Pattern pattern, Action[] actions) {
        this(attribute, name, namePattern, pattern, actions, null);
    }

    private EnvRule(Attribute attribute, String name, Pattern namePattern, Pattern pattern, Action[] actions, Expression expression) {
        this.expression = expression;
        this.attribute = attribute;
        this.name = name;
        this.namePattern = namePattern;
        this.pattern = pattern;
        this.actions = actions;
    }

    /** Compiles {@code attribute regex [!]var[=value] ...}; {@code noCase} makes the regex ignore case. */
    static EnvRule compile(String attribute, String regex, List<String> assignments, boolean noCase) throws ConfigException {
        if (assignments.isEmpty()) {
            throw new ConfigException("JH12001 Missing envariable expression for SetEnvIf");
        }
        Pattern pattern;
        try {
            // PCRE as Apache reads it: "\.gif$" must not match a name ending in a newline
            pattern = ApacheRegex.compile(regex, noCase);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JH12002 Regular expression could not be compiled: " + regex + " (" + e.getMessage() + ")");
        }
        Action[] actions = actions(assignments, true);
        Attribute kind;
        Pattern namePattern = null;
        switch (attribute.toLowerCase(Locale.ROOT)) {
            case "remote_host" -> kind = Attribute.REMOTE_HOST;
            case "remote_addr" -> kind = Attribute.REMOTE_ADDR;
            case "server_addr" -> kind = Attribute.SERVER_ADDR;
            case "request_method" -> kind = Attribute.REQUEST_METHOD;
            case "request_protocol" -> kind = Attribute.REQUEST_PROTOCOL;
            case "request_uri" -> kind = Attribute.REQUEST_URI;
            default -> {
                if (hasRegexCharacters(attribute)) {
                    kind = Attribute.HEADER_PATTERN;
                    try {
                        namePattern = ApacheRegex.compile(attribute, true);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException("JH12002 Regular expression could not be compiled: " + attribute);
                    }
                } else {
                    kind = Attribute.HEADER;
                }
            }
        }
        return new EnvRule(kind, attribute, namePattern, pattern, actions);
    }

    /** Compiles {@code SetEnvIfExpr expr [!]var[=value] ...}: the variables change when {@code expr} holds. */
    static EnvRule compileExpression(Expression expr, List<String> assignments) throws ConfigException {
        if (assignments.isEmpty()) {
            throw new ConfigException("JH12001 Missing envariable expression for SetEnvIfExpr");
        }
        // no regular expression of its own to take $1 from: values are as written
        return new EnvRule(Attribute.EXPRESSION, null, null, null, actions(assignments, false), expr);
    }

    private static Action[] actions(List<String> assignments, boolean substitutes) throws ConfigException {
        List<Action> actions = new ArrayList<>();
        for (String a : assignments) {
            boolean unset = a.startsWith("!");
            String spec = unset ? a.substring(1) : a;
            int eq = spec.indexOf('=');
            String var = eq < 0 ? spec : spec.substring(0, eq);
            if (var.isEmpty()) {
                throw new ConfigException("JH12001 Missing envariable expression for SetEnvIf: " + a);
            }
            String value = unset ? null : eq < 0 ? "1" : spec.substring(eq + 1);
            actions.add(new Action(var, unset, value, substitutes && value != null && value.indexOf('$') >= 0));
        }
        return actions.toArray(new Action[0]);
    }

    /** As Apache's {@code is_header_regex}: any of these makes the attribute a pattern. */
    private static boolean hasRegexCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if ("$^.[]|()*+?{}\\".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Tests {@code r} and, on a match, sets and unsets its variables. */
    void apply(Request r) {
        if (attribute == Attribute.EXPRESSION) {
            if (expression.test(r)) {
                setVariables(r, null);
            }
            return;
        }
        if (attribute == Attribute.HEADER_PATTERN) {
            Headers h = r.headersIn();
            for (int i = 0, n = h.size(); i < n; i++) {
                if (namePattern.matcher(h.nameAt(i)).matches() && tryMatch(h.valueAt(i), r)) {
                    return;
                }
            }
            return;
        }
        String value = value(r);
        if (value != null) {
            tryMatch(value, r);
        }
    }

    private boolean tryMatch(String value, Request r) {
        Matcher m = pattern.matcher(value);
        if (!m.find()) {
            return false;
        }
        setVariables(r, m);
        return true;
    }

    private void setVariables(Request r, Matcher m) {
        Map<String, String> env = r.subprocessEnv();
        for (Action a : actions) {
            if (a.unset()) {
                env.remove(a.name());
            } else {
                env.put(a.name(), a.substitutes() ? ApacheRegex.substitute(a.value(), m) : a.value());
            }
        }
    }

    private String value(Request r) {
        Connection c = r.connection();
        switch (attribute) {
            case REMOTE_HOST:
            case REMOTE_ADDR:
                return r.remoteIp();
            case SERVER_ADDR:
                return c == null ? null : c.localIp();
            case REQUEST_METHOD:
                return r.method();
            case REQUEST_PROTOCOL:
                return r.protocol();
            case REQUEST_URI:
                return r.uri();
            default:
                String v = r.headersIn().get(name);
                return v != null ? v : r.subprocessEnv().get(name);
        }
    }
}
