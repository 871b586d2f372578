package com.example.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.testkit.TestHttpd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** mod_hello in a real server on a loopback port, through the api-testkit. */
class HelloModuleTest {

    private static TestHttpd httpd;

    @BeforeAll
    static void start() throws Exception {
        httpd = TestHttpd.start(String.join("\n",
                "<Location /hello>",
                "  SetHandler hello",
                "</Location>",
                "<Location /hello/fr>",
                "  HelloGreeting Bonjour",
                "</Location>",
                "<Location /docs>",
                "  HelloFooter \"-- served with mod_hello\"",
                "</Location>"));
        httpd.file("docs/page.txt", "a static page\n");
        httpd.file("docs/logo.png", "not really a png");
    }

    @AfterAll
    static void stop() throws Exception {
        httpd.close();
    }

    @Test
    void theHandlerGreetsWithTheDefaultGreeting() throws Exception {
        TestHttpd.Reply r = httpd.get("/hello/world");
        assertEquals(200, r.status());
        assertEquals("Hello, /hello/world!\n", r.body());
        assertEquals("text/plain; charset=utf-8", r.header("Content-Type"));
    }

    @Test
    void aDeeperSectionSetsItsOwnGreeting() throws Exception {
        assertEquals("Bonjour, /hello/fr/monde!\n", httpd.get("/hello/fr/monde").body());
    }

    @Test
    void theHandlerRefusesPost() throws Exception {
        TestHttpd.Reply r = httpd.post("/hello/x", "body");
        assertEquals(405, r.status());
        assertEquals("GET, HEAD, OPTIONS", r.header("Allow"));
    }

    @Test
    void theFooterFilterAppendsToStaticTextFiles() throws Exception {
        TestHttpd.Reply r = httpd.get("/docs/page.txt");
        assertEquals(200, r.status());
        assertEquals("a static page\n-- served with mod_hello\n", r.body());
        assertEquals(String.valueOf(r.body().length()), r.header("Content-Length"));
    }

    @Test
    void theFooterFilterLeavesOtherTypesAlone() throws Exception {
        TestHttpd.Reply r = httpd.get("/docs/logo.png");
        assertEquals("not really a png", r.body());
        assertEquals("16", r.header("Content-Length"));
    }

    @Test
    void withoutTheFooterDirectiveNoFilterRuns() throws Exception {
        httpd.file("plain.txt", "plain\n");
        assertEquals("plain\n", httpd.get("/plain.txt").body());
    }

    @Test
    void everyRequestIsInTheAccessLog() throws Exception {
        httpd.get("/hello/log-me");
        String line = httpd.awaitAccessLog(l -> l.contains("\"GET /hello/log-me HTTP/1.1\""));
        assertTrue(line != null && line.matches("127\\.0\\.0\\.1 - - \\[.*\\] \"GET /hello/log-me HTTP/1.1\" 200 22"), line);
    }

    @Test
    void aMisspelledArgumentCountIsAConfigErrorWithFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> TestHttpd.start("HelloGreeting a b").close());
        assertTrue(e.getMessage().contains("httpd.conf:" + (TestHttpd.BASE_LINES + 1) + ": HelloGreeting takes one argument"),
                e.getMessage());
    }

    @Test
    void headGetsTheHeadersOnly() throws Exception {
        TestHttpd.Reply r = httpd.request("HEAD", "/hello/h", null);
        assertEquals(200, r.status());
        assertEquals("", r.body());
        assertNull(r.header("Transfer-Encoding"));
    }
}
