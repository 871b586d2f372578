package io.jhttpd.mod.rewrite.internal;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Expression;
import io.jhttpd.api.Scope;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code RewriteCond TestString CondPattern [flags]}: a regular expression (optionally
 * negated with {@code !}), a lexicographic comparison ({@code < > = <= >=}), an integer comparison
 * ({@code -eq -ne -lt -le -gt -ge}), a file test ({@code -d -f -s -l -L -h -x -F -U -H}), or with
 * {@code expr} as TestString an {@link Expression} as CondPattern. Immutable.
 */
final class RewriteCondition {

    /** The kinds of CondPattern. */
    enum Kind {
        REGEX, STRING_LT, STRING_GT, STRING_EQ, STRING_LE, STRING_GE,
        INT_EQ, INT_NE, INT_LT, INT_LE, INT_GT, INT_GE,
        DIRECTORY, FILE, FILE_NON_EMPTY, SYMLINK, EXECUTABLE, FILE_VIA_SUBREQUEST, URL_VIA_SUBREQUEST, EXPRESSION
    }

    final String testString;
    final String patternText;
    final Kind kind;
    final boolean negated;
    final String operand;
    final Pattern regex;
    final ThreadLocal<java.util.regex.Matcher> matchers;
    final boolean noCase;
    final boolean orNext;
    final boolean noVary;
    /** The CondPattern of {@code RewriteCond expr ...}; null for the other kinds. */
    final Expression expression;

    private RewriteCondition(String testString, String patternText, Kind kind, boolean negated, String operand,
            boolean noCase, boolean orNext, boolean noVary, Expression expression) {
        this.testString = testString;
        this.patternText = patternText;
        this.kind = kind;
        this.negated = negated;
        this.operand = operand;
        this.noCase = noCase;
        this.orNext = orNext;
        this.noVary = noVary;
        this.expression = expression;
        this.regex = kind == Kind.REGEX ? PcrePattern.compile(operand, noCase) : null;
        this.matchers = regex == null ? null : PcrePattern.matcherCache(regex);
    }

    /** Parses the directive's arguments; {@link IllegalArgumentException} says what is wrong. */
    static RewriteCondition parse(List<String> args) {
        return parse(args, Scope.SERVER);
    }

    /**
     * Parses the directive's arguments, written in {@code scope} (an expression from an
     * {@code .htaccess} file may not read files); {@link IllegalArgumentException} says what is wrong.
     */
    static RewriteCondition parse(List<String> args, Scope scope) {
        if (args.size() < 2 || args.size() > 3) {
            throw new IllegalArgumentException("RewriteCond: bad argument line '" + String.join(" ", args)
                    + "' (expected TestString CondPattern [flags])");
        }
        boolean noCase = false;
        boolean orNext = false;
        boolean noVary = false;
        if (args.size() == 3) {
            String f = args.get(2);
            if (!(f.startsWith("[") && f.endsWith("]"))) {
                throw new IllegalArgumentException("RewriteCond: bad flag delimiters (flags must be written as [flag,flag...])");
            }
            for (String flag : f.substring(1, f.length() - 1).split(",")) {
                switch (flag.trim().toLowerCase(Locale.ROOT)) {
                    case "nc":
                    case "nocase":
                        noCase = true;
                        break;
                    case "or":
                    case "ornext":
                        orNext = true;
                        break;
                    case "nv":
                    case "novary":
                        noVary = true;
                        break;
                    case "":
                        break;
                    default:
                        throw new IllegalArgumentException("RewriteCond: unknown flag '" + flag.trim() + "'");
                }
            }
        }
        String test = args.get(1);
        String p = test;
        boolean negated = p.startsWith("!");
        if (negated) {
            p = p.substring(1);
        }
        if (args.get(0).equalsIgnoreCase("expr")) {
            // as Apache: a leading '!' negates the condition as a whole, so "!a && b" is !(a && b)
            try {
                return new RewriteCondition(args.get(0), test, Kind.EXPRESSION, negated, "", noCase, orNext, noVary,
                        Expression.parse(p, scope));
            } catch (ConfigException e) {
                throw new IllegalArgumentException("RewriteCond: cannot parse expression: " + e.getMessage());
            }
        }
        Kind kind = Kind.REGEX;
        String operand = p;
        Kind fileTest = testKind(p);
        if (fileTest != null) {
            kind = fileTest;
            operand = "";
        }
        if (kind == Kind.REGEX) {
            Kind k = null;
            String rest = null;
            if (p.startsWith("<=") || p.startsWith(">=")) {
                k = p.charAt(0) == '<' ? Kind.STRING_LE : Kind.STRING_GE;
                rest = p.substring(2);
            } else if (p.startsWith("<") || p.startsWith(">") || p.startsWith("=")) {
                k = p.charAt(0) == '<' ? Kind.STRING_LT : p.charAt(0) == '>' ? Kind.STRING_GT : Kind.STRING_EQ;
                rest = p.substring(1);
            } else if (p.startsWith("-") && p.length() >= 3) {
                k = intKind(p.substring(0, 3));
                if (k != null) {
                    rest = p.substring(3);
                }
            }
            if (k != null) {
                kind = k;
                operand = k == Kind.STRING_EQ && rest.equals("\"\"") ? "" : rest;
            }
        }
        return new RewriteCondition(args.get(0), test, kind, negated, operand, noCase, orNext, noVary, null);
    }

    private static Kind testKind(String p) {
        switch (p) {
            case "-d":
                return Kind.DIRECTORY;
            case "-f":
                return Kind.FILE;
            case "-s":
                return Kind.FILE_NON_EMPTY;
            case "-l":
            case "-L":
            case "-h":
            case "-H":
                return Kind.SYMLINK;
            case "-x":
                return Kind.EXECUTABLE;
            case "-F":
                return Kind.FILE_VIA_SUBREQUEST;
            case "-U":
                return Kind.URL_VIA_SUBREQUEST;
            default:
                return null;
        }
    }

    private static Kind intKind(String op) {
        switch (op) {
            case "-eq":
                return Kind.INT_EQ;
            case "-ne":
                return Kind.INT_NE;
            case "-lt":
                return Kind.INT_LT;
            case "-le":
                return Kind.INT_LE;
            case "-gt":
                return Kind.INT_GT;
            case "-ge":
                return Kind.INT_GE;
            default:
                return null;
        }
    }

    @Override
    public String toString() {
        return "RewriteCond " + testString + " " + patternText;
    }
}
