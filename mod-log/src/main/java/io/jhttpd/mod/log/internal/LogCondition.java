package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Request;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code expr=} condition of a {@code CustomLog}: a subset of Apache's {@code ap_expr},
 * compiled once at configuration time into a tree of predicates (regular expressions compiled
 * then, and only where the expression uses {@code =~}).
 *
 * <p>The subset:
 * <ul>
 *   <li>boolean: {@code true}, {@code false}, {@code !e}, {@code e && e}, {@code e || e}, {@code (e)};</li>
 *   <li>unary tests: {@code -n word} (not empty), {@code -z word} (empty);</li>
 *   <li>comparisons: {@code == != < <= > >=} (strings), {@code -eq -ne -lt -le -gt -ge}
 *       (integers), {@code =~ !~} with {@code /regex/} or {@code m#regex#} (a trailing {@code i}
 *       ignores case), {@code word in {'a', 'b'}};</li>
 *   <li>words: {@code 'single'} or {@code "double"} quoted strings, digits, {@code %{VAR}} with
 *       VAR one of {@code REQUEST_METHOD REQUEST_URI REQUEST_FILENAME QUERY_STRING THE_REQUEST
 *       REQUEST_STATUS SERVER_PROTOCOL SERVER_NAME SERVER_PORT HTTP_HOST REMOTE_ADDR HANDLER
 *       CONTENT_TYPE REQUEST_SCHEME IPV6} or {@code HTTP_*} for a request header (as
 *       {@code HTTP_USER_AGENT}), and the functions {@code req('Name')}, {@code http('Name')},
 *       {@code resp('Name')}, {@code reqenv('VAR')}, {@code env('VAR')}, {@code note('name')},
 *       {@code tolower(word)}, {@code toupper(word)}.</li>
 * </ul>
 * Anything else is a configuration error naming what was expected.
 */
final class LogCondition {

    private final List<String> tokens;
    private int pos;

