package io.jhttpd.mod.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhttpd.api.ConfigException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lines checked against Apache 2.4.71: the requests below were sent to Apache with the same
 * formats, and the expected strings are copied from its access logs (marked "oracle"). The others
 * follow from mod_log_config's source rules, worked out by hand.
 */
class LineFormatTest {

    private static final long T = Instant.parse("2026-11-22T00:46:26Z").toEpochMilli();

    FakeRequest r;

    @BeforeEach
    void request() {
        r = new FakeRequest();
        r.requestTimeMillis = T;
        r.requestStartNanos = 1_000_000_000L;
        r.contentType = "text/plain";
        r.bytesSent = 6;
    }

    private String line(String format) throws ConfigException {
        return line(format, ZoneOffset.UTC);
    }

    private String line(String format, ZoneId zone) throws ConfigException {
        LineBuffer out = new LineBuffer();
        // ended 1234567 µs after it started
        LineFormat.parse(format, zone).render(LoggedRequest.of(r, T + 1234, 1_000_000_000L + 1_234_567_000L), out);
        return out.toString();
    }

    @Test
    void commonAndCombinedAsApacheWritesThem() throws ConfigException {
        assertEquals("127.0.0.1 - - [22/Nov/2026:00:46:26 +0000] \"GET /a.txt HTTP/1.1\" 200 6\n", line(LineFormat.CLF)); // oracle
        assertEquals("127.0.0.1 - - [22/Nov/2026:00:46:26 +0000] \"GET /a.txt HTTP/1.1\" 200 6 \"-\" \"-\"\n",         // oracle
                line("%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\""));
    }

    @Test
    void everyDirectiveOfTheOracleFormat() throws ConfigException {
        // httpd.conf: LogFormat "%%|%a|...|%{%Y-%m-%d}t|tab\there\"q\\" all  (after the config parser's unquoting)
        String format = "%%|%a|%h|%l|%u|%t|%r|%s|%>s|%b|%B|%{X-Foo}i|%{Content-Type}o|%m|%U|%q|%H|%v|%p|%{%Y-%m-%d}t|tab\\there\"q\\";
        assertEquals("%|127.0.0.1|127.0.0.1|-|-|[22/Nov/2026:00:46:26 +0000]|GET /a.txt HTTP/1.1|200|200|6|6|-|text/plain"
                + "|GET|/a.txt||HTTP/1.1|localhost|80|2026-11-22|tab\there\"q\\\n", line(format)); // oracle
    }

    @Test
    void queryRedirectAndErrorPageAsTheOracleLogged() throws ConfigException {
        r.requestLine = "GET /dir?x=1 HTTP/1.1";
        r.uri = "/dir";
        r.query = "x=1";
        r.status = 301;
        r.bytesSent = 279;
        r.contentType = "text/html; charset=iso-8859-1";
        assertEquals("GET /dir?x=1 HTTP/1.1|301|301|279|279|text/html|/dir|?x=1\n", line("%r|%s|%>s|%b|%B|%{Content-Type}o|%U|%q")); // oracle
    }

    @Test
    void hostileBytesAreEscapedAsTheOracleDid() throws ConfigException {
        // Apache logged: "GET /a\"b\\c\xc3\xa9\x7f HTTP/1.1" for the raw request line bytes.
        r.requestLine = "GET /a\"b\\c\u00c3\u00a9\u007f HTTP/1.1";
        // and /caf\xc3\xa9\n for the decoded path of /caf%C3%A9%0a
        r.uri = "/café\n";
        assertEquals("GET /a\\\"b\\\\c\\xc3\\xa9\\x7f HTTP/1.1|/caf\\xc3\\xa9\\n\n", line("%r|%U"));       // oracle

        r.headersIn.add("X-Foo", "q\"\\\u00e9\u007f\tz\r\n\u0001\u000b\b\f\u001b");
        r.user = "evil\nuser";
        assertEquals("q\\\"\\\\\\xe9\\x7f\\tz\\r\\n\\x01\\v\\b\\x0c\\x1b|evil\\nuser\n", line("%{X-Foo}i|%u"));
    }

