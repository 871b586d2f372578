package bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link LoopbackRequestBench}'s whole request, through mod_rewrite: {@code none} asks for
 * {@code /1k.txt} with the engine off; {@code server20} asks for {@code /page/1k} through 20
 * typical server-context rules (canonical-host and HTTPS conditions, old-URL redirects, maps,
 * query conditions), the last of which maps it to {@code /1k.txt}; {@code htaccess} asks for
 * {@code /1k.txt} under a WordPress {@code .htaccess} (read once, then cached; its file tests run
 * on every request). Run with {@code -p connection=keepalive}.
 */
public class RewriteRequestBench extends LoopbackRequestBench {

    @Param({"none", "server20", "htaccess"})
    public String rules;

    @Override
    protected String extraConfig(Path root) throws IOException {
        switch (rules) {
            case "server20":
                return String.join("\n",
                        "RewriteEngine On",
                        "RewriteMap lc int:tolower",
                        "RewriteCond %{HTTP_HOST} ^www\\.example\\.com$ [NC]",
                        "RewriteRule ^/(.*)$ http://example.com/$1 [R=301,L]",
                        "RewriteCond %{HTTPS} =on",
                        "RewriteRule ^/secure-only/ - [F]",
                        "RewriteRule ^/old-blog/(.*)$ /blog/$1 [R=301,L]",
                        "RewriteRule ^/feed/?$ /feed.xml [L]",
                        "RewriteRule ^/index\\.php$ / [R=301,L]",
                        "RewriteCond %{QUERY_STRING} (^|&)p=([0-9]+)",
                        "RewriteRule ^/$ /post/%2? [R=301,L]",
                        "RewriteRule ^/(.*)/$ /$1 [R=301,L]",
                        "RewriteRule \\.(bak|orig|swp)$ - [F]",
                        "RewriteRule ^/wp-admin/ - [F]",
                        "RewriteRule ^/images/(.*)\\.jpeg$ /images/$1.jpg [L]",
                        "RewriteCond %{HTTP_USER_AGENT} (badbot|evilcrawler) [NC]",
                        "RewriteRule .* - [F]",
                        "RewriteRule ^/user/([0-9]+)$ /profile.php?id=$1 [L]",
                        "RewriteRule ^/tag/([a-z-]+)$ /search?tag=${lc:$1} [L]",
                        "RewriteRule ^/download/(.*)$ /files/$1 [L]",
                        "RewriteRule ^/api/v1/(.*)$ /api/v2/$1 [PT]",
                        "RewriteCond %{REQUEST_METHOD} =TRACE",
                        "RewriteRule .* - [F]",
                        "RewriteRule ^/archive/([0-9]{4})/([0-9]{2})$ /archive.php?y=$1&m=$2 [L]",
                        "RewriteRule ^/legacy\\.html$ /new.html [R=302,L]",
                        "RewriteRule ^/page/([a-z0-9]+)$ /$1.txt [L]",
                        "");
            case "htaccess":
                Files.writeString(root.resolve("htdocs/.htaccess"), String.join("\n",
                        "RewriteEngine On",
                        "RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]",
                        "RewriteBase /",
                        "RewriteRule ^index\\.php$ - [L]",
                        "RewriteCond %{REQUEST_FILENAME} !-f",
                        "RewriteCond %{REQUEST_FILENAME} !-d",
                        "RewriteRule . /index.php [L]",
                        ""));
                return "<Directory \"htdocs\">\n    AllowOverride All\n</Directory>\n";
            default:
                return "";
        }
    }

    @Override
    protected String target() {
        return rules.equals("server20") ? "/page/1k" : "/1k.txt";
    }
}