    private LogCondition(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Compiles {@code expr}. */
    static Predicate<Request> compile(String expr) throws ConfigException {
        LogCondition p = new LogCondition(tokenize(expr));
        Predicate<Request> result = p.or();
        if (p.pos != p.tokens.size()) {
            throw error(expr, "unexpected '" + p.tokens.get(p.pos) + "'");
        }
        return result;
    }

    private static ConfigException error(String expr, String what) {
        return new ConfigException("JH03005 Cannot parse expression in condition clause: " + what + " in: " + expr);
    }

    private Predicate<Request> or() throws ConfigException {
        Predicate<Request> left = and();
        while (accept("||")) {
            Predicate<Request> a = left;
            Predicate<Request> b = and();
            left = r -> a.test(r) || b.test(r);
        }
        return left;
    }

    private Predicate<Request> and() throws ConfigException {
        Predicate<Request> left = unary();
        while (accept("&&")) {
            Predicate<Request> a = left;
            Predicate<Request> b = unary();
            left = r -> a.test(r) && b.test(r);
        }
        return left;
    }

    private Predicate<Request> unary() throws ConfigException {
        if (accept("!")) {
            return unary().negate();
        }
        if (accept("(")) {
            Predicate<Request> inner = or();
            expect(")");
            return inner;
        }
        if (accept("true")) {
            return r -> true;
        }
        if (accept("false")) {
            return r -> false;
        }
        if (accept("-n")) {
            Function<Request, String> w = word();
            return r -> !w.apply(r).isEmpty();
        }
        if (accept("-z")) {
            Function<Request, String> w = word();
            return r -> w.apply(r).isEmpty();
        }
        Function<Request, String> left = word();
        String op = next("an operator");
        IntPredicate order = STRING_ORDER.get(op);
        if (order != null) {
            Function<Request, String> right = word();
            return r -> order.test(left.apply(r).compareTo(right.apply(r)));
        }
        IntPredicate numeric = INTEGER_ORDER.get(op);
        if (numeric != null) {
            return numeric(left, word(), numeric);
        }
        switch (op) {
            case "=~":
            case "!~": {
                Pattern p = regex(next("a regular expression"));
                boolean want = op.equals("=~");
                return r -> p.matcher(left.apply(r)).find() == want;
            }
            case "in": {
                expect("{");
                List<Function<Request, String>> items = new ArrayList<>();
                do {
                    items.add(word());
                } while (accept(","));
                expect("}");
                return r -> {
                    String v = left.apply(r);
                    for (Function<Request, String> item : items) {
                        if (item.apply(r).equals(v)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            default:
                throw error(String.join(" ", tokens), "expected an operator but found '" + op + "'");
        }
    }

    /** The comparison operators, each a test of {@code compareTo}'s sign. */
    private static final Map<String, IntPredicate> STRING_ORDER = Map.of(
            "==", c -> c == 0, "=", c -> c == 0, "!=", c -> c != 0,
            "<", c -> c < 0, "<=", c -> c <= 0, ">", c -> c > 0, ">=", c -> c >= 0);
    private static final Map<String, IntPredicate> INTEGER_ORDER = Map.of(
            "-eq", c -> c == 0, "-ne", c -> c != 0, "-lt", c -> c < 0, "-le", c -> c <= 0, "-gt", c -> c > 0, "-ge", c -> c >= 0);

    /** Integers compared; a side that is no integer makes the test false. */
    private static Predicate<Request> numeric(Function<Request, String> a, Function<Request, String> b, IntPredicate test) {
        return r -> {
            try {
                return test.test(Long.compare(Long.parseLong(a.apply(r).trim()), Long.parseLong(b.apply(r).trim())));
            } catch (NumberFormatException e) {
                return false;
            }
        };
    }

    private Pattern regex(String token) throws ConfigException {
        char open = token.charAt(0);
        int start = 1;
        char close = '/';
        if (open == 'm' && token.length() > 1) {
            close = token.charAt(1);
            start = 2;
        } else if (open != '/') {
            throw error(String.join(" ", tokens), "expected /regex/ but found '" + token + "'");
        }
        int end = token.lastIndexOf(close);
        if (end < start) {
            throw error(String.join(" ", tokens), "unterminated regular expression " + token);
        }
        String flags = token.substring(end + 1);
        try {
            return Pattern.compile(token.substring(start, end), flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw error(String.join(" ", tokens), "bad regular expression " + token + " (" + e.getDescription() + ")");
        }
    }

    private Function<Request, String> word() throws ConfigException {
        String t = next("a word");
        if (t.startsWith("'") || t.startsWith("\"")) {
            String literal = t.substring(1, t.length() - 1);
            return r -> literal;
        }
        if (!t.isEmpty() && Character.isDigit(t.charAt(0))) {
            return r -> t;
        }
        if (t.startsWith("%{") && t.endsWith("}")) {
            return variable(t.substring(2, t.length() - 1));
        }
        if (accept("(")) {
            Function<Request, String> arg = word();
            expect(")");
            switch (t.toLowerCase(Locale.ROOT)) {
                case "req":
                case "http":
                    return r -> orEmpty(arg.apply(r).isEmpty() ? null : LineFormat.joined(r.headersIn(), arg.apply(r), null));
                case "resp":
                    return r -> orEmpty(r.headersOut().get(arg.apply(r)));
                case "reqenv":
                case "env":
                    return r -> orEmpty(r.subprocessEnv().get(arg.apply(r)));
                case "note":
                    return r -> orEmpty(r.notes().get(arg.apply(r)));
                case "tolower":
                    return r -> arg.apply(r).toLowerCase(Locale.ROOT);
                case "toupper":
                    return r -> arg.apply(r).toUpperCase(Locale.ROOT);
                default:
                    throw error(String.join(" ", tokens), "unknown function " + t);
            }
        }
        throw error(String.join(" ", tokens), "expected a string, number, %{VAR} or function but found '" + t + "'");
    }

    private Function<Request, String> variable(String name) throws ConfigException {
        String upper = name.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "REQUEST_METHOD":
                return Request::method;
            case "REQUEST_URI":
                return r -> orEmpty(r.uri());
            case "REQUEST_FILENAME":
                return r -> r.filename() == null ? "" : r.filename().toString();
            case "QUERY_STRING":
                return r -> orEmpty(r.queryString());
            case "THE_REQUEST":
                return r -> orEmpty(r.requestLine());
            case "REQUEST_STATUS":
                return r -> Integer.toString(r.status());
            case "SERVER_PROTOCOL":
                return r -> orEmpty(r.protocol());
            case "SERVER_NAME":
                return r -> orEmpty(r.hostname());
            case "SERVER_PORT":
                return r -> {
                    Connection c = r.connection();
                    return c == null || c.localAddress() == null ? "" : Integer.toString(c.localAddress().getPort());
                };
            case "REMOTE_ADDR":
                return r -> {
                    Connection c = r.connection();
                    return c == null ? "" : orEmpty(c.remoteIp());
                };
            case "HANDLER":
                return r -> orEmpty(r.handler());
            case "CONTENT_TYPE":
                return r -> orEmpty(r.contentType());
            case "REQUEST_SCHEME":
                return r -> "http";
            case "IPV6":
                return r -> {
                    Connection c = r.connection();
                    InetSocketAddress a = c == null ? null : c.remoteAddress();
                    return a != null && a.getAddress() instanceof java.net.Inet6Address ? "on" : "off";
                };
            default:
                if (upper.startsWith("HTTP_")) {
                    String header = upper.substring(5).replace('_', '-');
                    return r -> orEmpty(LineFormat.joined(r.headersIn(), header, null));
                }
                throw error(String.join(" ", tokens), "unknown variable %{" + name + "}");
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private boolean accept(String token) {
        if (pos < tokens.size() && tokens.get(pos).equals(token)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String token) throws ConfigException {
        if (!accept(token)) {
            throw error(String.join(" ", tokens), "expected '" + token + "'"
                    + (pos < tokens.size() ? " but found '" + tokens.get(pos) + "'" : " at the end"));
        }
    }

    private String next(String what) throws ConfigException {
        if (pos >= tokens.size()) {
            throw error(String.join(" ", tokens), "expected " + what + " at the end");
        }
        return tokens.get(pos++);
    }

    /** Splits into quoted strings, {@code %{VAR}}, regexes, operators, punctuation and bare words. */
    static List<String> tokenize(String s) throws ConfigException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw error(s, "unterminated string");
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else if (c == '%' && i + 1 < n && s.charAt(i + 1) == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    throw error(s, "unterminated %{");
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else if (c == '/' || (c == 'm' && i + 1 < n && "#/|!".indexOf(s.charAt(i + 1)) >= 0
                    && !out.isEmpty() && (last(out).equals("=~") || last(out).equals("!~")))) {
                char close = c == '/' ? '/' : s.charAt(i + 1);
                int end = i + (c == '/' ? 1 : 2);
                while (end < n && s.charAt(end) != close) {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= n) {
                    throw error(s, "unterminated regular expression");
                }
                end++;
                while (end < n && s.charAt(end) == 'i') {
                    end++;
                }
                out.add(s.substring(i, end));
                i = end;
            } else if ("(){},".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if ("=!<>&|".indexOf(c) >= 0) {
                int end = i + 1;
                if (end < n && "=~&|".indexOf(s.charAt(end)) >= 0) {
                    end++;
                }
                out.add(s.substring(i, end));
                i = end;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(s.charAt(end)) && "(){},'\"=!<>&|".indexOf(s.charAt(end)) < 0) {
                    end++;
                }
                out.add(s.substring(i, end));
                i = end;
            }
        }
        return out;
    }

    private static String last(List<String> l) {
        return l.get(l.size() - 1);
    }
}