    @Test
    void repeatedAndEmptyRequestHeaders() throws ConfigException {
        r.headersIn.add("X-Foo", "first");
        r.headersIn.add("x-foo", "second");
        r.headersIn.add("X-Empty", "");
        assertEquals("first, second||-\n", line("%{X-Foo}i|%{X-Empty}i|%{X-None}i"));   // oracle for the first two
    }

    @Test
    void responseHeaders() throws ConfigException {
        r.headersOut.add("Set-Cookie", "a=1");
        r.headersOut.add("Set-Cookie", "b=2");
        r.headersOut.add("ETag", "\"6-x\"");
        r.headersOut.add("Vary", "A");
        r.headersOut.add("Vary", "B");
        r.errHeadersOut.add("X-Err", "e");
        assertEquals("a=1, b=2|\\\"6-x\\\"|A|e|-|text/plain\n", line("%{Set-Cookie}o|%{ETag}o|%{Vary}o|%{X-Err}o|%{None}o|%{content-type}o"));
        assertEquals("text/html", LineFormat.withoutParameters("text/html ; charset=utf-8"));
    }

    @Test
    void userAndStatusForms() throws ConfigException {
        assertEquals("-\n", line("%u"));
        r.user = "";
        assertEquals("\"\"\n", line("%u"));
        r.user = "alice";
        assertEquals("alice\n", line("%u"));
        r.bytesSent = 0;
        assertEquals("-|0\n", line("%b|%B"));
    }

    @Test
    void originalAndFinalRequestOfARedirectChain() throws ConfigException {
        r.status = 404;
        r.bytesSent = 0;
        FakeRequest last = r.redirect("/errors/404.html");
        last.status = 200;
        last.bytesSent = 120;
        last.user = "bob";
        assertEquals("404|200|404|200|/a.txt|/errors/404.html|120|bob|bob\n", line("%s|%>s|%<s|%>s|%U|%>U|%b|%u|%>u"));
        // The hook may be given any request of the chain.
        LineBuffer out = new LineBuffer();
        LineFormat.parse("%s %>s", ZoneOffset.UTC).render(LoggedRequest.of(last, T, 0), out);
        assertEquals("404 200\n", out.toString());
    }

    @Test
    void statusConditions() throws ConfigException {
        r.headersIn.add("Referer", "http://x/");
        assertEquals("http://x/|-|-|http://x/\n", line("%200,304{Referer}i|%400,501{Referer}i|%!200{Referer}i|%!404{Referer}i"));
    }

    @Test
    void timeForms() throws ConfigException {
        r.requestTimeMillis = T + 42;
        assertEquals("[21/Nov/2026:17:46:26 -0700]\n", line("%t", ZoneOffset.ofHours(-7)));
        assertEquals("[22/Nov/2026:06:16:26 +0530]\n", line("%t", ZoneOffset.ofHoursMinutes(5, 30)));
        assertEquals("[22/Nov/2026:00:46:27 +0000]\n", line("%{end}t"));
        assertEquals("1795308386|1795308386042|1795308386042000|042|042000\n",
                line("%{sec}t|%{msec}t|%{usec}t|%{msec_frac}t|%{usec_frac}t"));
        assertEquals("1795308387234|1795308386042\n", line("%{end:msec}t|%{begin:msec}t"));
        assertEquals("2026-11-22T00:46:26 Sun Sunday Nov November 326 12 AM 12\n",
                line("%{%Y-%m-%dT%H:%M:%S %a %A %b %B %j %I %p %l}t"));
        assertEquals("2026-11-22 00:46:27 +0000 %Q\n", line("%{end:%F %T %z %Q}t"));
        assertEquals("Sun Nov 22 00:46:26 2026|11/22/26|1795308386|47|47|2026\n", line("%{%c|%D|%s|%U|%V|%G}t"));
        assertEquals("beginning\n", line("%{beginning}t"), "not begin: — the whole argument is a strftime pattern");
    }

