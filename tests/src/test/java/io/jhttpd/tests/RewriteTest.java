package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mod_rewrite and mod_alias end to end, in server and directory ({@code .htaccess}) context.
 * Where a status or {@code Location} is not obvious, the expected value is what Apache 2.4.71
 * answered for the same rule (through /work/shared/tools/apache-oracle), quoted in the case.
 */
class RewriteTest {

    private static TestServer server;
    private static String self;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("jhttpd-rewrite");
        Path h = root.resolve("htdocs");
        Files.createDirectories(root.resolve("conf"));
        Files.writeString(root.resolve("conf/pages.map"), "# page names\nhome a\nabout b\n");
        Path prg = root.resolve("conf/upper.sh");
        Files.writeString(prg, "#!/bin/sh\nwhile read line; do echo \"$line\" | tr a-z A-Z; done\n");
        Files.setPosixFilePermissions(prg, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String f : new String[] {"content/a.html", "content/b.html", "content/item42.html", "content/A.html",
            "wp/index.php", "wp/style.css", "lar/index.php", "lar/users.css", "rb/x", "nob/x", "broken/a.html",
            "limited/a.html", "listed/a.html", "optsok/a.html", "optsbad/a.html", "nonfatal/a.html", "changing/a.html", "changing/b.html", "loopl/a.html", "loopend/a.html"}) {
            Path p = h.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "file " + f + "\n");
        }
        Files.createDirectories(root.resolve("other"));
        Files.writeString(root.resolve("other/o.txt"), "aliased file\n");
        Files.createDirectories(root.resolve("cgi"));
        Files.writeString(root.resolve("cgi/script.cgi"), "#!/bin/sh\n");
        String wordpress = String.join("\n",
                "# BEGIN WordPress (as shipped by Debian's wordpress package)",
                "<IfModule mod_rewrite.c>",
                "RewriteEngine On",
                "RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]",
                "RewriteBase /wp/",
                "RewriteRule ^index\\.php$ - [L]",
                "RewriteCond %{REQUEST_FILENAME} !-f",
                "RewriteCond %{REQUEST_FILENAME} !-d",
                "RewriteRule . /wp/index.php [L]",
                "</IfModule>",
                "# END WordPress");
        Files.writeString(h.resolve("wp/.htaccess"), wordpress + "\n");
        String laravel = String.join("\n",
                "<IfModule mod_rewrite.c>",
                "    RewriteEngine On",
                "    RewriteCond %{HTTP:Authorization} .",
                "    RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]",
                "    RewriteCond %{REQUEST_FILENAME} !-d",
                "    RewriteCond %{REQUEST_URI} (.+)/$",
                "    RewriteRule ^ %1 [L,R=301]",
                "    RewriteCond %{REQUEST_FILENAME} !-d",
                "    RewriteCond %{REQUEST_FILENAME} !-f",
                "    RewriteRule ^ index.php [L]",
                "</IfModule>");
        Files.writeString(h.resolve("lar/.htaccess"), laravel + "\n");
        Files.writeString(h.resolve("rb/.htaccess"), "RewriteEngine On\nRewriteBase /base/\nRewriteRule ^r1$ target1 [R,L]\n"
                + "RewriteRule ^r3/(.*)$ t3?x=$1 [R,QSA,L]\n");
        Files.writeString(h.resolve("nob/.htaccess"), "RewriteEngine On\nRewriteRule ^r1$ target1 [R,L]\n"
                + "RewriteRule ^in$ x [L]\n");
        Files.writeString(h.resolve("broken/.htaccess"), "RewriteEngine On\nNoSuchDirective here\n");
        Files.writeString(h.resolve("limited/.htaccess"), "RewriteEngine On\n");
        Files.writeString(h.resolve("listed/.htaccess"), "Redirect /listed/old http://example.com/new\nRewriteEngine On\nRewriteRule ^x$ a.html [L]\n");
        Files.writeString(h.resolve("optsok/.htaccess"), "Options +Indexes -FollowSymLinks +FollowSymLinks\n");
        Files.writeString(h.resolve("optsbad/.htaccess"), "Options +ExecCGI\n");
        Files.writeString(h.resolve("nonfatal/.htaccess"), "RewriteEngine On\nRewriteRule ^x$ a.html\n");
        Files.writeString(h.resolve("changing/.htaccess"), "RewriteEngine On\nRewriteRule ^x$ a.html\n");
        Files.writeString(h.resolve("loopl/.htaccess"), "RewriteEngine On\nRewriteRule ^(.*)$ x/$1 [L]\n");
        Files.writeString(h.resolve("loopend/.htaccess"), "RewriteEngine On\nRewriteRule ^(.*)\\.txt$ $1.html [END]\n");
        String hd = h.toString();
        server = TestServer.start(root, String.join("\n",
                "<Directory \"" + hd + "\">",
                "  AllowOverride All",
                "</Directory>",
                "<Directory \"" + hd + "/limited\">",
                "  AllowOverride AuthConfig",
                "</Directory>",
                "<Directory \"" + hd + "/listed\">",
                "  AllowOverride None",
                "  AllowOverrideList Redirect RewriteEngine RewriteRule",
                "</Directory>",
                "<Directory \"" + hd + "/optsok\">",
                "  AllowOverride Options=Indexes,FollowSymLinks",
                "</Directory>",
                "<Directory \"" + hd + "/optsbad\">",
                "  AllowOverride Options=Indexes",
                "</Directory>",
                "<Directory \"" + hd + "/nonfatal\">",
                "  AllowOverride AuthConfig Nonfatal=Override",
                "</Directory>",
                "<Directory \"" + root.resolve("other") + "\">",
                "  Require all granted",
                "</Directory>",
                "<Directory \"" + root.resolve("cgi") + "\">",
                "  Require all granted",
                "</Directory>",
                "RewriteEngine On",
                "RewriteMap lower int:tolower",
                "RewriteMap pages txt:conf/pages.map",
                "RewriteMap upper prg:conf/upper.sh",
                "RewriteRule ^/old/(.*)$ /new/$1 [R=301,L]",
                "RewriteRule ^/page/([a-z]+)$ /content/$1.html [L]",
                "RewriteRule ^/forbidden - [F]",
                "RewriteRule ^/gone - [G]",
                "RewriteRule ^/nocase$ /content/a.html [NC,L]",
                "RewriteCond %{QUERY_STRING} (^|&)id=([0-9]+)",
                "RewriteRule ^/item$ /content/item%2.html? [L]",
                "RewriteRule ^/qsa$ /content/a.html?x=1 [QSA,L]",
                "RewriteRule ^/nloop$ /nloop [N=5]",
                "RewriteRule ^/b/(.*)$ /q?v=$1 [R,B,L]",
                "RewriteRule ^/nb/(.*)$ /q?v=$1 [R,L]",
                "RewriteRule ^/ne$ /a%20b#frag [R,NE,L]",
                "RewriteRule ^/nne$ /a%20b#frag [R,L]",
                "RewriteRule ^/typed$ /content/a.html [T=application/x-test,L]",
                "RewriteRule ^/map/(.*)$ /content/${lower:$1}.html [L]",
                "RewriteRule ^/txt/(.*)$ /content/${pages:$1|a}.html [L]",
                "RewriteRule ^/prg/(.*)$ /content/${upper:$1}.html [L]",
                "RewriteRule ^/chain/(.*) /content/$1 [C]",
                "RewriteRule \\.nothing$ /content/b.html [L]",
                "RewriteRule ^/skip$ /content/a.html [S=1]",
                "RewriteRule ^/content/a.html$ /content/b.html [L]",
                "RewriteCond %{HTTP:X-Pick} =b [OR]",
                "RewriteCond %{HTTP:X-Pick} =B",
                "RewriteRule ^/pick$ /content/b.html [L]",
                "RewriteRule ^/env$ /content/a.html [E=REWRITTEN:yes,H=echo-env,L]",
                "RewriteRule ^/pt/(.*)$ /aliased/$1 [PT]",
                "RewriteRule ^/escape$ /../../etc/passwd [L]",
                "Alias /aliased \"" + root.resolve("other") + "\"",
                "ScriptAlias /cgi-bin/ \"" + root.resolve("cgi") + "/\"",
                "Redirect /redir http://example.com/target",
                "RedirectMatch 301 ^/rm/(.*)\\.htm$ http://example.com/$1.html",
                "Redirect gone /gone2",
                "RedirectPermanent /perm /elsewhere"));
        self = "http://localhost:" + server.port;
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void assertAnswer(String path, int status, String body) throws Exception {
        RawHttp.Response res = server.get(path);
        assertEquals(status, res.status, res.toString());
        if (body != null) {
            assertEquals(body + "\n", res.bodyText());
        }
    }

    private static void assertRedirect(String path, int status, String location) throws Exception {
        RawHttp.Response res = server.get(path);
        assertEquals(status, res.status, res.toString());
        assertEquals(location.startsWith("/") ? self + location : location, res.header("Location"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/page/a|200|file content/a.html",
        "/nocase|200|file content/a.html",
        "/NOCASE|200|file content/a.html",
        "/item?id=42|200|file content/item42.html",
        "/map/A|200|file content/a.html",
        "/txt/about|200|file content/b.html",
        "/txt/unknown|200|file content/a.html",
        "/prg/a|200|file content/A.html",
        "/chain/x.nothing|200|file content/b.html",
        "/other.nothing|404|",
        "/chain/b.html|200|file content/b.html",
        "/skip|200|file content/a.html",
        "/content/a.html|200|file content/b.html",
        "/forbidden|403|",
        "/gone|410|",
        "/nloop|500|",
        // Apache stats "/.." (it exists), so the rule maps to /etc/passwd itself, which <Directory /> denies
        "/escape|403|",
        "/aliased/o.txt|200|aliased file",
        "/pt/o.txt|200|aliased file",
        "/gone2|410|",
    })
    void serverContextMapsAsApacheDoes(String path, int status, String body) throws Exception {
        assertAnswer(path, status, body);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/old/x/y|301|/new/x/y",
        // Apache 2.4.71: the back-reference is decoded, B re-escapes it, the redirect escapes '%' again
        "/b/a%20b&c|302|/q?v=a+b%2526c",
        "/nb/a%20b&c|302|/q?v=a%20b&c",
        // Apache: %2 is a (here empty) condition back-reference, so /a%20b becomes /a0b; without NE '#' is escaped
        "/ne|302|/a0b#frag",
        "/nne|302|/a0b%23frag",
        "/redir/x?y=1|302|http://example.com/target/x?y=1",
        "/rm/a.htm|301|http://example.com/a.html",
        "/perm|301|/elsewhere",
        "/listed/old|302|http://example.com/new",
    })
    void redirectsCarryApachesLocation(String path, int status, String location) throws Exception {
        assertRedirect(path, status, location);
    }

    @Test
    void conditionsOnHeadersAddVaryAndOrChains() throws Exception {
        RawHttp.Response res = server.get("/pick", "X-Pick: B");
        assertEquals(200, res.status);
        assertEquals("file content/b.html\n", res.bodyText());
        assertTrue(res.header("Vary").contains("X-Pick"), res.toString());
        assertEquals(404, server.get("/pick", "X-Pick: c").status);
    }

    @Test
    void typeAndHandlerAndEnvironmentFlags() throws Exception {
        RawHttp.Response typed = server.get("/typed");
        assertEquals("application/x-test", typed.header("Content-Type"));
        RawHttp.Response env = server.get("/env");
        assertEquals(200, env.status, env.toString());
        assertTrue(env.bodyText().contains("REWRITTEN=yes"), env.bodyText());
        assertTrue(env.bodyText().contains("SCRIPT_URL=/env"), env.bodyText());
    }

    @Test
    void queryStringAppendKeepsTheOriginalAfterTheNewOne() throws Exception {
        RawHttp.Response res = server.get("/qsa?orig=1", "X-Show-Handler: 1");
        assertTrue(res.bodyText().contains("query=x=1&orig=1"), res.bodyText());
        RawHttp.Response item = server.get("/item?id=42", "X-Show-Handler: 1");
        assertTrue(item.bodyText().contains("query=null"), "a trailing ? drops the query: " + item.bodyText());
    }

    @Test
    void scriptAliasMapsToTheFileAndSetsTheCgiHandler() throws Exception {
        RawHttp.Response res = server.get("/cgi-bin/script.cgi", "X-Show-Handler: 1");
        assertEquals(200, res.status);
        assertTrue(res.bodyText().contains("handler=cgi-script"), res.bodyText());
        assertTrue(res.bodyText().contains("alias-forced-type=cgi-script"), "the note mod_cgi reads: " + res.bodyText());
        assertTrue(res.bodyText().contains("filename=" + server.root.resolve("cgi/script.cgi")), res.bodyText());
    }

    // ---- directory context (.htaccess) ------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "/wp/2024/05/hello-world/|200|file wp/index.php",
        "/wp/style.css|200|file wp/style.css",
        "/wp/index.php|200|file wp/index.php",
        "/lar/users|200|file lar/index.php",
        "/lar/users.css|200|file lar/users.css",
        // the directory itself: !-d fails, no rewrite, no index file -> 403 (Apache 2.4.71 the same)
        "/lar/|403|",
        "/nob/in|200|file nob/x",
        "/nonfatal/x|404|",
        // AllowOverrideList lets single directives in under AllowOverride None
        "/listed/x|200|file listed/a.html",
        "/optsok/a.html|200|file optsok/a.html",
        // Apache: "Option ExecCGI not allowed here" when AllowOverride Options= does not list it
        "/optsbad/a.html|500|",
        "/changing/a.html|200|file changing/a.html",
        "/loopend/a.txt|200|file loopend/a.html",
    })
    void frameworkRulesWorkUnchanged(String path, int status, String body) throws Exception {
        assertAnswer(path, status, body);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        // Laravel's "redirect trailing slashes": %1 is the URI without its slash
        "/lar/users/|301|/lar/users",
        // Apache 2.4.71 with RewriteBase /base/: http://host/base/target1
        "/rb/r1|302|/base/target1",
        "/rb/r3/a%20b?q=1|302|/base/t3?x=a%20b&q=1",
    })
    void directoryRedirects(String path, int status, String location) throws Exception {
        assertRedirect(path, status, location);
    }

    @Test
    void withoutRewriteBaseARedirectShowsTheDirectoryPathAsApacheDoes() throws Exception {
        // Apache 2.4.71: "Location: http://127.0.0.1:41204/tmp/rwo/htdocs/target1" for the same rule
        RawHttp.Response res = server.get("/nob/r1");
        assertEquals(302, res.status);
        assertEquals(self + server.htdocs.resolve("nob/target1"), res.header("Location"));
    }

    @Test
    void lastLoopsThroughInternalRedirectsUntilTheLimit() throws Exception {
        assertEquals(500, server.get("/loopl/a.html").status);
    }

    @Test
    void brokenAccessFileIs500WithFileAndLineInTheErrorLog() throws Exception {
        assertEquals(500, server.get("/broken/a.html").status);
        String log = Files.readString(server.root.resolve("logs/error_log"));
        assertTrue(log.contains("JH00032: " + server.htdocs.resolve("broken/.htaccess") + ":2: Invalid command 'NoSuchDirective'"), log);
    }

    @Test
    void directiveNotAllowedByAllowOverrideIs500() throws Exception {
        assertEquals(500, server.get("/limited/a.html").status);
        String log = Files.readString(server.root.resolve("logs/error_log"));
        assertTrue(log.contains(server.htdocs.resolve("limited/.htaccess") + ":1: RewriteEngine not allowed here"), log);
    }

    @Test
    void changedAccessFileIsReadAgain() throws Exception {
        assertEquals(200, server.get("/changing/x").status);
        assertEquals("file changing/a.html\n", server.get("/changing/x").bodyText());
        Path f = server.htdocs.resolve("changing/.htaccess");
        Files.writeString(f, "RewriteEngine On\nRewriteRule ^x$ b.html [L]\n# changed\n");
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("file changing/b.html\n", server.get("/changing/x").bodyText());
    }
}
