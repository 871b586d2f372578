package io.jhttpd.mod.include.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The conditions of {@code <!--#if expr="..." -->}: the part of Apache's {@code ap_expr} that SSI
 * pages use, with the legacy SSI forms that still read the same way.
 *
 * <pre>
 * expr     := or
 * or       := and ( "||" and )*
 * and      := unary ( "&amp;&amp;" unary )*
 * unary    := "!" unary | "(" expr ")" | "-n" word | "-z" word | "true" | "false" | compare
 * compare  := word [ op word | ("=~" | "!~") regex ]      (a lone word: true if not empty)
 * op       := "==" | "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "-eq" | "-ne" | "-lt" | "-le" | "-gt" | "-ge"
 * word     := 'string' | "string" | v('name') | %{name} | $name | ${name} | bareword
 * regex    := /re/[i] | m#re#[i]  (any delimiter after m)
 * </pre>
 *
 * Strings substitute {@code $name}, {@code ${name}} and {@code %{name}} (SSI variables; unset is
 * empty; {@code \$} is a dollar). {@code -eq} and friends compare integers. Not supported:
 * {@code ap_expr}'s other functions, {@code -f}/{@code -U} file tests, list operators and the
 * {@code .} concatenation; they are reported as syntax errors.
 */
final class SsiExpr {

    private final List<String> tokens;
    private final Function<String, String> variables;
    private int at;

    private SsiExpr(List<String> tokens, Function<String, String> variables) {
        this.tokens = tokens;
        this.variables = variables;
    }

    /** Evaluates {@code expression}; a syntax error is an {@link IllegalArgumentException}. */
    static boolean evaluate(String expression, Function<String, String> variables) {
        SsiExpr e = new SsiExpr(tokenize(expression), variables);
        boolean result = e.or();
        if (e.at != e.tokens.size()) {
            throw new IllegalArgumentException("unexpected '" + e.tokens.get(e.at) + "' in expression: " + expression);
        }
        return result;
    }

    /** Replaces {@code $name}, {@code ${name}} and {@code %{name}} in {@code text}, as Apache's {@code ap_ssi_parse_string}. */
    static String substitute(String text, Function<String, String> variables) {
        if (text.indexOf('$') < 0 && text.indexOf('%') < 0 && text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                sb.append('$');
                i += 2;
            } else if ((c == '$' || c == '%') && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("missing '}' on variable in: " + text);
                }
                sb.append(valueOf(variables, text.substring(i + 2, close)));
                i = close + 1;
            } else if (c == '$') {
                int j = i + 1;
                while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    sb.append('$');
                    i++;
                } else {
                    sb.append(valueOf(variables, text.substring(i + 1, j)));
                    i = j;
                }
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String valueOf(Function<String, String> variables, String name) {
        String v = variables.apply(name);
        return v == null ? "" : v;
    }

    // ---- tokens: operators, quoted strings (kept with their quote), regexes (kept with "/"), words

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (s.startsWith("&&", i) || s.startsWith("||", i) || s.startsWith("==", i) || s.startsWith("!=", i)
                    || s.startsWith("=~", i) || s.startsWith("!~", i) || s.startsWith("<=", i) || s.startsWith(">=", i)) {
                out.add(s.substring(i, i + 2));
                i += 2;
            } else if (c == '!' || c == '<' || c == '>' || c == '=') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                StringBuilder sb = new StringBuilder().append(c);
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length() && s.charAt(j + 1) == c) {
                        j++;
                    }
                    sb.append(s.charAt(j++));
                }
                if (j == s.length()) {
                    throw new IllegalArgumentException("unterminated string in expression: " + s);
                }
                out.add(sb.toString());
                i = j + 1;
            } else if (c == '/' || (c == 'm' && i + 1 < s.length() && !Character.isLetterOrDigit(s.charAt(i + 1))
                    && !Character.isWhitespace(s.charAt(i + 1)) && s.charAt(i + 1) != '_' && s.charAt(i + 1) != '(')) {
                char delim = c == '/' ? '/' : s.charAt(i + 1);
                int from = c == '/' ? i + 1 : i + 2;
                int j = from;
                StringBuilder re = new StringBuilder();
                while (j < s.length() && s.charAt(j) != delim) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length() && s.charAt(j + 1) == delim) {
                        j++;
                    }
                    re.append(s.charAt(j++));
                }
                if (j == s.length()) {
                    throw new IllegalArgumentException("unterminated regular expression in: " + s);
                }
                j++;
                String flags = "";
                if (j < s.length() && s.charAt(j) == 'i') {
                    flags = "i";
                    j++;
                }
                out.add("/" + flags + "/" + re);
                i = j;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()&|=!<>".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                if (s.startsWith("v(", i) || s.startsWith("%{", i) || s.startsWith("${", i)) {
                    int close = s.indexOf(s.charAt(i) == 'v' ? ')' : '}', i);
                    if (close < 0) {
                        throw new IllegalArgumentException("unterminated variable in expression: " + s);
                    }
                    j = close + 1;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    // ---- grammar

    private String peek() {
        return at < tokens.size() ? tokens.get(at) : null;
    }

    private String take() {
        if (at == tokens.size()) {
            throw new IllegalArgumentException("expression ends too early");
        }
        return tokens.get(at++);
    }

    private boolean or() {
        boolean v = and();
        while ("||".equals(peek())) {
            at++;
            boolean right = and();
            v = v || right;
        }
        return v;
    }

    private boolean and() {
        boolean v = unary();
        while ("&&".equals(peek())) {
            at++;
            boolean right = unary();
            v = v && right;
        }
        return v;
    }

    private boolean unary() {
        String t = take();
        switch (t) {
            case "!":
                return !unary();
            case "(":
                boolean v = or();
                if (!")".equals(take())) {
                    throw new IllegalArgumentException("missing ')'");
                }
                return v;
            case "-n":
                return !word(take()).isEmpty();
            case "-z":
                return word(take()).isEmpty();
            case "true":
                return true;
            case "false":
                return false;
            default:
                return compare(word(t));
        }
    }

    private boolean compare(String left) {
        String op = peek();
        if (op == null || op.equals("&&") || op.equals("||") || op.equals(")")) {
            return !left.isEmpty();
        }
        at++;
        if (op.equals("=~") || op.equals("!~")) {
            String re = take();
            if (!re.startsWith("/")) {
                throw new IllegalArgumentException("regular expression expected after " + op + ", not '" + re + "'");
            }
            boolean matches = regex(re).matcher(left).find();
            return op.equals("=~") == matches;
        }
        String rightToken = take();
        if (rightToken.startsWith("/") && (op.equals("=") || op.equals("==") || op.equals("!="))) {
            // legacy SSI: $var = /regex/
            boolean matches = regex(rightToken).matcher(left).find();
            return op.equals("!=") != matches;
        }
        String right = word(rightToken);
        switch (op) {
            case "=":
            case "==":
                return left.equals(right);
            case "!=":
                return !left.equals(right);
            case "<":
                return left.compareTo(right) < 0;
            case "<=":
                return left.compareTo(right) <= 0;
            case ">":
                return left.compareTo(right) > 0;
            case ">=":
                return left.compareTo(right) >= 0;
            case "-eq":
                return number(left) == number(right);
            case "-ne":
                return number(left) != number(right);
            case "-lt":
                return number(left) < number(right);
            case "-le":
                return number(left) <= number(right);
            case "-gt":
                return number(left) > number(right);
            case "-ge":
                return number(left) >= number(right);
            default:
                throw new IllegalArgumentException("unknown operator '" + op + "'");
        }
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer: '" + s + "'");
        }
    }

    private static Pattern regex(String token) {
        int second = token.indexOf('/', 1);
        boolean ignoreCase = token.substring(1, second).contains("i");
        try {
            return Pattern.compile(token.substring(second + 1), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regular expression: " + e.getDescription());
        }
    }

    private String word(String t) {
        if (t.startsWith("'") || t.startsWith("\"")) {
            return substitute(t.substring(1), variables);
        }
        if (t.startsWith("v(") && t.endsWith(")")) {
            String name = t.substring(2, t.length() - 1).trim();
            if (name.length() >= 2 && (name.charAt(0) == '\'' || name.charAt(0) == '"')) {
                name = name.substring(1, name.length() - 1);
            }
            return valueOf(variables, name);
        }
        if ("()&&||!".contains(t) && !t.isEmpty() || t.startsWith("/")) {
            throw new IllegalArgumentException("operand expected, not '" + t + "'");
        }
        return substitute(t, variables);
    }
}
