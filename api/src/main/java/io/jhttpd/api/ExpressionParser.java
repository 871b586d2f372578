package io.jhttpd.api;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parser behind {@link Expression}: recursive descent over the text, straight into a tree of
 * {@link Condition}s and {@link Word}s. Everything that can be decided from the text alone (regular
 * expressions, constant subnets and wildcard patterns, the names of variables and functions) is
 * decided here, so a request only evaluates.
 */
final class ExpressionParser {

    /** A boolean node. */
    interface Condition {
        boolean test(Evaluation e);
    }

    /** A string-valued node. */
    interface Word {
        String value(Evaluation e);
    }

    /** One evaluation: the request, and the groups of the last regular expression that matched ({@code $0}..{@code $9}). */
    static final class Evaluation {
        final Request request;
        String[] groups;

        Evaluation(Request request) {
            this.request = request;
        }

        String group(int n) {
            return groups == null || n >= groups.length || groups[n] == null ? "" : groups[n];
        }
    }

    /** A word whose value the text alone decides. */
    private record Constant(String text) implements Word {
        @Override
        public String value(Evaluation e) {
            return text;
        }
    }

    private static final Set<String> FALSE_WORDS = Set.of("", "0", "off", "false", "no");
    private static final String FILE_FUNCTIONS_REFUSED = " is not allowed in .htaccess expressions (it reads the server's files)";

    private final String src;
    private final boolean restricted;
    private int pos;

    private ExpressionParser(String src, boolean restricted) {
        this.src = src;
        this.restricted = restricted;
    }

