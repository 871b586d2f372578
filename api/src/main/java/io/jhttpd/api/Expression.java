package io.jhttpd.api;

/**
 * A condition in Apache's expression language ({@code ap_expr}), as {@code <If>},
 * {@code CustomLog ... expr=}, {@code RewriteCond expr} and {@code SetEnvIfExpr} write it:
 * {@code %{HTTP_HOST} == 'example.com' && %{REQUEST_URI} =~ m#^/admin/#}.
 *
 * <p>Parsed once, at configuration time, into a tree whose regular expressions are compiled then
 * ({@link ApacheRegex}); {@link #test} evaluates it against a request. What it understands:
 * <ul>
 *   <li>{@code true false ! && || ( )};</li>
 *   <li>string comparisons {@code == = != < <= > >=}, integer comparisons {@code -eq -ne -lt -le
 *       -gt -ge} (also without the dash), {@code =~ !~} with {@code /regex/} or {@code m#regex#}
 *       ({@code i} after it ignores case; its groups are {@code $0}..{@code $9} afterwards),
 *       {@code word in {'a', 'b'}}, {@code -ipmatch}, {@code -strmatch}, {@code -strcmatch},
 *       {@code -fnmatch};</li>
 *   <li>unary tests {@code -n -z} (not empty, empty), {@code -T} (true: not empty, {@code 0},
 *       {@code off}, {@code false} or {@code no}), {@code -R} (the client's address is in a
 *       subnet), and the file tests {@code -d -e -f -s -L -h -x};</li>
 *   <li>words: {@code 'quoted'} and {@code "quoted"} strings in which {@code %{VAR}} and
 *       {@code $N} are replaced, digits, {@code %{VAR}}, {@code %{func:arg}}, {@code func(word)},
 *       and {@code word . word} joining them;</li>
 *   <li>variables: the request headers {@code HTTP_ACCEPT HTTP_COOKIE HTTP_FORWARDED HTTP_HOST
 *       HTTP_PROXY_CONNECTION HTTP_REFERER HTTP_USER_AGENT} (any other through {@code req()}, as in
 *       Apache), {@code REQUEST_METHOD REQUEST_SCHEME REQUEST_URI
 *       REQUEST_FILENAME SCRIPT_FILENAME PATH_INFO QUERY_STRING IS_SUBREQ THE_REQUEST REMOTE_ADDR
 *       REMOTE_HOST REMOTE_USER REMOTE_IDENT SERVER_NAME SERVER_PORT SERVER_ADMIN SERVER_PROTOCOL
 *       DOCUMENT_ROOT AUTH_TYPE CONTENT_TYPE HANDLER HTTPS IPV6 REQUEST_STATUS TIME_YEAR TIME_MON
 *       TIME_DAY TIME_HOUR TIME_MIN TIME_SEC TIME_WDAY TIME SERVER_SOFTWARE API_VERSION};</li>
 *   <li>functions: {@code req http req_novary resp reqenv osenv note env tolower toupper escape
 *       unescape base64 unbase64 md5 sha1 file filesize}.</li>
 * </ul>
 * Anything else is a {@link ConfigException} naming what was expected. An expression from an
 * {@code .htaccess} file is parsed {@link #parseRestricted restricted}: whoever may write one must
 * not read the server's files through it.
 */
public final class Expression {

    private final String text;
    private final ExpressionParser.Condition root;

    private Expression(String text, ExpressionParser.Condition root) {
        this.text = text;
        this.root = root;
    }

    /** Parses {@code text}. */
    public static Expression parse(String text) throws ConfigException {
        return new Expression(text, ExpressionParser.parse(text, false));
    }

    /**
     * Parses {@code text} as Apache parses expressions of {@code .htaccess} files: {@code file()},
     * {@code filesize()} and the file tests are refused.
     */
    public static Expression parseRestricted(String text) throws ConfigException {
        return new Expression(text, ExpressionParser.parse(text, true));
    }

    /** Parses {@code text} for a directive in {@code scope}: restricted in {@code .htaccess}. */
    public static Expression parse(String text, Scope scope) throws ConfigException {
        return scope == Scope.HTACCESS ? parseRestricted(text) : parse(text);
    }

    /** Whether the condition holds for {@code r}. */
    public boolean test(Request r) {
        return root.test(new ExpressionParser.Evaluation(r));
    }

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
