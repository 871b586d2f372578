package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same {@code .shtml} pages under Apache httpd (Debian's apache2, prefork + mod_include,
 * started by the test) and jhttpd with the same configuration: the bodies must be equal byte for
 * byte, and so must the presence of {@code Last-Modified} and {@code ETag}.
 * Skipped where Apache is not installed.
 */
class IncludeApacheDifferentialTest {

    private static final FileTime MTIME = FileTime.fromMillis(1_600_000_000_000L);

    private static Path root;
    private static ApacheProcess apache;
    private static TestServer jhttpd;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(ApacheProcess.installed("include"), "Apache httpd is not installed");
        root = Files.createTempDirectory("jhttpd-include-diff");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path htdocs = root.resolve("htdocs");
        page(htdocs, "ssi/echo.shtml", "<!--#set var=\"X\" value=\"<a href='x?a=1&b=2'>\\\"q\\\" ü</a>\" -->"
                + "[<!--#echo var=\"X\" -->][<!--#echo encoding=\"none\" var=\"X\" -->][<!--#echo encoding=\"url\" var=\"X\" -->]\n"
                + "[<!--#echo var=\"NOPE\" -->][<!--#echo var=\"DOCUMENT_NAME\" -->][<!--#echo var=\"DOCUMENT_URI\" -->]\n"
                + "[<!--#echo var=\"QUERY_STRING_UNESCAPED\" -->][<!--#echo var=\"DOCUMENT_ARGS\" -->]\n"
                + "<!--#set var=\"Y\" value=\"${X}-$DOCUMENT_NAME-\\$X\" -->[<!--#echo encoding=\"none\" var=\"Y\" -->]\n");
        page(htdocs, "ssi/cond.shtml", "<!--#set var=\"A\" value=\"abc\" -->"
                + "<!--#if expr=\"v('A') == 'abc'\" -->1<!--#else -->0<!--#endif -->"
                + "<!--#if expr=\"%{QUERY_STRING} =~ /x=1/\" -->1<!--#else -->0<!--#endif -->"
                + "<!--#if expr=\"-z v('NOPE') && ! -n ''\" -->1<!--#else -->0<!--#endif -->"
                + "<!--#if expr=\"'a' == 'b'\" -->1<!--#elif expr=\"'b' == 'b'\" -->2<!--#else -->3<!--#endif -->"
                + "<!--#if expr=\"10 -gt 9 || false\" -->1<!--#else -->0<!--#endif -->"
                + "<!--#if expr=\"false\" --><!--#if expr=\"true\" -->x<!--#endif -->y<!--#else -->z<!--#endif -->"
                + "<!--#if expr=\"'abc' !~ /B/i\" -->1<!--#else -->0<!--#endif -->\n");
        page(htdocs, "ssi/sizes.shtml", "<!--#config timefmt=\"%Y-%m-%d %H:%M:%S %a %b %j\" -->"
                + "[<!--#fsize file=\"s500.txt\" -->][<!--#fsize file=\"s973.txt\" -->][<!--#fsize file=\"s10000.txt\" -->]"
                + "[<!--#fsize file=\"s12345.txt\" -->][<!--#fsize virtual=\"/ssi/s2097152.txt\" -->]"
                + "<!--#config sizefmt=\"bytes\" -->[<!--#fsize file=\"s12345.txt\" -->][<!--#fsize file=\"s2097152.txt\" -->]\n"
                + "[<!--#flastmod file=\"s500.txt\" -->][<!--#flastmod virtual=\"/ssi/s973.txt\" -->]\n"
                + "[<!--#fsize file=\"missing.txt\" -->][<!--#fsize file=\"../secret.txt\" -->]\n");
        page(htdocs, "ssi/include.shtml", "<p><!--#include virtual=\"/part.html\" --></p>"
                + "<p><!--#include file=\"nested.shtml\" --></p>"
                + "<p><!--#include virtual=\"/missing.html\" --></p>"
                + "<!--#config errmsg=\"[custom]\" --><p><!--#include virtual=\"/missing.html\" --></p>"
                + "<p><!--#nonsense --></p>\n");
        page(htdocs, "ssi/nested.shtml", "nested:<!--#echo var=\"A_VAR\" -->:<!--#include virtual=\"/part.html\" -->");
        page(htdocs, "ssi/exec.shtml", "[<!--#exec cmd=\"echo $DOCUMENT_NAME $DOCUMENT_URI $QUERY_STRING_UNESCAPED; pwd\" -->]"
                + "[<!--#exec cgi=\"/cgi/other.cgi\" -->]\n");
        page(htdocs, "noexec/exec.shtml", "a<!--#exec cmd=\"echo hi\" -->b\n");
        page(htdocs, "ssi/dates.shtml", "[<!--#flastmod file=\"s500.txt\" -->][<!--#echo var=\"LAST_MODIFIED\" -->]"
                + "<!--#config timefmt=\"%Y\" -->[<!--#echo var=\"DATE_GMT\" -->][<!--#echo var=\"DATE_LOCAL\" -->]"
                + "<!--#config timefmt=\"%e|%I%p|%y|%%|%D %T|%s\" -->[<!--#echo var=\"LAST_MODIFIED\" -->]\n");
        page(htdocs, "ssi/errors.shtml", "a<!--#elif expr=\"true\" -->b<!--#echo bogus=\"x\" -->c<!--#echo -->d"
                + "<!--#if expr=\"'a\" -->e<!--#else -->f<!--#endif -->g<!--#endif -->h<!--#set var=\"Z\" -->"
                + "i<!--#include bogus=\"/part.html\" -->j<!--#config sizefmt=\"huge\" -->k<!--#echo var=\"OPEN\" ");
        page(htdocs, "ssi/errors2.shtml", "b<!--#echo bogus=\"x\" -->c<!--#echo -->d"
                + "<!--#if expr=\"'a\" -->e<!--#else -->f<!--#endif -->g<!--#else -->h<!--#endif -->i"
                + "<!--#if expr=\"1 -eq 1\" --><!--#elif -->j<!--#endif -->k<!--#set value=\"v\" -->l"
                + "<!--#if expr=\"false\" -->m<!--#elif expr=\"'x' =~ /(/\" -->n<!--#endif -->o<!--#fsize -->p"
                + "<!--#printenv bogus=\"1\" -->q<!--#config -->r<!--#include -->s<!--#flastmod virtual=\"/nope\" -->t\n");
        page(htdocs, "xbit/on.html", "<!--#echo var=\"DOCUMENT_NAME\" -->");
        Files.setPosixFilePermissions(htdocs.resolve("xbit/on.html"), PosixFilePermissions.fromString("rwxr--r--"));
        page(htdocs, "xbit/full.html", "<!--#echo var=\"DOCUMENT_NAME\" -->");
        Files.setPosixFilePermissions(htdocs.resolve("xbit/full.html"), PosixFilePermissions.fromString("rwxr-xr--"));
        page(htdocs, "xbit/no.html", "<!--#echo var=\"DOCUMENT_NAME\" -->");
        page(htdocs, "part.html", "<i>part</i>");
        page(htdocs, "cgi/other.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\n"
                + "echo \"other.cgi: $SSI_GREETING $SCRIPT_NAME $REQUEST_URI $QUERY_STRING $DOCUMENT_URI $REQUEST_METHOD\"\n");
        page(htdocs, "cgi/ssi.cgi", "#!/bin/sh\nprintf 'Content-Type: text/html\\n\\n'\n"
                + "echo '<p><!--#echo var=\"DOCUMENT_NAME\" --> <!--#echo var=\"DOCUMENT_URI\" --> <!--#echo var=\"QUERY_STRING\" --></p>'\n"
                + "echo '<!--#set var=\"SSI_GREETING\" value=\"hello\" -->'\n"
                + "echo '<div><!--#include virtual=\"/part.html\" --></div>'\n"
                + "echo '<pre><!--#include virtual=\"/cgi/other.cgi?sub=1\" --></pre>'\n"
                + "echo '<pre><!--#include virtual=\"/ssi/nested.shtml\" --></pre>'\n"
                + "echo '<!--#include virtual=\"/missing.html\" -->'\n"
                + "echo '<p>padding so that the page is worth compressing, padding, padding, padding.</p>'\n");
        for (String script : new String[] {"cgi/other.cgi", "cgi/ssi.cgi"}) {
            Files.setPosixFilePermissions(htdocs.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        page(htdocs, "secret.txt", "secret");
        for (int size : new int[] {500, 973, 10000, 12345, 2097152}) {
            page(htdocs, "ssi/s" + size + ".txt", "x".repeat(size));
        }
        String section = String.join("\n",
                "<Directory \"" + htdocs + "\">",
                "  Require all granted",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("ssi") + "\">",
                "  Options +Includes",
                "  AddOutputFilter INCLUDES .shtml",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("noexec") + "\">",
                "  Options +IncludesNOEXEC",
                "  AddOutputFilter INCLUDES .shtml",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("xbit") + "\">",
                "  Options +Includes",
                "  XBitHack full",
                "</Directory>",
                "<Directory \"" + htdocs.resolve("cgi") + "\">",
                "  Options +ExecCGI +Includes",
                "  AddHandler cgi-script .cgi",
                "  AddOutputFilterByType INCLUDES text/html",
                "</Directory>",
                "AddOutputFilterByType DEFLATE text/html",
                "AddType text/html .shtml");
        apache = ApacheProcess.start(root.resolve("apache"), htdocs,
                new String[] {"mpm_prefork", "authz_core", "mime", "include", "filter", "cgi", "deflate"}, section);
        jhttpd = TestServer.start(root, section);
    }

    private static void page(Path htdocs, String relative, String text) throws IOException {
        Path p = htdocs.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setLastModifiedTime(p, MTIME);
    }

    @AfterAll
    static void stop() throws Exception {
        if (apache != null) {
            apache.close();
        }
        if (jhttpd != null) {
            jhttpd.close();
        }
    }

    private static RawHttp.Response get(int port, String target) throws IOException {
        return TestServer.request(port, "GET", target);
    }

    /** The chain: a CGI script's SSI output, with includes of a file, a CGI script and a page, gzipped. */
    @Test
    void cgiOutputExpandedAndGzippedAsApacheDoes() throws Exception {
        String theirs = gunzip(TestServer.request(apache.port, "GET", "/cgi/ssi.cgi?q=1", "Accept-Encoding: gzip"));
        String ours = gunzip(TestServer.request(jhttpd.port, "GET", "/cgi/ssi.cgi?q=1", "Accept-Encoding: gzip"));
        assertEquals(theirs, ours);
    }

    /** Conditional and range headers of the page's request do not make its includes 304 or 206. */
    @Test
    void conditionalHeadersDoNotReachIncludes() throws Exception {
        for (String header : new String[] {"If-Modified-Since: Sun, 01 Jan 2023 00:00:00 GMT", "Range: bytes=0-3",
            "If-None-Match: *"}) {
            RawHttp.Response theirs = TestServer.request(apache.port, "GET", "/ssi/include.shtml", header);
            RawHttp.Response ours = TestServer.request(jhttpd.port, "GET", "/ssi/include.shtml", header);
            assertEquals(theirs.status, ours.status, header + ": " + theirs.bodyText() + " vs " + ours.bodyText());
            assertEquals(theirs.bodyText(), ours.bodyText(), header);
        }
    }

    private static String gunzip(RawHttp.Response r) throws IOException {
        assertEquals("gzip", r.header("Content-Encoding"), r.headers.toString());
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ssi/echo.shtml?a=%3Cb%3E%20c;d", "/ssi/cond.shtml?x=1", "/ssi/cond.shtml", "/ssi/sizes.shtml",
        "/ssi/include.shtml", "/noexec/exec.shtml", "/ssi/exec.shtml?a%20b=c",
        "/ssi/dates.shtml", "/ssi/errors.shtml", "/ssi/errors2.shtml", "/xbit/on.html", "/xbit/full.html", "/xbit/no.html"})
    void sameAnswerAsApache(String target) throws Exception {
        RawHttp.Response theirs = get(apache.port, target);
        RawHttp.Response ours = get(jhttpd.port, target);
        assertEquals(theirs.status, ours.status, target);
        assertEquals(theirs.bodyText(), ours.bodyText(), target);
        // not Content-Length: Apache counts a body only if it passes in one brigade, which mod_include's
        // never does; our CONTENT_LENGTH filter holds up to 64 KiB across brigades and counts small pages
        for (String h : new String[] {"Last-Modified", "ETag"}) {
            assertEquals(theirs.header(h) == null, ours.header(h) == null, h + " of " + target + ": " + theirs.headers + " vs " + ours.headers);
        }
    }
}