    static Condition parse(String text, boolean restricted) throws ConfigException {
        ExpressionParser p = new ExpressionParser(text, restricted);
        Condition c = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.substring(p.pos) + "'");
        }
        return c;
    }

    private ConfigException error(String what) {
        return new ConfigException(what + " in: " + src);
    }

    // ---- conditions ---------------------------------------------------------------------------

    private Condition or() throws ConfigException {
        Condition left = and();
        while (accept("||")) {
            Condition a = left;
            Condition b = and();
            left = e -> a.test(e) || b.test(e);
        }
        return left;
    }

    private Condition and() throws ConfigException {
        Condition left = unary();
        while (accept("&&")) {
            Condition a = left;
            Condition b = unary();
            left = e -> a.test(e) && b.test(e);
        }
        return left;
    }

    private Condition unary() throws ConfigException {
        skipSpace();
        if (pos >= src.length()) {
            throw error("expected a condition at the end");
        }
        if (accept("!")) {
            Condition inner = unary();
            return e -> !inner.test(e);
        }
        if (accept("(")) {
            Condition inner = or();
            expect(")");
            return inner;
        }
        if (acceptKeyword("true")) {
            return e -> true;
        }
        if (acceptKeyword("false")) {
            return e -> false;
        }
        if (src.charAt(pos) == '-' && pos + 1 < src.length() && Character.isLetter(src.charAt(pos + 1))
                && (pos + 2 >= src.length() || !isNameChar(src.charAt(pos + 2)))) {
            char op = src.charAt(pos + 1);
            pos += 2;
            return unaryTest(op);
        }
        return comparison(word());
    }

    private Condition unaryTest(char op) throws ConfigException {
        switch (op) {
            case 'n': {
                Word w = word();
                return e -> !w.value(e).isEmpty();
            }
            case 'z': {
                Word w = word();
                return e -> w.value(e).isEmpty();
            }
            case 'T': {
                Word w = word();
                return e -> !FALSE_WORDS.contains(w.value(e).toLowerCase(Locale.ROOT));
            }
            case 'R': {
                IpSubnetTest subnet = subnetOf(word());
                return e -> subnet.contains(e, e.request.remoteIp());
            }
            case 'd':
            case 'e':
            case 'f':
            case 's':
            case 'L':
            case 'h':
            case 'x':
                return fileTest(op, word());
            case 'U':
            case 'A':
            case 'F':
                throw error("the sub-request test -" + op + " is not supported");
            default:
                throw error("unknown unary operator -" + op);
        }
    }

    private Condition fileTest(char op, Word path) throws ConfigException {
        if (restricted) {
            throw error("the file test -" + op + FILE_FUNCTIONS_REFUSED);
        }
        return e -> {
            String p = path.value(e);
            if (p.isEmpty()) {
                return false;
            }
            try {
                Path file = Path.of(p);
                if (op == 'L' || op == 'h') {
                    return Files.isSymbolicLink(file);
                }
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                switch (op) {
                    case 'd':
                        return a.isDirectory();
                    case 'f':
                        return a.isRegularFile();
                    case 's':
                        return a.isRegularFile() && a.size() > 0;
                    case 'x':
                        return Files.isExecutable(file);
                    default:
                        return true;
                }
            } catch (IOException | RuntimeException ex) {
                return false;
            }
        };
    }

    private Condition comparison(Word left) throws ConfigException {
        skipSpace();
        String op = operator();
        switch (op) {
            case "==":
            case "=":
                return stringOrder(left, c -> c == 0);
            case "!=":
                return stringOrder(left, c -> c != 0);
            case "<":
                return stringOrder(left, c -> c < 0);
            case "<=":
                return stringOrder(left, c -> c <= 0);
            case ">":
                return stringOrder(left, c -> c > 0);
            case ">=":
                return stringOrder(left, c -> c >= 0);
            case "eq":
                return integerOrder(left, c -> c == 0);
            case "ne":
                return integerOrder(left, c -> c != 0);
            case "lt":
                return integerOrder(left, c -> c < 0);
            case "le":
                return integerOrder(left, c -> c <= 0);
            case "gt":
                return integerOrder(left, c -> c > 0);
            case "ge":
                return integerOrder(left, c -> c >= 0);
            case "=~":
            case "!~":
                return regexMatch(left, op.equals("=~"));
            case "in":
                return in(left);
            case "ipmatch": {
                IpSubnetTest subnet = subnetOf(word());
                return e -> subnet.contains(e, left.value(e));
            }
            case "strmatch":
                return wildcard(left, false, false);
            case "strcmatch":
                return wildcard(left, true, false);
            case "fnmatch":
                return wildcard(left, false, true);
            default:
                throw error("unknown binary operator -" + op);
        }
    }

    /** The operator at {@code pos}: a symbol, or a name (with or without its dash) in lower case. */
    private String operator() throws ConfigException {
        for (String symbol : new String[] {"==", "=~", "!=", "!~", "<=", ">=", "=", "<", ">"}) {
            if (src.startsWith(symbol, pos)) {
                pos += symbol.length();
                return symbol;
            }
        }
        int start = pos;
        boolean dash = pos < src.length() && src.charAt(pos) == '-';
        int i = dash ? pos + 1 : pos;
        int nameStart = i;
        while (i < src.length() && isNameChar(src.charAt(i))) {
            i++;
        }
        String name = src.substring(nameStart, i).toLowerCase(Locale.ROOT);
        if (name.isEmpty() || !dash && !Set.of("eq", "ne", "lt", "le", "gt", "ge", "in").contains(name)) {
            throw error(start >= src.length() ? "expected an operator at the end"
                    : "expected an operator but found '" + src.substring(start) + "'");
        }
        pos = i;
        return name;
    }

    private Condition stringOrder(Word left, java.util.function.IntPredicate order) throws ConfigException {
        Word right = word();
        return e -> order.test(left.value(e).compareTo(right.value(e)));
    }

    /** As Apache's integer comparisons ({@code apr_atoi64}): leading digits count, a word without any is 0. */
    private Condition integerOrder(Word left, java.util.function.IntPredicate order) throws ConfigException {
        Word right = word();
        return e -> order.test(Long.compare(atoi(left.value(e)), atoi(right.value(e))));
    }

    static long atoi(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            long next = v * 10 + (s.charAt(i) - '0');
            if (next < v) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            v = next;
            i++;
        }
        return negative ? -v : v;
    }

    private Condition regexMatch(Word left, boolean want) throws ConfigException {
        Pattern p = regex();
        return e -> {
            Matcher m = p.matcher(left.value(e));
            if (!m.find()) {
                return !want;
            }
            String[] groups = new String[Math.min(10, m.groupCount() + 1)];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = m.group(g);
            }
            e.groups = groups;
            return want;
        };
    }

    private Pattern regex() throws ConfigException {
        skipSpace();
        if (pos >= src.length()) {
            throw error("expected a regular expression at the end");
        }
        char close;
        char c = src.charAt(pos);
        if (c == '/') {
            close = '/';
            pos++;
        } else if (c == 'm' && pos + 1 < src.length() && !Character.isLetterOrDigit(src.charAt(pos + 1))
                && !Character.isWhitespace(src.charAt(pos + 1))) {
            close = src.charAt(pos + 1);
            pos += 2;
        } else {
            throw error("expected /regex/ or m#regex# but found '" + src.substring(pos) + "'");
        }
        int start = pos;
        while (pos < src.length() && src.charAt(pos) != close) {
            pos += src.charAt(pos) == '\\' ? 2 : 1;
        }
        if (pos >= src.length()) {
            throw error("unterminated regular expression " + src.substring(start - 1));
        }
        String body = src.substring(start, pos);
        pos++;
        boolean noCase = false;
        while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
            if (src.charAt(pos) != 'i') {
                throw error("unknown regular expression flag '" + src.charAt(pos) + "'");
            }
            noCase = true;
            pos++;
        }
        try {
            return ApacheRegex.compile(body, noCase);
        } catch (IllegalArgumentException ex) {
            throw error("bad regular expression: " + ex.getMessage());
        }
    }

    private Condition in(Word left) throws ConfigException {
        skipSpace();
        if (!accept("{")) {
            throw error("expected '{' and a list of words after 'in'");
        }
        List<Word> items = new ArrayList<>();
        do {
            items.add(word());
        } while (accept(","));
        expect("}");
        Word[] list = items.toArray(new Word[0]);
        return e -> {
            String v = left.value(e);
            for (Word item : list) {
                if (item.value(e).equals(v)) {
                    return true;
                }
            }
            return false;
        };
    }

    private Condition wildcard(Word left, boolean noCase, boolean pathname) throws ConfigException {
        Word right = word();
        if (right instanceof Constant) {
            String glob = ((Constant) right).text();
            Pattern p = globPattern(glob, noCase, pathname);
            if (p == null) {
                throw error("bad wildcard pattern '" + glob + "'");
            }
            return e -> p.matcher(left.value(e)).matches();
        }
        return e -> {
            Pattern p = globPattern(right.value(e), noCase, pathname);
            return p != null && p.matcher(left.value(e)).matches();
        };
    }

    private static Pattern globPattern(String glob, boolean noCase, boolean pathname) {
        try {
            return Pattern.compile(globToRegex(glob, pathname), Pattern.DOTALL | (noCase ? Pattern.CASE_INSENSITIVE : 0));
        } catch (java.util.regex.PatternSyntaxException e) {
            return null;
        }
    }

    /** {@code fnmatch} wildcards ({@code * ? [...]}, {@code \} quoting) as a regular expression; with {@code pathname} they do not match {@code /}. */
    static String globToRegex(String glob, boolean pathname) {
        String any = pathname ? "[^/]" : ".";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                sb.append(any).append('*');
            } else if (c == '?') {
                sb.append(any);
            } else if (c == '\\' && i + 1 < glob.length()) {
                sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (c == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String body = glob.substring(i + 1, end);
                boolean negate = body.startsWith("!") || body.startsWith("^");
                if (negate) {
                    body = body.substring(1);
                }
                sb.append('[').append(negate ? "^" : "");
                for (int k = 0; k < body.length(); k++) {
                    char b = body.charAt(k);
                    // letters, digits and a range's '-' as they are, anything else quoted
                    if (!Character.isLetterOrDigit(b) && b != '-') {
                        sb.append('\\');
                    }
                    sb.append(b);
                }
                sb.append(']');
                i = end;
            } else {
                sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    // ---- words --------------------------------------------------------------------------------

    /** A word, or words joined with {@code .}. */
    private Word word() throws ConfigException {
        Word w = primary();
        while (accept(".")) {
            Word a = w;
            Word b = primary();
            if (a instanceof Constant && b instanceof Constant) {
                w = new Constant(((Constant) a).text() + ((Constant) b).text());
            } else {
                w = e -> a.value(e) + b.value(e);
            }
        }
        return w;
    }

    private Word primary() throws ConfigException {
        skipSpace();
        if (pos >= src.length()) {
            throw error("expected a word at the end");
        }
        char c = src.charAt(pos);
        if (c >= '0' && c <= '9') {
            int start = pos;
            while (pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '9') {
                pos++;
            }
            return new Constant(src.substring(start, pos));
        }
        if (c == '\'' || c == '"') {
            return quoted(c);
        }
        if (c == '%' && src.startsWith("%{", pos)) {
            return variable();
        }
        if (c == '$' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
            int n = src.charAt(pos + 1) - '0';
            pos += 2;
            return e -> e.group(n);
        }
        if (Character.isLetter(c)) {
            int start = pos;
            while (pos < src.length() && isNameChar(src.charAt(pos))) {
                pos++;
            }
            String name = src.substring(start, pos);
            skipSpace();
            if (!accept("(")) {
                throw error("expected a string, number, %{VAR} or function but found '" + name + "'");
            }
            Word arg = word();
            expect(")");
            return function(name, arg);
        }
        throw error("expected a string, number, %{VAR} or function but found '" + src.substring(pos) + "'");
    }

    /** A quoted string; {@code %{VAR}} and {@code $N} in it are replaced, a backslash takes the next character as it is. */
    private Word quoted(char quote) throws ConfigException {
        int open = pos++;
        List<Word> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw error("unterminated string " + src.substring(open));
            }
            char c = src.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < src.length()) {
                literal.append(src.charAt(pos + 1));
                pos += 2;
            } else if (c == '%' && src.startsWith("%{", pos)) {
                flush(literal, parts);
                parts.add(variable());
            } else if (c == '$' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                flush(literal, parts);
                int n = src.charAt(pos + 1) - '0';
                parts.add(e -> e.group(n));
                pos += 2;
            } else {
                literal.append(c);
                pos++;
            }
        }
        flush(literal, parts);
        if (parts.isEmpty()) {
            return new Constant("");
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Word[] all = parts.toArray(new Word[0]);
        return e -> {
            StringBuilder sb = new StringBuilder();
            for (Word w : all) {
                sb.append(w.value(e));
            }
            return sb.toString();
        };
    }

    private static void flush(StringBuilder literal, List<Word> parts) {
        if (literal.length() > 0) {
            parts.add(new Constant(literal.toString()));
            literal.setLength(0);
        }
    }

    /** {@code %{NAME}}, or {@code %{func:arg}} for a function of a literal argument. */
    private Word variable() throws ConfigException {
        int end = src.indexOf('}', pos);
        if (end < 0) {
            throw error("unterminated %{ at " + src.substring(pos));
        }
        String inside = src.substring(pos + 2, end);
        pos = end + 1;
        int colon = inside.indexOf(':');
        if (colon > 0) {
            return function(inside.substring(0, colon), new Constant(inside.substring(colon + 1)));
        }
        return variable(inside);
    }

    private Word variable(String name) throws ConfigException {
        String upper = name.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "REQUEST_METHOD":
                return e -> e.request.method();
            case "REQUEST_SCHEME":
                return new Constant("http");
            case "HTTPS":
                return new Constant("off");
            case "REQUEST_URI":
                return e -> orEmpty(e.request.uri());
            case "REQUEST_FILENAME":
            case "SCRIPT_FILENAME":
                return e -> e.request.filename() == null ? "" : e.request.filename().toString();
            case "PATH_INFO":
                return e -> orEmpty(e.request.pathInfo());
            case "QUERY_STRING":
                return e -> orEmpty(e.request.queryString());
            case "IS_SUBREQ":
                return e -> e.request.isSubRequest() ? "true" : "false";
            case "THE_REQUEST":
                return e -> orEmpty(e.request.requestLine());
            case "REMOTE_ADDR":
            case "REMOTE_HOST":
                return e -> orEmpty(e.request.remoteIp());
            case "REMOTE_USER":
                return e -> orEmpty(e.request.user());
            case "REMOTE_IDENT":
            case "AUTH_TYPE":
                return new Constant("");
            case "SERVER_NAME":
                return e -> {
                    String host = e.request.hostname();
                    return host != null ? host : e.request.server() == null ? "" : orEmpty(e.request.server().serverName());
                };
            case "SERVER_PORT":
                return e -> Integer.toString(e.request.serverPort());
            case "SERVER_ADMIN":
                return e -> e.request.server() == null ? "" : orEmpty(e.request.server().serverAdmin());
            case "SERVER_PROTOCOL":
                return e -> orEmpty(e.request.protocol());
            case "DOCUMENT_ROOT":
                return e -> e.request.server() == null || e.request.server().documentRoot() == null ? ""
                        : e.request.server().documentRoot().toString();
            case "CONTENT_TYPE":
                return e -> orEmpty(e.request.contentType());
            case "HANDLER":
                return e -> orEmpty(e.request.handler());
            case "IPV6":
                return e -> {
                    Connection c = e.request.connection();
                    InetSocketAddress a = c == null ? null : c.remoteAddress();
                    return a != null && a.getAddress() instanceof Inet6Address ? "on" : "off";
                };
            case "REQUEST_STATUS":
                return e -> Integer.toString(e.request.status());
            case "SERVER_SOFTWARE":
                return e -> e.request.server() == null ? "" : orEmpty(e.request.server().softwareName());
            case "API_VERSION":
                // Apache 2.4's module magic number
                return new Constant("20120211");
            case "TIME_YEAR":
                return e -> Integer.toString(now().getYear());
            case "TIME_MON":
                return e -> twoDigits(now().getMonthValue());
            case "TIME_DAY":
                return e -> twoDigits(now().getDayOfMonth());
            case "TIME_HOUR":
                return e -> twoDigits(now().getHour());
            case "TIME_MIN":
                return e -> twoDigits(now().getMinute());
            case "TIME_SEC":
                return e -> twoDigits(now().getSecond());
            case "TIME_WDAY":
                return e -> Integer.toString(now().getDayOfWeek().getValue() % 7);
            case "TIME":
                return e -> {
                    ZonedDateTime t = now();
                    return t.getYear() + twoDigits(t.getMonthValue()) + twoDigits(t.getDayOfMonth())
                            + twoDigits(t.getHour()) + twoDigits(t.getMinute()) + twoDigits(t.getSecond());
                };
            case "HTTP_ACCEPT":
            case "HTTP_COOKIE":
            case "HTTP_FORWARDED":
            case "HTTP_HOST":
            case "HTTP_PROXY_CONNECTION":
            case "HTTP_REFERER":
            case "HTTP_USER_AGENT": {
                // only these headers are variables, as in Apache; req('Name') reads any other
                String header = upper.substring(5).replace('_', '-');
                return e -> orEmpty(joined(e.request.headersIn(), header));
            }
            default:
                throw error("unknown variable %{" + name + "}" + (upper.startsWith("HTTP_")
                        ? " (of the request headers, only HTTP_ACCEPT, HTTP_COOKIE, HTTP_FORWARDED, HTTP_HOST,"
                                + " HTTP_PROXY_CONNECTION, HTTP_REFERER and HTTP_USER_AGENT are variables: use req('Name'))" : ""));
        }
    }

    private Word function(String name, Word arg) throws ConfigException {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "req":
            case "http":
            case "req_novary":
                return e -> orEmpty(joined(e.request.headersIn(), arg.value(e)));
            case "resp":
                return e -> orEmpty(joined(e.request.headersOut(), arg.value(e)));
            case "reqenv":
                return e -> orEmpty(e.request.subprocessEnv().get(arg.value(e)));
            case "osenv":
                return e -> orEmpty(System.getenv(arg.value(e)));
            case "note":
                return e -> orEmpty(e.request.notes().get(arg.value(e)));
            case "env":
                return e -> {
                    String key = arg.value(e);
                    String v = e.request.notes().get(key);
                    if (v == null) {
                        v = e.request.subprocessEnv().get(key);
                    }
                    return orEmpty(v != null ? v : System.getenv(key));
                };
            case "tolower":
                return e -> arg.value(e).toLowerCase(Locale.ROOT);
            case "toupper":
                return e -> arg.value(e).toUpperCase(Locale.ROOT);
            case "escape":
                return e -> escape(arg.value(e));
            case "unescape":
                return e -> unescape(arg.value(e));
            case "base64":
                return e -> Base64.getEncoder().encodeToString(arg.value(e).getBytes(StandardCharsets.ISO_8859_1));
            case "unbase64":
                return e -> {
                    try {
                        return new String(Base64.getMimeDecoder().decode(arg.value(e)), StandardCharsets.ISO_8859_1);
                    } catch (IllegalArgumentException ex) {
                        return "";
                    }
                };
            case "md5":
                return e -> digest("MD5", arg.value(e));
            case "sha1":
                return e -> digest("SHA-1", arg.value(e));
            case "file":
            case "filesize":
                if (restricted) {
                    throw error("the function " + name + "()" + FILE_FUNCTIONS_REFUSED);
                }
                boolean size = name.equalsIgnoreCase("filesize");
                return e -> {
                    try {
                        Path p = Path.of(arg.value(e));
                        if (size) {
                            return Files.isRegularFile(p) ? Long.toString(Files.size(p)) : "0";
                        }
                        return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                    } catch (IOException | RuntimeException ex) {
                        return size ? "0" : "";
                    }
                };
            default:
                throw error("unknown function " + name + "()");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A header's values joined with ", " ({@link Headers#joined}); null for no table or an empty name. */
    private static String joined(Headers headers, String name) {
        return headers == null || name.isEmpty() ? null : headers.joined(name);
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.ofInstant(Instant.now(), ZoneId.systemDefault());
    }

    private static String twoDigits(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** {@code %XX} for every byte a path may not hold as it is (Apache's {@code ap_escape_uri}). */
    static String escape(String s) {
        StringBuilder sb = null;
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = b < 0x80 && (Character.isLetterOrDigit(b) || "$-_.+!*'(),:@&=/~".indexOf(b) >= 0);
            if (plain && sb == null) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(bytes.length + 16);
                sb.append(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 15, 16)));
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** Decodes {@code %XX}, except {@code %2F}, which stays as it is; a malformed escape stays too. */
    static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int hi = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (lo >= 0 && (hi << 4 | lo) != '/') {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String digest(String algorithm, String s) {
        try {
            byte[] d = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder sb = new StringBuilder(d.length * 2);
            for (byte b : d) {
                sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", ex);
        }
    }

    /** {@code -ipmatch}'s and {@code -R}'s right side: a subnet from the text, or one read per request. */
    private interface IpSubnetTest {
        boolean contains(Evaluation e, String ip);
    }

    private IpSubnetTest subnetOf(Word w) throws ConfigException {
        if (w instanceof Constant) {
            IpSubnet subnet;
            try {
                subnet = IpSubnet.parse(((Constant) w).text());
            } catch (IllegalArgumentException ex) {
                throw error(ex.getMessage());
            }
            return (e, ip) -> subnet.contains(ip);
        }
        return (e, ip) -> {
            try {
                return IpSubnet.parse(w.value(e)).contains(ip);
            } catch (IllegalArgumentException ex) {
                return false;
            }
        };
    }

    // ---- lexing -------------------------------------------------------------------------------

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private boolean accept(String token) {
        skipSpace();
        if (src.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        if (src.startsWith(keyword, pos) && (end >= src.length() || !isNameChar(src.charAt(end)))
                && !(end < src.length() && src.charAt(end) == '(')) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(String token) throws ConfigException {
        if (!accept(token)) {
            throw error("expected '" + token + "'" + (pos < src.length() ? " but found '" + src.substring(pos) + "'" : " at the end"));
        }
    }
}
