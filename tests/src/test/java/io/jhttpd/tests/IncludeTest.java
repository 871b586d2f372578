package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * mod_include through a real server: the issue's chain (a CGI script's output carrying SSI tags,
 * expanded by {@code INCLUDES}, whose {@code include virtual} runs a static file and another CGI
 * script as kernel sub-requests, then gzipped by {@code DEFLATE}) read by clients that decompress;
 * {@code .shtml} pages by {@code AddOutputFilter}, {@code Options Includes}/{@code IncludesNOEXEC},
 * {@code XBitHack}, and streaming.
 */
@Timeout(60)
class IncludeTest {

    private static TestServer server;
    private static Path htdocs;
    private static Path logs;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-include");
        htdocs = root.resolve("htdocs");
        logs = root.resolve("logs");
        server = TestServer.start(root, String.join("\n",
                "AddOutputFilterByType DEFLATE text/html",
                "LogFormat \"%r %>s\" requests",
                "CustomLog logs/include_log requests",
                "<Directory \"${HTDOCS}/cgi\">",
                "  Options +ExecCGI +Includes",
                "  AddHandler cgi-script .cgi",
                "  AddOutputFilterByType INCLUDES text/html",
                "</Directory>",
                "<Directory \"${HTDOCS}/ssi\">",
                "  Options +Includes",
                "  AddOutputFilter INCLUDES .shtml",
                "</Directory>",
                "<Directory \"${HTDOCS}/noexec\">",
                "  Options +IncludesNOEXEC",
                "  AddOutputFilter INCLUDES .shtml",
                "</Directory>",
                "<Directory \"${HTDOCS}/off\">",
                "  AddOutputFilter INCLUDES .shtml",
                "</Directory>",
                "<Directory \"${HTDOCS}/set\">",
                "  Options +Includes",
                "  SetOutputFilter INCLUDES",
                "</Directory>",
                "<Directory \"${HTDOCS}/parsed\">",
                "  Options +Includes",
                "  AddHandler server-parsed .shtml",
                "</Directory>",
                "<Directory \"${HTDOCS}/xbit\">",
                "  Options +Includes",
                "  XBitHack on",
                "</Directory>",
                "<Directory \"${HTDOCS}/xbitfull\">",
                "  Options +Includes",
                "  XBitHack full",
                "</Directory>").replace("${HTDOCS}", htdocs.toString()));
        server.file("part.html", "<i>the part</i>");
        script("cgi/other.cgi", "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\n'\necho \"other.cgi says hi to $SSI_GREETING\"\n");
        script("cgi/ssi.cgi", "#!/bin/sh\nprintf 'Content-Type: text/html\\n\\n'\n"
                + "echo '<html><body><p>Served on <!--#echo var=\"DATE_LOCAL\" --> to <!--#echo var=\"QUERY_STRING\" --></p>'\n"
                + "echo '<!--#set var=\"SSI_GREETING\" value=\"ssi.cgi\" -->'\n"
                + "echo '<div><!--#include virtual=\"/part.html\" --></div>'\n"
                + "echo '<pre><!--#include virtual=\"/cgi/other.cgi\" --></pre>'\n"
                + "echo '<!--#include virtual=\"/missing.html\" -->'\n"
                + "echo '<p>padding so that the page is worth compressing, padding, padding, padding.</p></body></html>'\n");
        script("cgi/slow.cgi", "#!/bin/sh\nprintf 'Content-Type: text/html\\n\\n'\n"
                + "echo 'before <!--#echo var=\"DOCUMENT_NAME\" -->'\nsleep 4\necho 'after'\n");
        server.file("ssi/page.shtml", "<h1><!--#echo var=\"DOCUMENT_NAME\" --> at <!--#echo var=\"DOCUMENT_URI\" --></h1>\n"
                + "<!--#include file=\"nested.shtml\" -->|<!--#exec cmd=\"echo exec ran\" -->|"
                + "<!--#if expr=\"$QUERY_STRING = /x=1/\" -->one<!--#else -->not one<!--#endif -->\n");
        server.file("ssi/nested.shtml", "[nested <!--#echo var=\"DOCUMENT_NAME\" -->]");
        server.file("noexec/page.shtml", "<!--#exec cmd=\"echo should not run\" -->|<!--#echo var=\"DOCUMENT_NAME\" -->");
        server.file("off/page.shtml", "<!--#echo var=\"DOCUMENT_NAME\" -->");
        server.file("set/any.txt", "<!--#echo var=\"DOCUMENT_URI\" -->");
        server.file("parsed/p.shtml", "<!--#echo var=\"DOCUMENT_URI\" -->");
        script("xbit/exec.html", "<!--#echo var=\"DOCUMENT_NAME\" -->");
        server.file("xbit/plain.html", "<!--#echo var=\"DOCUMENT_NAME\" -->");
        Path full = server.file("xbitfull/full.html", "<!--#echo var=\"DOCUMENT_NAME\" -->");
        Files.setPosixFilePermissions(full, PosixFilePermissions.fromString("rwxr-xr--"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void script(String relative, String text) throws IOException {
        Path p = htdocs.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertExpanded(String page) {
        assertFalse(page.contains("<!--#"), page);
        assertTrue(page.matches("(?s).*Served on \\w+day, \\d\\d-\\w{3}-\\d{4} \\d\\d:\\d\\d:\\d\\d \\w+ to q=1</p>.*"), page);
        assertTrue(page.contains("<div><i>the part</i></div>"), page);
        assertTrue(page.contains("<pre>other.cgi says hi to ssi.cgi\n</pre>"), page);
        assertTrue(page.contains("[an error occurred while processing this directive]"), page);
        assertTrue(page.endsWith("padding.</p></body></html>\n"), page);
    }

    @Test
    void cgiOutputIsExpandedThenGzipped() throws Exception {
        RawHttp.Response r = server.get("/cgi/ssi.cgi?q=1", "Accept-Encoding: gzip");
        assertEquals(200, r.status);
        assertEquals("gzip", r.header("Content-Encoding"));
        assertEquals("text/html", r.header("Content-Type"));
        assertExpanded(gunzip(r.body));
    }

    @Test
    void subRequestsAreNotLogged() throws Exception {
        assertEquals(200, server.get("/cgi/ssi.cgi?logged=1").status);
        Path log = logs.resolve("include_log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String text = "";
        while (!text.contains("GET /cgi/ssi.cgi?logged=1 HTTP/1.1 200") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            text = Files.exists(log) ? Files.readString(log) : "";
        }
        assertTrue(text.contains("GET /cgi/ssi.cgi?logged=1 HTTP/1.1 200"), text);
        // the included file and script ran as sub-requests, which Apache never logs
        assertFalse(text.contains("part.html") || text.contains("other.cgi") || text.contains("missing.html"), text);
    }

    @Test
    void curlDecompressesTheSamePage() throws Exception {
        Process curl = new ProcessBuilder("curl", "-s", "--compressed", "-D", "-", server.url("/cgi/ssi.cgi?q=1"))
                .redirectErrorStream(true).start();
        String out;
        try (InputStream in = curl.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            if (!curl.waitFor(20, TimeUnit.SECONDS)) {
                curl.destroyForcibly();
            }
        }
        assertEquals(0, curl.exitValue(), out);
        int split = out.indexOf("\r\n\r\n");
        assertTrue(out.substring(0, split).toLowerCase().contains("content-encoding: gzip"), out);
        assertExpanded(out.substring(split + 4));
    }

    @Test
    void withoutGzipTheExpandedPageIsChunked() throws Exception {
        RawHttp.Response r = server.get("/cgi/ssi.cgi?q=1");
        assertNull(r.header("Content-Encoding"));
        assertExpanded(r.bodyText());
    }

    @Test
    void shtmlPagesWithNestedIncludeAndExec() throws Exception {
        RawHttp.Response r = server.get("/ssi/page.shtml?x=1");
        assertEquals(200, r.status);
        // as Apache: a nested page keeps the including page's variables
        assertEquals("<h1>page.shtml at /ssi/page.shtml</h1>\n[nested page.shtml]|exec ran\n|one\n", r.bodyText());
        assertNull(r.header("Last-Modified"), "Apache drops Last-Modified of parsed documents");
        assertNull(r.header("ETag"), "and their ETag (SSIETag off)");
        assertEquals("not one", server.get("/ssi/page.shtml").bodyText().replaceAll("(?s).*\\|", "").trim());
    }

    @Test
    void includesNoExecRefusesExec() throws Exception {
        assertEquals("[an error occurred while processing this directive]|page.shtml", server.get("/noexec/page.shtml").bodyText());
    }

    @Test
    void withoutOptionsIncludesTheFilterPassesTheDocumentUntouched() throws Exception {
        assertEquals("<!--#echo var=\"DOCUMENT_NAME\" -->", server.get("/off/page.shtml").bodyText());
    }

    @Test
    void setOutputFilterAndTheServerParsedHandler() throws Exception {
        assertEquals("/set/any.txt", server.get("/set/any.txt").bodyText());
        RawHttp.Response parsed = server.get("/parsed/p.shtml");
        assertEquals("/parsed/p.shtml", parsed.bodyText());
        assertTrue(parsed.header("Content-Type").startsWith("text/html"), parsed.header("Content-Type"));
    }

    @Test
    void xBitHack() throws Exception {
        RawHttp.Response exec = server.get("/xbit/exec.html");
        assertEquals("exec.html", exec.bodyText());
        assertNull(exec.header("Last-Modified"), "XBitHack on: not group-executable, no Last-Modified");
        assertEquals("<!--#echo var=\"DOCUMENT_NAME\" -->", server.get("/xbit/plain.html").bodyText());
        RawHttp.Response full = server.get("/xbitfull/full.html");
        assertEquals("full.html", full.bodyText());
        assertNotNull(full.header("Last-Modified"), "XBitHack full on a group-executable file keeps Last-Modified");
    }

    @Test
    void textBeforeAnElementReachesTheClientWhileTheScriptRuns() throws Exception {
        // slow.cgi writes "before <tag>", then sleeps 4 s: the expanded start must arrive before that
        try (Socket s = new Socket("127.0.0.1", server.port)) {
            s.setSoTimeout(3000);
            s.getOutputStream().write("GET /cgi/slow.cgi HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder sb = new StringBuilder();
            // chunked: "before " and the element's value come in chunks of their own
            while (!sb.toString().contains("slow.cgi")) {
                int c = in.read();
                assertTrue(c >= 0, sb.toString());
                sb.append((char) c);
            }
            assertTrue(sb.indexOf("before ") < sb.indexOf("slow.cgi"), sb.toString());
            assertFalse(sb.toString().contains("after"), sb.toString());
        }
    }
}
