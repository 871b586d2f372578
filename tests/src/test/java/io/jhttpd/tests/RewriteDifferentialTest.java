package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same rewrite and alias configuration, and the same document tree with its
 * {@code .htaccess} files, served by Apache httpd ({@code /usr/sbin/apache2}, Debian's package)
 * and by jhttpd: every request must get the same status, the same {@code Location} (the two
 * servers' ports written as {@code PORT}) and, for 200, the same file. Skipped where Apache is
 * not installed. Apache loads the modules whose job jhttpd's image does here: mime, dir, autoindex (a
 * directory without index is 403), alias, rewrite.
 */
class RewriteDifferentialTest {

    private static final Path APACHE = Path.of("/usr/sbin/apache2");
    private static final Path APACHE_MODULES = Path.of("/usr/lib/apache2/modules");

    private static Path root;
    private static TestServer jhttpd;
    private static Process apache;
    private static int apachePort;

    /** Server-context rules and mod_alias directives both servers read. */
    static String sharedConfig(Path root) {
        Path h = root.resolve("htdocs");
        return String.join("\n",
                "<Directory \"" + h + "\">",
                "  AllowOverride All",
                "  Require all granted",
                "</Directory>",
                // merge order: each level's <Directory> sections, then that level's .htaccess, then the next level
                "<Directory \"" + h.resolve("order") + "\">",
                "  ErrorDocument 404 \"order-section\"",
                "</Directory>",
                "<Directory \"" + h.resolve("order/deep") + "\">",
                "  ErrorDocument 404 \"deep-section\"",
                "</Directory>",
                "<Directory \"" + h.resolve("nosym") + "\">",
                "  Options None",
                "</Directory>",
                "<Directory \"" + h.resolve("dsec") + "\">",
                "  RewriteEngine On",
                "  RewriteRule ^a$ b.txt [L]",
                "  RewriteRule ^r$ c.txt [R,L]",
                "</Directory>",
                "<Directory \"" + root.resolve("alias") + "\">",
                "  AllowOverride All",
                "  Require all granted",
                "</Directory>",
                "RewriteEngine On",
                "RewriteMap lc int:tolower",
                "RewriteMap uc int:toupper",
                "RewriteMap esc int:escape",
                "RewriteMap pages txt:" + root.resolve("pages.map"),
                "RewriteRule ^/s/plain$ /files/a.txt [L]",
                "RewriteRule ^/s/end$ /ht/x [END]",
                // 2.4.60: a substitution starting with a back-reference is not looked up on the file system
                "RewriteRule ^/s/fs/(.*)$ /$1 [L]",
                "RewriteRule ^/s/fsok/(.*)$ /$1 [UnsafePrefixStat,L]",
                "RewriteRule ^/s/lit/(.*)$ /etc/$1 [L]",
                "RewriteRule ^/s/cookie$ /files/a.txt [CO=name:value:.example.com,L]",
                "RewriteRule ^/s/cookie2$ /files/a.txt [CO=n2:v2:localhost:0:/p:secure:httponly,L]",
                "RewriteRule ^/s/env$ - [E=FOO:bar]",
                "RewriteCond %{ENV:FOO} =bar",
                "RewriteRule ^/s/env$ /files/b.txt [L]",
                "RewriteCond /files/a.txt -U",
                "RewriteRule ^/s/u$ /files/b.txt [L]",
                "RewriteCond /nope/a.txt -U",
                "RewriteRule ^/s/nu$ /files/b.txt [L]",
                "RewriteRule ^/s/3f/(.*)$ /files/$1 [L]",
                "RewriteRule ^/s/3fok/(.*)$ /files/$1 [UnsafeAllow3F,L]",
                "RewriteRule ^/s/t-type$ /files/a.txt [T=text/x-special,L]",
                "RewriteRule ^/s/vars$ /new?m=%{REQUEST_METHOD}&u=%{REQUEST_URI}&q=%{QUERY_STRING}&p=%{SERVER_PROTOCOL}&h=%{HTTP_HOST} [R,L]",
                "RewriteRule ^/s/the$ /new?r=%{THE_REQUEST} [R,L]",
                "RewriteRule ^/s/esc/(.*)$ /new/${esc:$1} [R,NE,L]",
                "RewriteRule ^/s/nested/(.*)$ /files/${pages:${lc:$1}|b}.txt [L]",
                "RewriteRule ^/s/back/([a-z]+)/([0-9]+)$ /files/$1$2.txt [L]",
                "RewriteRule ^/s/perm/(.*)$ /new/$1 [R=301,L]",
                "RewriteRule ^/s/temp/(.*)$ /new/$1 [R,L]",
                "RewriteRule ^/s/seeother$ /new [R=seeother,L]",
                "RewriteRule ^/s/abs$ http://other.example/x?y=1 [L]",
                "RewriteRule ^/s/abs-r$ http://other.example/x [R=307,L]",
                "RewriteRule ^/s/f$ - [F]",
                "RewriteRule ^/s/g$ - [G]",
                "RewriteRule ^/s/r404$ - [R=404]",
                "RewriteRule ^/s/nc$ /files/a.txt [NC,L]",
                "RewriteRule ^/s/qsa$ /new?a=1 [QSA,R,L]",
                "RewriteRule ^/s/qsd$ /new [QSD,R,L]",
                "RewriteRule ^/s/qsl$ /new?x?y=1 [QSL,R,L]",
                "RewriteRule ^/s/qnew$ /new?b=2 [R,L]",
                "RewriteRule ^/s/qclear$ /new? [R,L]",
                "RewriteRule ^/s/ne$ /new#frag [R,NE,L]",
                "RewriteRule ^/s/nne$ /new#frag [R,L]",
                "RewriteRule ^/s/b/(.*)$ /new?v=$1 [R,B,L]",
                "RewriteRule ^/s/bnp/(.*)$ /new?v=$1 [R,B,BNP,L]",
                "RewriteRule ^/s/bsel/(.*)$ /new?v=$1 [R,B=&,L]",
                "RewriteRule ^/s/nb/(.*)$ /new?v=$1 [R,L]",
                "RewriteRule ^/s/path/(.*)$ /new/$1 [R,L]",
                "RewriteRule ^/s/pct$ /a%{REQUEST_METHOD}b [R,L]",
                "RewriteCond %{QUERY_STRING} (?:^|&)id=([0-9]+)",
                "RewriteRule ^/s/cond$ /files/a%1.txt? [L]",
                "RewriteCond %{HTTP:X-A} =yes [OR]",
                "RewriteCond %{HTTP:X-B} =yes",
                "RewriteRule ^/s/or$ /files/a.txt [L]",
                "RewriteCond %{HTTP:X-N} !^$",
                "RewriteCond %{HTTP:X-N} -gt10",
                "RewriteRule ^/s/int$ /files/b.txt [L]",
                "RewriteCond %{HTTP:X-S} <m",
                "RewriteRule ^/s/lex$ /files/a.txt [L]",
                "RewriteCond %{HTTP_USER_AGENT} bot [NC]",
                "RewriteRule ^/s/ua$ - [F]",
                "RewriteCond expr \"%{QUERY_STRING} =~ /^n=(\\d+)$/ && $1 -ge 10\"",
                "RewriteRule ^/s/expr$ /files/b.txt [L]",
                "RewriteCond expr \"! -R '10.0.0.0/8' && req('X-E') in {'a', 'b'}\"",
                "RewriteRule ^/s/expr2$ - [F]",
                "RewriteCond %{DOCUMENT_ROOT}/files/%{QUERY_STRING} -f",
                "RewriteRule ^/s/exists$ /files/%{QUERY_STRING} [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files -d",
                "RewriteRule ^/s/isdir$ /files/b.txt [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files/a.txt -s",
                "RewriteRule ^/s/nonempty$ /files/b.txt [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files/link.txt -l",
                "RewriteRule ^/s/islink$ /files/b.txt [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files/a.txt -l",
                "RewriteRule ^/s/notlink$ /files/b.txt [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files/run.sh -x",
                "RewriteRule ^/s/exec$ /files/b.txt [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files/a.txt -x",
                "RewriteRule ^/s/noexec$ /files/b.txt [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files/a.txt -F",
                "RewriteRule ^/s/viasub$ /files/b.txt [L]",
                "RewriteCond %{DOCUMENT_ROOT}/files/empty.txt !-s",
                "RewriteRule ^/s/empty$ /files/a.txt [L]",
                "RewriteCond %{REQUEST_METHOD} =POST",
                "RewriteRule ^/s/method$ - [F]",
                "RewriteRule ^/s/chain/(.*)$ /files/$1 [C]",
                "RewriteRule ^(.*)\\.html$ $1.txt [L]",
                "RewriteRule ^/s/skip$ /files/a.txt [S=1]",
                "RewriteRule ^/files/a\\.txt$ /files/b.txt [L]",
                "RewriteRule ^/s/next/a(.*)$ /s/next/$1 [N]",
                "RewriteRule ^/s/next/$ /files/a.txt [L]",
                "RewriteRule ^/s/map/(.*)$ /files/${lc:$1}.txt [L]",
                "RewriteRule ^/s/umap/(.*)$ /new/${uc:$1} [R,L]",
                "RewriteRule ^/s/txt/(.*)$ /files/${pages:$1|b}.txt [L]",
                "RewriteRule ^/s/dash$ - [L]",
                "RewriteRule ^/s/pt/(.*)$ /al/$1 [PT,L]",
                "RewriteRule ^/s/notpt/(.*)$ /al/$1 [L]",
                "RewriteRule !^/(s|files|al|rd|rm|rp|rt|gone|d|htdocs|wp|lar|rb|nob|ht|end|loop|dpi|ne|miss|doku|dsec|inh|noeng|nosym|ans|nans|inhb|order)(/|$) /files/a.txt [L]",
                "Alias /al \"" + root.resolve("alias") + "\"",
                "AliasMatch ^/am/(.*)\\.x$ \"" + root.resolve("alias") + "/$1.txt\"",
                "Redirect /rd http://r.example/target",
                "Redirect 301 /rp /moved",
                "RedirectTemp /rt /temp",
                "RedirectPermanent /rpp http://p.example",
                "RedirectMatch ^/rm/(.*)\\.htm$ /rm-new/$1.html",
                "Redirect gone /gone",
                "");
    }

    static Stream<String> requests() {
        return Stream.of(
                // server context
                "/s/plain", "/s/back/a/1", "/s/back/A/1", "/s/perm/x/y", "/s/temp/x?q=1", "/s/seeother", "/s/abs", "/s/abs-r",
                "/s/f", "/s/g", "/s/r404", "/s/NC", "/s/nc", "/s/qsa?o=2", "/s/qsa", "/s/qsd?o=2", "/s/qsl", "/s/qnew?o=1",
                "/s/qclear?o=1", "/s/ne", "/s/nne", "/s/b/a%20b&c", "/s/b/x/y?z", "/s/bnp/a%20b", "/s/bsel/a%20b&c",
                "/s/nb/a%20b&c", "/s/path/a%20b", "/s/path/%C3%A9", "/s/pct", "/s/cond?id=1", "/s/cond?x=1&id=2", "/s/cond",
                "/s/or|X-B: yes", "/s/or|X-A: yes", "/s/or|X-A: no", "/s/int|X-N: 11", "/s/int|X-N: 9", "/s/lex|X-S: a",
                "/s/lex|X-S: z", "/s/ua|User-Agent: GoodBot/1", "/s/ua|User-Agent: curl",
                "/s/expr?n=12", "/s/expr?n=9", "/s/expr?n=x", "/s/expr2|X-E: a", "/s/expr2|X-E: c", "/s/expr2", "/s/exists?b.txt", "/s/exists?nope.txt",
                "/s/islink", "/s/notlink", "/s/exec", "/s/noexec", "/s/viasub", "/s/isdir", "/s/nonempty", "/s/empty", "/s/method", "/s/chain/a.html", "/s/chain/a.txt", "/x.html", "/s/skip",
                "/files/a.txt", "/s/next/aaa", "/s/map/A", "/s/umap/abc", "/s/txt/one", "/s/txt/none", "/s/dash", "/s/pt/c.txt",
                "/s/notpt/c.txt", "/other", "/s/nomatch",
                // mod_alias
                "/al/c.txt", "/al", "/alx", "/al/sub/x", "/al/sub/r", "/al/sub/v", "/al/sub/d.txt", "/am/c.x", "/rd", "/rd/sub?q=1", "/rdx", "/rp/a", "/rt", "/rpp/x", "/rm/a.htm",
                "/rm/a.html", "/gone", "/gone/x",
                // directory context
                "/wp/2024/05/post/", "/wp/style.css", "/wp/index.php", "/wp/", "/wp/missing.css", "/wp",
                "/lar/users", "/lar/users/", "/lar/a.css", "/lar/", "/lar",
                "/rb/r1", "/rb/r3/a%20b?q=1", "/rb/in", "/rb/in?z=1", "/nob/r1", "/nob/in", "/ht/x", "/end/a.txt", "/loop/a",
                "/dpi/f.txt/extra", "/ne/x", "/miss/a",
                "/s/fs/etc/hostname", "/s/fs/files/a.txt", "/s/fsok/etc/hostname", "/s/fsok/files/a.txt", "/s/lit/hostname",
                "/s/fs/..%2f..%2fetc/hostname", "/s/fs/%2e%2e/%2e%2e/etc/hostname", "/files/../../etc/hostname", "/wp/..%2f..%2fetc",
                "/s/cookie", "/s/cookie2", "/s/env", "/s/u", "/s/nu", "/s/3f/a.txt%3fx=1", "/s/3fok/a.txt%3fx=1", "/s/3f/a.txt",
                "/s/t-type", "/s/vars?x=1", "/s/the?y=2", "/s/esc/a%20b", "/s/nested/ONE", "/s/nested/zzz",
                "/order/x", "/order/deep/x", "/order/deep/deeper/x", "/ans", "/ans/", "/nans", "/inhb/sub/z", "/inhb/sub/w", "/inhb/z", "/noeng/x", "/nosym/x", "/nosym/y.txt", "/s/end", "/dsec/a", "/dsec/r", "/dsec/b.txt", "/inh/x", "/inh/sub/y", "/inh/sub/x",
                // DokuWiki's .htaccess.dist (Debian package dokuwiki) with its rewrite rules enabled
                "/doku/", "/doku/wiki:start", "/doku/_media/a.png", "/doku/_detail/a.png?x=1", "/doku/_export/xhtml/wiki:start",
                "/doku/index.php", "/doku/README", "/doku/.htaccess", "/doku/.git/config", "/doku/lib/exe/xmlrpc.php",
                "/doku/lib/exe/fetch.php?media=x");
    }

    /** Debian's /usr/share/dokuwiki/.htaccess.dist (2022-07-31a), its rewrite block uncommented and based at /doku. */
    static String dokuwikiAccessFile() {
        return String.join("\n",
                "## make sure nobody gets the htaccess, README, COPYING or VERSION files",
                "<Files ~ \"^([\\._]ht|README$|VERSION$|COPYING$)\">",
                "    <IfModule mod_authz_core.c>",
                "        Require all denied",
                "    </IfModule>",
                "    <IfModule !mod_authz_core.c>",
                "        Order allow,deny",
                "        Deny from all",
                "    </IfModule>",
                "</Files>",
                "## Don't allow access to git directories",
                "<IfModule alias_module>",
                "    RedirectMatch 404 /\\.git",
                "</IfModule>",
                "RewriteEngine on",
                "RewriteRule ^_media/(.*)              lib/exe/fetch.php?media=$1  [QSA,L]",
                "RewriteRule ^_detail/(.*)             lib/exe/detail.php?media=$1  [QSA,L]",
                "RewriteRule ^_export/([^/]+)/(.*)     doku.php?do=export_$1&id=$2  [QSA,L]",
                "RewriteRule ^$                        doku.php  [L]",
                "RewriteCond %{REQUEST_FILENAME}       !-f",
                "RewriteCond %{REQUEST_FILENAME}       !-d",
                "RewriteRule (.*)                      doku.php?id=$1  [QSA,L]",
                "RewriteRule ^index.php$               doku.php",
                "RewriteBase /doku",
                "RewriteCond %{HTTPS} !=on",
                "RewriteRule ^lib/exe/xmlrpc.php$      https://%{SERVER_NAME}%{REQUEST_URI} [L,R=301]",
                "");
    }

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(APACHE) && Files.isDirectory(APACHE_MODULES), "Apache httpd is not installed");
        root = Files.createTempDirectory("jhttpd-rewrite-diff");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path h = root.resolve("htdocs");
        for (String f : new String[] {"files/a.txt", "files/b.txt", "files/a1.txt", "files/a2.txt", "files/x.txt", "files/a1.txt",
            "files/c.txt", "x.txt", "wp/index.php", "wp/style.css", "lar/index.php", "lar/a.css", "rb/x", "nob/x", "ht/y.txt",
            "end/a.html", "loop/a", "dpi/f.txt", "dpi/g.txt", "ne/y", "miss/b", "dsec/b.txt", "dsec/c.txt", "inh/p.txt",
            "inh/sub/c.txt", "doku/doku.php", "doku/index.php", "doku/README", "doku/VERSION", "doku/lib/exe/fetch.php",
            "noeng/y.txt", "order/deep/deeper/y", "ans/y.txt", "nans/y.txt", "inhb/p.txt", "inhb/sub/c.txt", "inhb/sub/p.txt", "nosym/y.txt", "ht/x", "doku/lib/exe/detail.php", "doku/lib/exe/xmlrpc.php", "doku/.git/config"}) {
            write(h.resolve(f), "file " + f + "\n");
        }
        write(h.resolve("files/empty.txt"), "");
        write(h.resolve("files/run.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(h.resolve("files/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(h.resolve("files/link.txt"), h.resolve("files/a.txt"));
        write(root.resolve("alias/c.txt"), "alias c\n");
        write(root.resolve("alias/sub/d.txt"), "alias d\n");
        // rules in an aliased directory: without RewriteBase the Alias is the context (2.4.16+)
        write(root.resolve("alias/sub/.htaccess"), "RewriteEngine On\nRewriteRule ^x$ d.txt [L]\nRewriteRule ^r$ d.txt [R,L]\n"
                + "RewriteRule ^v$ /files/b.txt?p=%{CONTEXT_PREFIX}&r=%{CONTEXT_DOCUMENT_ROOT} [R,NE,L]\n");
        write(root.resolve("pages.map"), "one a\ntwo b\n");
        write(h.resolve("wp/.htaccess"), String.join("\n", "# BEGIN WordPress", "<IfModule mod_rewrite.c>", "RewriteEngine On",
                "RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]", "RewriteBase /wp/", "RewriteRule ^index\\.php$ - [L]",
                "RewriteCond %{REQUEST_FILENAME} !-f", "RewriteCond %{REQUEST_FILENAME} !-d", "RewriteRule . /wp/index.php [L]",
                "</IfModule>", "# END WordPress", ""));
        write(h.resolve("lar/.htaccess"), String.join("\n", "<IfModule mod_rewrite.c>", "RewriteEngine On",
                "RewriteCond %{HTTP:Authorization} .", "RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]",
                "RewriteCond %{REQUEST_FILENAME} !-d", "RewriteCond %{REQUEST_URI} (.+)/$", "RewriteRule ^ %1 [L,R=301]",
                "RewriteCond %{REQUEST_FILENAME} !-d", "RewriteCond %{REQUEST_FILENAME} !-f", "RewriteRule ^ index.php [L]",
                "</IfModule>", ""));
        write(h.resolve("rb/.htaccess"), "RewriteEngine On\nRewriteBase /rb/\nRewriteRule ^r1$ target1 [R,L]\n"
                + "RewriteRule ^r3/(.*)$ t3?x=$1 [R,QSA,L]\nRewriteRule ^in$ x [QSA,L]\n");
        write(h.resolve("nob/.htaccess"), "RewriteEngine On\nRewriteRule ^r1$ target1 [R,L]\nRewriteRule ^in$ x [L]\n");
        write(h.resolve("ht/.htaccess"), "RewriteEngine On\nRewriteRule ^x$ /files/a.txt [L]\n");
        write(h.resolve("end/.htaccess"), "RewriteEngine On\nRewriteRule ^(.*)\\.txt$ $1.html [END]\nRewriteRule ^a\\.html$ a.txt [L]\n");
        write(h.resolve("loop/.htaccess"), "RewriteEngine On\nRewriteRule ^(.*)$ x/$1 [L]\n");
        write(h.resolve("dpi/.htaccess"), "RewriteEngine On\nRewriteRule ^f\\.txt(.*)$ g.txt [DPI,L]\n");
        write(h.resolve("ne/.htaccess"), "RewriteEngine On\nRewriteRule ^x$ /files/a.txt [NE,R=302,L]\n");
        write(h.resolve("inh/.htaccess"), "RewriteEngine On\nRewriteRule x$ p.txt [L]\n");
        write(h.resolve("inh/sub/.htaccess"), "RewriteEngine On\nRewriteOptions Inherit\nRewriteRule y$ c.txt [L]\n");
        write(h.resolve("doku/.htaccess"), dokuwikiAccessFile());
        // no RewriteEngine here: the server's RewriteEngine On is the directories' default too
        write(h.resolve("order/.htaccess"), "ErrorDocument 404 \"order-htaccess\"\n");
        write(h.resolve("order/deep/deeper/.htaccess"), "ErrorDocument 404 \"deeper-htaccess\"\n");
        write(h.resolve("ans/.htaccess"), "RewriteEngine On\nRewriteOptions AllowNoSlash\nRewriteRule ans$ /files/b.txt [L]\n");
        write(h.resolve("nans/.htaccess"), "RewriteEngine On\nRewriteRule nans$ /files/b.txt [L]\n");
        write(h.resolve("inhb/.htaccess"), "RewriteEngine On\nRewriteRule z$ p.txt [L]\nRewriteRule w$ p.txt [L]\n");
        write(h.resolve("inhb/sub/.htaccess"), "RewriteEngine On\nRewriteOptions InheritBefore\nRewriteRule z$ c.txt [L]\n");
        write(h.resolve("noeng/.htaccess"), "RewriteRule ^x$ y.txt [L]\n");
        // without FollowSymLinks or SymLinksIfOwnerMatch directory rules are refused (AH00670)
        write(h.resolve("nosym/.htaccess"), "RewriteEngine On\nRewriteRule ^x$ y.txt [L]\n");
        write(h.resolve("miss/.htaccess"), "RewriteEngine On\nRewriteCond %{REQUEST_FILENAME} !-f\nRewriteRule ^(.*)$ b [L]\n");

        String shared = sharedConfig(root);
        apachePort = freePort();
        Path conf = root.resolve("apache.conf");
        StringBuilder ac = new StringBuilder();
        for (String m : new String[] {"mpm_event", "authz_core", "mime", "dir", "autoindex", "alias", "rewrite"}) {
            ac.append("LoadModule ").append(m).append("_module ").append(APACHE_MODULES.resolve("mod_" + m + ".so")).append('\n');
        }
        ac.append("Listen 127.0.0.1:").append(apachePort).append('\n')
                .append("ServerName localhost\n")
                .append("PidFile ").append(root.resolve("apache.pid")).append('\n')
                .append("Mutex file:").append(root).append(" default\n")
                .append("DefaultRuntimeDir ").append(root).append('\n')
                .append("ErrorLog ").append(root.resolve("apache_error.log")).append('\n')
                .append("TypesConfig /etc/mime.types\n")
                .append("DocumentRoot \"").append(h).append("\"\n")
                .append("<Directory />\n  Require all denied\n</Directory>\n")
                .append(shared);
        write(conf, ac.toString());
        apache = new ProcessBuilder(APACHE.toString(), "-X", "-d", root.toString(), "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("apache.out").toFile()).start();
        waitForPort(apachePort);
        jhttpd = TestServer.start(root, shared);
    }

    @AfterAll
    static void stop() throws Exception {
        if (apache != null) {
            apache.destroy();
            if (!apache.waitFor(10, TimeUnit.SECONDS)) {
                apache.destroyForcibly();
            }
        }
        if (jhttpd != null) {
            jhttpd.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void sameAnswerAsApache(String request) throws Exception {
        String[] parts = request.split("\\|");
        String path = parts[0];
        String[] headers = parts.length > 1 ? new String[] {parts[1]} : new String[0];
        String expected = answer(apachePort, path, headers);
        String actual = answer(jhttpd.port, path, headers);
        assertEquals(expected, actual, "Apache's answer (left) and jhttpd's (right) for " + request);
    }

    /** Status, Location with the port written PORT, and the body of a 200. */
    private static String answer(int port, String path, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n");
        for (String hdr : headers) {
            sb.append(hdr).append("\r\n");
        }
        sb.append("Connection: close\r\n\r\n");
        try (RawHttp c = new RawHttp(port)) {
            c.send(sb.toString());
            RawHttp.Response res = c.read(false);
            String location = res.header("Location");
            String out = res.status + " " + (location == null ? "-" : location.replace(":" + port, ":PORT"));
            for (String name : new String[] {"Set-Cookie", "Vary"}) {
                if (res.header(name) != null) {
                    out += " " + name + ": " + res.header(name);
                }
            }
            if (path.contains("/t-")) {
                out += " " + res.header("Content-Type");
            }
            if (res.status == 200 || path.startsWith("/order/")) {
                out += " " + res.bodyText().strip();
            }
            return out;
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        for (Path d = p.getParent(); d != null && d.startsWith(root); d = d.getParent()) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(p, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> tried = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                tried.add(e.getMessage());
                if (!apache.isAlive()) {
                    throw new IllegalStateException("Apache exited: " + Files.readString(root.resolve("apache.out")));
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("Apache did not listen on " + port);
    }
}
