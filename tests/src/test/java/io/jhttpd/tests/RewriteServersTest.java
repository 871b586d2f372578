package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * mod_rewrite cases that need a server of their own: virtual hosts, and the trace log (the error
 * log is configured per server start, one Logback context per JVM).
 */
class RewriteServersTest {

    @Test
    void virtualHostsInheritTheEngineButNotMapsOrRules() throws Exception {
        // Apache 2.4.71 with the same configuration: vh.test /vx 200, /vm/Y 404 (the map is not inherited),
        // /noeng/x 200 (an .htaccess without RewriteEngine follows the server's); vh2.test (RewriteEngine Off) 404 everywhere
        Path root = Files.createTempDirectory("jhttpd-rewrite-vhosts");
        Path h = root.resolve("htdocs");
        Files.createDirectories(h.resolve("noeng"));
        Files.writeString(h.resolve("noeng/y.txt"), "y\n");
        Files.writeString(h.resolve("noeng/.htaccess"), "RewriteRule ^x$ y.txt [L]\n");
        try (TestServer s = TestServer.start(root, String.join("\n",
                "<Directory \"" + h + "\">",
                "  AllowOverride All",
                "</Directory>",
                "RewriteEngine On",
                "RewriteMap lc int:tolower",
                "<VirtualHost *>",
                "  ServerName vh.test",
                "  DocumentRoot \"" + h + "\"",
                "  RewriteRule ^/vx$ /noeng/y.txt [L]",
                "  RewriteRule ^/vm/(.*)$ /noeng/${lc:$1}.txt [L]",
                "</VirtualHost>",
                "<VirtualHost *>",
                "  ServerName vh2.test",
                "  DocumentRoot \"" + h + "\"",
                "  RewriteEngine Off",
                "</VirtualHost>"))) {
            for (String[] c : new String[][] {{"vh.test", "/noeng/x", "200"}, {"vh.test", "/vx", "200"}, {"vh.test", "/vm/Y", "404"},
                {"vh2.test", "/noeng/x", "404"}, {"vh2.test", "/vx", "404"}}) {
                assertEquals(Integer.parseInt(c[2]), s.get(c[1], "Host: " + c[0]).status, c[0] + c[1]);
            }
        }
    }

    @Test
    void traceLevelLogsEveryStepAsApachesRewriteLog() throws Exception {
        // the error log is configured per server start (one Logback context per JVM): this test has its own server
        Path root = Files.createTempDirectory("jhttpd-rewrite-trace");
        Path h = root.resolve("htdocs");
        Files.createDirectories(h.resolve("wp"));
        Files.writeString(h.resolve("wp/index.php"), "front\n");
        Files.writeString(h.resolve("b.html"), "b\n");
        Files.writeString(h.resolve("wp/.htaccess"), "RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule . /wp/index.php [L]\n");
        try (TestServer s = TestServer.start(root, String.join("\n",
                "<Directory \"" + h + "\">",
                "  AllowOverride All",
                "</Directory>",
                "LogLevel warn rewrite:trace3",
                "RewriteEngine On",
                "RewriteRule ^/page/([a-z]+)$ /$1.html [L]"))) {
            assertEquals(200, s.get("/page/b").status);
            assertEquals(200, s.get("/wp/some/post").status);
            String log = Files.readString(root.resolve("logs/error_log"));
            assertTrue(log.contains("[server] applying pattern '^/page/([a-z]+)$' to uri '/page/b'"), log);
            assertTrue(log.contains("[server] rewrite '/page/b' -> '/b.html'"), log);
            assertTrue(log.contains("[perdir " + h.resolve("wp") + "/] RewriteCond: input='" + h.resolve("wp/some/post")
                    + "' pattern='!-f' => matched"), log);
            assertTrue(log.contains("internal redirect with /wp/index.php [INTERNAL REDIRECT]"), log);
            assertTrue(log.contains("[initial/redir#1] [perdir"), "the re-run request is marked as in Apache: " + log);
        }
    }

    @Test
    void accessFileNameNamesThePerDirectoryFile() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-rewrite-accessfilename");
        Path h = root.resolve("htdocs");
        Files.createDirectories(h);
        Files.writeString(h.resolve("a.txt"), "a\n");
        Files.writeString(h.resolve(".config"), "RewriteEngine On\nRewriteRule ^x$ a.txt [L]\n");
        Files.writeString(h.resolve(".htaccess"), "RewriteEngine On\nRewriteRule ^y$ a.txt [L]\n");
        try (TestServer s = TestServer.start(root, String.join("\n",
                "AccessFileName .config",
                "<Directory \"" + h + "\">",
                "  AllowOverride FileInfo",
                "</Directory>"))) {
            assertEquals(200, s.get("/x").status);
            assertEquals(404, s.get("/y").status, ".htaccess is not read when AccessFileName names another file");
        }
    }
}
