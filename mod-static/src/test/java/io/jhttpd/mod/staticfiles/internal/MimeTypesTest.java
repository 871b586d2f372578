package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Directive;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimeTypesTest {

    static MimeTypes types;

    @BeforeAll
    static void loadFixture() throws IOException {
        try (InputStream in = MimeTypesTest.class.getResourceAsStream("/mime.types")) {
            types = MimeTypes.parse(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        }
    }

    private static String type(String fileName) {
        return TypeChecker.contentType(fileName, types, null);
    }

    @Test
    void fixtureIsReadWithCommentsAndTypesWithoutExtensions() {
        assertTrue(types.size() > 140, "fixture holds the common types");
        assertEquals("text/html", types.typeOf("html"));
        assertEquals("image/jpeg", types.typeOf("jpe"));
        assertNull(types.typeOf("#"));
        assertNull(types.typeOf("application/x-httpd-php"));
    }

    @Test
    void everyExtensionIsReadAndTheLastKnownOneWins() {
        // Each expectation was checked against Apache 2.4.71 with /etc/mime.types.
        assertEquals("text/plain", type("a.txt"));
        assertEquals("application/gzip", type("file.tar.gz"));
        assertEquals("text/html", type("f.html.en"));
        assertEquals("text/html", type("f.en.html"));
        assertEquals("text/html", type("f.html.xyzzy"));
        assertEquals("text/plain", type("t.html.txt"));
        assertEquals("text/html", type("t.txt.html"));
        assertEquals("image/jpeg", type("evil.php.jpg"));
    }

    @Test
    void caseDotsAndUnknownParts() {
        assertEquals("text/plain", type("f.TXT"));
        assertEquals("image/png", type("x.PNG"));
        assertEquals("image/png", type(".hidden.png"));
        assertNull(type(".png"), "leading dots belong to the base name");
        assertEquals("text/html", type("bad..html"));
        assertNull(type("README"));
        assertNull(type("f.unknownext"));
        assertNull(type("trailing."));
        assertNull(type(""));
    }

    @Test
    void addTypeBeatsTypesConfigAndLowerCasesAsApache() throws ConfigException {
        FakeDirectiveContext ctx = new FakeDirectiveContext(Path.of("/srv"));
        Directive addType = MimeConfig.directives().get(0);
        addType.handler().apply(ctx, List.of("Text/X-Foo", ".foo"));
        addType.handler().apply(ctx, List.of("application/x-bar", "bar", "BAZ"));
        addType.handler().apply(ctx, List.of("text/x-override", "html"));
        MimeConfig local = ctx.config(MimeConfig.KEY);

        assertEquals("text/x-foo", TypeChecker.contentType("t.foo", types, local));
        assertEquals("application/x-bar", TypeChecker.contentType("t.FOO.bar", types, local));
        assertEquals("application/x-bar", TypeChecker.contentType("t.baz", types, local));
        assertEquals("text/x-override", TypeChecker.contentType("index.html", types, local));
        // a later known extension still wins over an earlier AddType one
        assertEquals("text/plain", TypeChecker.contentType("t.foo.txt", types, local));
    }

    @Test
    void innerAddTypeWinsPerExtensionAndMergeLeavesBothSidesAlone() {
        MimeConfig outer = new MimeConfig();
        outer.addType("text/x-outer", "a");
        outer.addType("text/x-outer", "b");
        MimeConfig inner = new MimeConfig();
        inner.addType("text/x-inner", "b");

        MimeConfig merged = MimeConfig.KEY.merge(outer, inner);

        assertEquals("text/x-outer", merged.forcedType("a"));
        assertEquals("text/x-inner", merged.forcedType("b"));
        assertEquals("text/x-outer", outer.forcedType("b"));
        assertNull(inner.forcedType("a"));
    }

    @Test
    void laterLinesWinAndWhitespaceIsFree() throws IOException {
        MimeTypes t = MimeTypes.parse(new StringReader("  # comment\n\ntext/a\tx  y\ntext/b   Y\n"));
        assertEquals("text/a", t.typeOf("x"));
        assertEquals("text/b", t.typeOf("y"));
    }

    @Test
    void missingFileIsAConfigErrorNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("conf/mime.types");
        ConfigException e = assertThrows(ConfigException.class, () -> MimeTypes.load(missing));
        assertTrue(e.getMessage().startsWith("JH02005 could not open mime types config file " + missing), e.getMessage());
    }

    @Test
    void typeCheckerSetsTheTypeAndLeavesDirectoriesAlone(@TempDir Path dir) throws IOException {
        TypeChecker checker = new TypeChecker();
        checker.useTypes(types);
        java.nio.file.Files.writeString(dir.resolve("page.html"), "x");

        FakeRequest file = FakeRequest.forFile("/page.html", dir.resolve("page.html"));
        assertTrue(checker.run(file).isOk());
        assertEquals("text/html", file.contentType);

        FakeRequest directory = FakeRequest.forFile("/", dir);
        assertTrue(checker.run(directory).isDeclined());
        assertNull(directory.contentType);

        FakeRequest unknown = FakeRequest.forFile("/x.zzz", dir.resolve("x.zzz"));
        assertTrue(checker.run(unknown).isDeclined());
        assertNull(unknown.contentType);
    }
}
