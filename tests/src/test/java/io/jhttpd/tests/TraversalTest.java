package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Path traversal: files outside the document root (one in the ServerRoot beside {@code htdocs},
 * one in the folder that holds the ServerRoot) are never served, whatever the spelling of the
 * path: dot segments plain, percent-encoded, double-encoded, with encoded slashes, backslashes,
 * NUL, in absolute-form targets. The configuration grants access to the whole tree around the
 * document root, so only the server's path handling stands between a client and the secrets.
 * Statuses are Apache 2.4.71's for the same requests: 400 for dot segments that climb above the
 * root, 404 for names that merely look like escapes. Symbolic links out of the document root are
 * refused (403) under {@code Options -FollowSymLinks} and followed under {@code FollowSymLinks},
 * as Apache documents.
 */
@Timeout(60)
class TraversalTest {

    private static final String SECRET = "ServerRoot secret " + UUID.randomUUID();
    private static final String PARENT_SECRET = "parent folder secret " + UUID.randomUUID();
    private static final String SHARED = "shared through a symbolic link\n";

    private static Path parentSecret;

    @BeforeAll
    static void secretInTheParentFolder() throws Exception {
        // where TestServer's temporary ServerRoots are made
        Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        parentSecret = parent.resolve("jhttpd-secret-" + UUID.randomUUID() + ".txt");
        Files.writeString(parentSecret, PARENT_SECRET);
    }

    @AfterAll
    static void removeIt() throws Exception {
        Files.deleteIfExists(parentSecret);
    }

