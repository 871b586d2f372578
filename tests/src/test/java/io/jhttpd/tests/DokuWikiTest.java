package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real PHP application from Debian, DokuWiki (no database), through jhttpd and php-fpm: its
 * start page renders, and an edit saved through its form lands in the page file and shows on the
 * page. The wiki runs from a private copy (code, configuration and data in a temporary folder).
 */
class DokuWikiTest {

    private static final Path DOKUWIKI = Path.of("/usr/share/dokuwiki");

    @Test
    void rendersAndSavesAnEdit() throws Exception {
        PhpFpm.assumeInstalled();
        assumeTrue(Files.isRegularFile(DOKUWIKI.resolve("doku.php")), "DokuWiki is not installed (apt-get install dokuwiki)");
        Path root = Files.createTempDirectory("jhttpd-dokuwiki");
        Path wiki = root.resolve("htdocs/wiki");
        Files.createDirectories(wiki.getParent());
        copy(DOKUWIKI, wiki);
        copy(Path.of("/etc/dokuwiki"), root.resolve("conf"));
        copy(Path.of("/var/lib/dokuwiki/data"), root.resolve("data"));
        Files.writeString(wiki.resolve("inc/preload.php"),
                "<?php\nif (!defined('DOKU_CONF')) define('DOKU_CONF', '" + root.resolve("conf") + "/');\n");
        Files.writeString(root.resolve("conf/local.php"), "<?php\n$conf['title'] = 'jhttpd wiki';\n$conf['useacl'] = 0;\n"
                + "$conf['savedir'] = '" + root.resolve("data") + "';\n");
        try (PhpFpm fpm = PhpFpm.start(root.resolve("fpm"), 2);
             TestServer server = TestServer.start(root, "<FilesMatch \"\\.php$\">\n"
                     + "  SetHandler \"proxy:fcgi://127.0.0.1:" + fpm.port + "\"\n</FilesMatch>\n"
                     + "DirectoryIndex doku.php\n")) {
            HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> start = client.send(HttpRequest.newBuilder(URI.create(server.url("/wiki/doku.php?id=start")))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, start.statusCode(), start.body());
            assertTrue(start.body().contains("jhttpd wiki"), "start page: " + head(start.body()));
            assertTrue(start.body().contains("lib/exe/css.php"), "start page links its stylesheet");
            HttpResponse<String> css = client.send(HttpRequest.newBuilder(URI.create(server.url("/wiki/lib/exe/css.php?t=dokuwiki")))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, css.statusCode());
            assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));

            String page = "/wiki/doku.php?id=playground:jhttpd";
            HttpResponse<String> edit = client.send(HttpRequest.newBuilder(URI.create(server.url(page + "&do=edit")))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, edit.statusCode());
            Map<String, String> form = hiddenFields(edit.body());
            assertTrue(form.containsKey("sectok"), "edit form: " + head(edit.body()));
            form.put("wikitext", "====== Served by jhttpd ======\nSaved through FastCGI at " + System.nanoTime() + ".\n");
            form.put("summary", "test edit");
            form.put("do[save]", "Save");
            HttpResponse<String> saved = client.send(HttpRequest.newBuilder(URI.create(server.url("/wiki/doku.php")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(urlencode(form)))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, saved.statusCode());
            assertTrue(saved.body().contains("Served by jhttpd"), "after saving: " + head(saved.body()));
            Path stored = root.resolve("data/pages/playground/jhttpd.txt");
            assertTrue(Files.readString(stored).contains("Saved through FastCGI"));
        }
    }

    private static String head(String body) {
        return body.length() > 600 ? body.substring(0, 600) : body;
    }

    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>").matcher(html);
        while (input.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(input.group());
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
            if (name.find()) {
                fields.put(name.group(1), value.find() ? value.group(1).replace("&amp;", "&").replace("&quot;", "\"") : "");
            }
        }
        return fields;
    }

    private static String urlencode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        form.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /** {@code cp -rL}: the Debian package links parts of the tree into /var/lib and /etc. */
    private static void copy(Path from, Path to) throws Exception {
        Process p = new ProcessBuilder("cp", "-rL", from.toString(), to.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cp took too long");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