    @Test
    void durations() throws ConfigException {
        assertEquals("1234567|1|1234|1234567|1|x\n", line("%D|%T|%{ms}T|%{us}T|%{s}T|%{x}T"));
    }

    @Test
    void serverConnectionAndMisc() throws ConfigException {
        r.server = new FakeServer("www.example.com", 8443);
        r.hostname = "alias.example.com";
        r.filename = Path.of("/srv/www/a é.txt");
        r.handler = "default-handler";
        r.notes.put("n", "v");
        r.env.put("E", "w");
        assertEquals("www.example.com|alias.example.com|8443|18080|36366|/srv/www/a \\xc3\\xa9.txt|default-handler|v|w|-|2|HTTP/1.1|GET\n",
                line("%v|%V|%p|%{local}p|%{remote}p|%f|%R|%{n}n|%{E}e|%{F}e|%k|%H|%m"));
        assertEquals(ProcessHandle.current().pid() + "|bogus|\n", line("%P|%{bogus}P|%q"));
    }

    @Test
    void ipv6AddressesAreCompressedAsAprPrintsThem() throws Exception {
        r.connection = new FakeConnection(new InetSocketAddress(InetAddress.getByName("::1"), 5000),
                new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 80));
        assertEquals("::1|::1|2001:db8::1:0:0:1\n", line("%h|%a|%A"));
    }

    @Test
    void literalTextEscapes() throws ConfigException {
        assertEquals("a\tb\nc\rd\\e\\\"f\\zg\\\n", line("a\\tb\\nc\\rd\\\\e\\\"f\\zg\\"));
        assertEquals("100%|\u00c3\u00a9\n", line("100%%|é"), "literal text is written as UTF-8");
    }

    @Test
    void badFormatsAreRejectedWithApacheMessages() {
        assertEquals("JH03004 Unrecognized LogFormat directive %Z",
                assertThrows(ConfigException.class, () -> LineFormat.parse("%Z", ZoneOffset.UTC)).getMessage());
        assertEquals("JH03004 Ran off end of LogFormat parsing args to some directive",
                assertThrows(ConfigException.class, () -> LineFormat.parse("abc %", ZoneOffset.UTC)).getMessage());
        assertEquals("JH03004 Ran off end of LogFormat parsing args to some directive",
                assertThrows(ConfigException.class, () -> LineFormat.parse("%{Referer", ZoneOffset.UTC)).getMessage());
        assertEquals("JH03004 Unrecognized LogFormat directive %^tx",
                assertThrows(ConfigException.class, () -> LineFormat.parse("%{a}^tx", ZoneOffset.UTC)).getMessage());
        assertEquals("JH03004 Ran off end of LogFormat parsing args to some directive",
                assertThrows(ConfigException.class, () -> LineFormat.parse("%{a}^t", ZoneOffset.UTC)).getMessage());
    }

    @Test
    void cookiesAsApachesLogCookie() throws ConfigException {
        r.headersIn.add("Cookie", "a=1; Foo = bar baz ;x=y;;empty=;=lead=z");
        assertEquals("1|bar baz|y|-|z|-\n", line("%{a}C|%{foo}C|%{x}C|%{empty}C|%{lead}C|%{none}C"));
        r.headersIn.add("Cookie", "foo=second");
        assertEquals("bar baz\n", line("%{Foo}C"), "the first one, of the joined fields");
    }

    @Test
    void connectionStatusBytesAndTrailers() throws ConfigException {
        assertEquals("+|-|-|-|-|-\n", line("%X|%I|%O|%S|%{X}^ti|%{X}^to"), "not counted: -");
        r.bytesIn = 80;
        r.bytesOut = 300;
        r.trailers = new io.jhttpd.api.Headers();
        r.trailers.add("X-T", "v\"1");
        assertEquals("80|300|380|v\\\"1|-\n", line("%I|%O|%S|%{x-t}^ti|%{x-t}^to"));
        assertEquals("-|127.0.0.1|127.0.0.1\n", line("%L|%{c}a|%{c}h"));
    }
}
