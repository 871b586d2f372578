package io.jhttpd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpressionTest {

    /** What the request answers, by method name; a method not here answers null (or 0, false). */
    private final Map<String, Object> answers = new HashMap<>();
    private final Headers headersIn = new Headers();
    private final Headers headersOut = new Headers();
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> notes = new HashMap<>();

    Request request() {
        answers.putIfAbsent("method", "GET");
        answers.putIfAbsent("uri", "/a.txt");
        answers.putIfAbsent("protocol", "HTTP/1.1");
        answers.put("headersIn", headersIn);
        answers.put("headersOut", headersOut);
        answers.put("subprocessEnv", env);
        answers.put("notes", notes);
        answers.putIfAbsent("connection", connection("203.0.113.7"));
        return (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class}, (p, m, args) -> {
            if (answers.containsKey(m.getName())) {
                return answers.get(m.getName());
            }
            if (m.isDefault()) {
                return java.lang.reflect.InvocationHandler.invokeDefault(p, m, args);
            }
            Class<?> t = m.getReturnType();
            return t == int.class ? 0 : t == long.class ? 0L : t == boolean.class ? false : null;
        });
    }

    private static Connection connection(String remoteIp) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
            switch (m.getName()) {
                case "remoteIp":
                    return remoteIp;
                case "remoteAddress":
                    return new InetSocketAddress(remoteIp, 40000);
                default:
                    Class<?> t = m.getReturnType();
                    return t == int.class ? 0 : t == long.class ? 0L : t == boolean.class ? false : null;
            }
        });
    }

    private boolean holds(String expr) throws ConfigException {
        return Expression.parse(expr).test(request());
    }

    @Test
    void comparisonsVariablesAndFunctions() throws ConfigException {
        answers.put("status", 404);
        headersIn.add("User-Agent", "curl/8.1");
        env.put("from_setenvif", "yes");
        assertTrue(holds("%{REQUEST_STATUS} -ge 400 && %{REQUEST_METHOD} != 'HEAD'"));
        assertFalse(holds("%{REQUEST_STATUS} -lt 400"));
        assertTrue(holds("%{REQUEST_STATUS} ge 400"), "integer operators also without the dash");
        assertTrue(holds("%{HTTP_USER_AGENT} =~ /^curl\\//"));
        assertTrue(holds("req('user-agent') =~ m#CURL#i"));
        assertTrue(holds("%{HTTP_USER_AGENT} !~ /wget/"));
        assertTrue(holds("reqenv('from_setenvif') == 'yes' || false"));
        assertTrue(holds("-z reqenv('nothing') && -n %{REQUEST_URI}"));
        assertTrue(holds("!(%{REQUEST_URI} == '/other') && %{REQUEST_URI} in {'/x', '/a.txt'}"));
        assertTrue(holds("tolower(%{REQUEST_METHOD}) == \"get\""));
        assertFalse(holds("%{QUERY_STRING} == 'x'"), "no query: empty");
        assertTrue(holds("'b' > 'a' && 10 -eq 10 && 'abc' < 'abd'"));
    }

    @Test
    void stringsInterpolateVariablesAndWordsJoinWithADot() throws ConfigException {
        headersIn.add("Host", "www.example.com");
        assertTrue(holds("'%{REQUEST_METHOD} %{REQUEST_URI}' == 'GET /a.txt'"));
        assertTrue(holds("%{REQUEST_METHOD} . '-' . %{HTTP_HOST} == 'GET-www.example.com'"));
        assertTrue(holds("'it\\'s' == \"it's\""), "a backslash takes the next character as it is");
        assertTrue(holds("%{req:Host} == 'www.example.com'"), "%{func:arg} calls the function");
    }

    @Test
    void regexGroupsAreDollarNAfterTheMatch() throws ConfigException {
        answers.put("uri", "/shop/item/42");
        assertTrue(holds("%{REQUEST_URI} =~ m#^/(\\w+)/item/(\\d+)$# && $1 == 'shop' && '$2' -eq 42"));
        assertFalse(holds("%{REQUEST_URI} =~ m#^/(\\w+)/# && $1 == 'blog'"));
        answers.put("uri", "/x.php\n");
        assertFalse(holds("%{REQUEST_URI} =~ /\\.php$/"), "$ only at the very end, as Apache's DOLLAR_ENDONLY");
    }

    @Test
    void integersCompareAsApachesAtoi() throws ConfigException {
        assertTrue(holds("'12abc' -eq 12"));
        assertTrue(holds("'abc' -eq 0"));
        assertTrue(holds("' -5' -lt 0"));
    }

    @Test
    void subnetsAndWildcards() throws ConfigException {
        assertTrue(holds("-R '203.0.113.0/24'"));
        assertTrue(holds("-R '203.0.113.0/255.255.255.0'"));
        assertTrue(holds("-R '203.0'"), "a partial address is its /16");
        assertFalse(holds("-R '10.0.0.0/8'"));
        assertTrue(holds("%{REMOTE_ADDR} -ipmatch '203.0.113.7'"));
        assertTrue(holds("'2001:db8::1' -ipmatch '2001:db8::/32'"));
        assertFalse(holds("'2001:db9::1' -ipmatch '2001:db8::/32'"));
        assertTrue(holds("'::ffff:10.1.2.3' -ipmatch '10.0.0.0/8'"), "IPv4 written as IPv6");
        assertTrue(holds("%{REQUEST_URI} -strmatch '/*.txt'"));
        assertTrue(holds("'/a/b.txt' -strmatch '/*.txt'"), "-strmatch: * crosses /");
        assertFalse(holds("'/a/b.txt' -fnmatch '/*.txt'"), "-fnmatch: * stops at /");
        assertTrue(holds("'/A.TXT' -strcmatch '/?.[tx]xt'"));
        assertFalse(holds("'/A.TXT' -strmatch '/?.txt'"));
        ConfigException e = assertThrows(ConfigException.class, () -> Expression.parse("-R 'www.example.com'"));
        assertTrue(e.getMessage().contains("is not an IP address or subnet"), e.getMessage());
    }

    @Test
    void trueWordsAndFunctions() throws ConfigException {
        env.put("on", "On");
        env.put("no", "no");
        assertTrue(holds("-T reqenv('on')"));
        assertFalse(holds("-T reqenv('no') || -T reqenv('missing') || -T '0'"));
        assertTrue(holds("toupper('abc') == 'ABC' && base64('user:pw') == 'dXNlcjpwdw==' && unbase64('dXNlcjpwdw==') == 'user:pw'"));
        assertTrue(holds("md5('a') == '0cc175b9c0f1b6a831c399e269772661'"));
        assertTrue(holds("sha1('a') == '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8'"));
        assertTrue(holds("escape('/a b/ü') == '/a%20b/%C3%BC' && unescape('%41%2F%20') == 'A%2F '"));
        notes.put("n", "from-note");
        assertTrue(holds("env('n') == 'from-note' && note('n') == 'from-note'"));
    }

    @Test
    void fileTestsAndFileFunctionsButNotInHtaccess(@TempDir Path dir) throws IOException, ConfigException {
        Path f = Files.writeString(dir.resolve("f.txt"), "hello");
        Path empty = Files.createFile(dir.resolve("empty"));
        assertTrue(holds("-f '" + f + "' && -s '" + f + "' && -d '" + dir + "' && -e '" + empty + "'"));
        assertFalse(holds("-s '" + empty + "' || -f '" + dir + "' || -e '" + dir.resolve("none") + "'"));
        assertTrue(holds("file('" + f + "') == 'hello' && filesize('" + f + "') -eq 5"));
        for (String restricted : new String[] {"-f '/etc/passwd'", "file('/etc/passwd') == ''", "filesize('/etc/passwd') -gt 0"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> Expression.parse(restricted, Scope.HTACCESS));
            assertTrue(e.getMessage().contains("not allowed in .htaccess"), e.getMessage());
        }
    }

    @Test
    void badExpressionsNameWhatWasExpected() {
        assertEquals("unknown variable %{NOPE} in: %{NOPE} == 'x'",
                assertThrows(ConfigException.class, () -> Expression.parse("%{NOPE} == 'x'")).getMessage());
        assertEquals("expected ')' at the end in: ( true",
                assertThrows(ConfigException.class, () -> Expression.parse("( true")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> Expression.parse("%{HTTP_X_FOO} == 'x'")).getMessage()
                .contains("use req('Name')"), "as Apache, only some request headers are variables");
        assertThrows(ConfigException.class, () -> Expression.parse("%{REQUEST_URI} =~ /(/"));
        assertThrows(ConfigException.class, () -> Expression.parse("'unterminated"));
        assertThrows(ConfigException.class, () -> Expression.parse("true true"));
        assertThrows(ConfigException.class, () -> Expression.parse("%{REQUEST_URI} -nope 'x'"));
        assertThrows(ConfigException.class, () -> Expression.parse("nofunc('x') == 'x'"));
        assertThrows(ConfigException.class, () -> Expression.parse("%{REQUEST_URI} == "));
        assertThrows(ConfigException.class, () -> Expression.parse(""));
    }
}