    /**
     * A server whose ServerRoot holds the secret and a folder reached through links from htdocs;
     * {@code htdocsOptions} go into a {@code <Directory>} section for htdocs, {@code serverConfig}
     * at the server level.
     */
    private static TestServer server(String htdocsOptions, String serverConfig) throws Exception {
        Path root = Files.createTempDirectory("jhttpd-test");
        Files.writeString(root.resolve("secret.txt"), SECRET);
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("shared.txt"), SHARED);
        Path htdocs = Files.createDirectories(root.resolve("htdocs"));
        Files.writeString(htdocs.resolve("index.html"), "<p>index</p>\n");
        Files.createDirectories(htdocs.resolve("a"));
        Files.writeString(htdocs.resolve("a/x.txt"), "x in a\n");
        Files.createSymbolicLink(htdocs.resolve("link.txt"), outside.resolve("shared.txt"));
        Files.createSymbolicLink(htdocs.resolve("linkdir"), outside);
        return TestServer.start(root, "<Directory \"" + root.getParent() + "\">\n  Require all granted\n</Directory>\n"
                + "<Directory \"" + htdocs + "\">\n  " + htdocsOptions + "\n</Directory>\n" + serverConfig);
    }

    private static RawHttp.Response get(TestServer s, String target) throws Exception {
        try (RawHttp c = new RawHttp(s.port)) {
            c.send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            RawHttp.Response r = c.read();
            String all = r.headers + r.bodyText();
            assertFalse(all.contains(SECRET), target + " leaked the ServerRoot secret");
            assertFalse(all.contains(PARENT_SECRET), target + " leaked the parent folder's secret");
            return r;
        }
    }

    private static void expect(TestServer s, int status, String target) throws Exception {
        assertEquals(status, get(s, target).status, target);
    }

    private static List<Object[]> escapes() {
        String p = parentSecret.getFileName().toString();
        return List.of(
                new Object[] {400, "/../secret.txt"},
                new Object[] {400, "/a/../../secret.txt"},
                new Object[] {400, "/a/./../../secret.txt"},
                new Object[] {400, "/%2e%2e/secret.txt"},
                new Object[] {400, "/.%2e/secret.txt"},
                new Object[] {400, "/%2e./secret.txt"},
                new Object[] {400, "/%2E%2E/secret.txt"},
                new Object[] {400, "/a/%2e%2e/%2e%2e/secret.txt"},
                new Object[] {400, "//../secret.txt"},
                new Object[] {400, "/../../" + p},
                new Object[] {400, "/%2e%2e/%2e%2e/" + p},
                new Object[] {400, "/../../../../../../../../../../" + p},
                new Object[] {400, "/../secret.txt%00"},
                new Object[] {400, "/%%32%65%%32%65/secret.txt"},
                new Object[] {400, "/.%%32%65/secret.txt"},
                new Object[] {400, "http://localhost/../secret.txt"},
                new Object[] {400, "http://localhost/a/../../secret.txt"},
                new Object[] {400, "../secret.txt"},
                // double encoding is decoded once: "%2e%2e" stays a name
                new Object[] {404, "/%252e%252e/secret.txt"},
                new Object[] {404, "/%252e%252e/%252e%252e/" + p},
                // encoded slashes are refused with 404 under AllowEncodedSlashes Off (the default)
                new Object[] {404, "/..%2fsecret.txt"},
                new Object[] {404, "/%2e%2e%2fsecret.txt"},
                new Object[] {404, "/a/..%2f..%2fsecret.txt"},
                new Object[] {404, "/..%2f..%2f" + p},
                // backslashes are ordinary characters on a POSIX file system
                new Object[] {404, "/..\\secret.txt"},
                new Object[] {404, "/a\\..\\..\\secret.txt"},
                new Object[] {404, "/..%5csecret.txt"},
                new Object[] {404, "/..%5c..%5c" + p},
                new Object[] {404, "/index.html%00.txt"},
                new Object[] {404, "/%00"},
                new Object[] {404, "/a/....//secret.txt"},
                new Object[] {404, "/a/..;/../secret.txt"});
    }

    @Test
    void noSpellingOfTheWayOutLeavesTheDocumentRoot() throws Exception {
        try (TestServer s = server("Options -FollowSymLinks", "")) {
            for (Object[] e : escapes()) {
                expect(s, (Integer) e[0], (String) e[1]);
            }
            // inside the document root dot segments resolve as usual
            RawHttp.Response ok = get(s, "/a/../a/./x.txt");
            assertEquals(200, ok.status);
            assertEquals("x in a\n", ok.bodyText());
            assertEquals("<p>index</p>\n", get(s, "/a/%2e%2e/index.html").bodyText());
            assertEquals("<p>index</p>\n", get(s, "http://localhost/a/../index.html").bodyText());
            // slashes merge before dot segments go, as in Apache: this is /index.html, not /a/index.html
            assertEquals("<p>index</p>\n", get(s, "/a//../index.html").bodyText());
        }
    }

    @Test
    void encodedSlashesDecodedStillDoNotLeaveTheRoot() throws Exception {
        try (TestServer s = server("Options -FollowSymLinks", "AllowEncodedSlashes On\n")) {
            for (Object[] e : escapes()) {
                int status = get(s, (String) e[1]).status;
                // Where "%2f" turns into a way out, Apache clamps the path at the root (and then
                // finds nothing: 404) while jhttpd refuses it (400); neither serves the secret.
                assertTrue(status == (Integer) e[0] || status == 400 || status == 404, e[1] + " gave " + status);
            }
            // a decoded slash is a slash
            assertEquals("x in a\n", get(s, "/a%2fx.txt").bodyText());
            assertEquals("x in a\n", get(s, "/a%2f..%2fa%2fx.txt").bodyText());
        }
    }

    @Test
    void symbolicLinksOutOfTheRootAreRefusedWithoutFollowSymLinks() throws Exception {
        try (TestServer s = server("Options -FollowSymLinks", "")) {
            expect(s, 403, "/link.txt");
            expect(s, 403, "/linkdir/shared.txt");
            expect(s, 403, "/a/../link.txt");
            assertFalse(get(s, "/linkdir/shared.txt").bodyText().contains(SHARED));
        }
    }

    @Test
    void symbolicLinksAreFollowedUnderFollowSymLinks() throws Exception {
        // Apache's documented behaviour (and its default): with FollowSymLinks the server follows
        // links wherever they point; keeping them inside the root is the operator's job.
        try (TestServer s = server("Options FollowSymLinks", "")) {
            RawHttp.Response file = get(s, "/link.txt");
            assertEquals(200, file.status);
            assertEquals(SHARED, file.bodyText());
            assertEquals(SHARED, get(s, "/linkdir/shared.txt").bodyText());
            // a link does not make the rest of the tree reachable: ".." is resolved in the URL,
            // not in the file system, so it never walks up from the link's target
            expect(s, 404, "/linkdir/../secret.txt");
            expect(s, 400, "/linkdir/../../secret.txt");
            expect(s, 404, "/linkdir/..%2fsecret.txt");
        }
    }
}
