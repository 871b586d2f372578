package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFixupTest {

    @TempDir
    Path root;
    final DirectoryFixup fixup = new DirectoryFixup();

    @BeforeEach
    void tree() throws IOException {
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("dir/second.html"), "2");
        Files.createDirectories(root.resolve("dir/index.html"));   // a directory named like an index: must not count
        Files.writeString(root.resolve("a.txt"), "a");
    }

    /** Sub-requests as the kernel answers them: map the URI (query cut off) under the root. */
    private Request lookup(String uri) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        FakeRequest sub = FakeRequest.forFile(path, root.resolve(path.substring(1)));
        sub.status = 200;
        return sub;
    }

    private FakeRequest dirRequest(String uri, String query, DirConfig config) {
        FakeRequest r = FakeRequest.forFile(uri, root.resolve("dir"));
        r.query = query;
        r.subRequests = this::lookup;
        if (config != null) {
            r.with(DirConfig.KEY, config);
        }
        return r;
    }

    private static DirConfig config(String... index) throws ConfigException {
        FakeDirectiveContext ctx = new FakeDirectiveContext(Path.of("/srv"));
        DirConfig.directives().get(0).handler().apply(ctx, List.of(index));
        return ctx.config(DirConfig.KEY);
    }

    @Test
    void noTrailingSlashRedirectsWithTheQuery() throws IOException {
        FakeRequest r = dirRequest("/dir", "x=1", null);
        assertEquals(HookResult.status(301), fixup.run(r));
        assertEquals("http://localhost:8080/dir/?x=1", r.headersOut.get("Location"));

        FakeRequest plain = dirRequest("/dir", null, null);
        fixup.run(plain);
        assertEquals("http://localhost:8080/dir/", plain.headersOut.get("Location"));
    }

    @Test
    void redirectLocationIsEscapedAsApacheDoes() throws IOException {
        // Apache 2.4.71: /sp ace;x@y&z=1+$,é~'()*! → Location .../sp%20ace;x@y&z=1+$,%c3%a9~'()*!/
        FakeRequest r = dirRequest("/sp ace;x@y&z=1+$,é~'()*!", null, null);
        fixup.run(r);
        assertEquals("http://localhost:8080/sp%20ace;x@y&z=1+$,%c3%a9~'()*!/", r.headersOut.get("Location"));

        FakeRequest odd = dirRequest("/c:d#e?f\"g<h[i|j^k`l{m}n\\o", "a=%20b", null);
        fixup.run(odd);
        assertEquals("http://localhost:8080/c:d%23e%3ff%22g%3ch%5bi%7cj%5ek%60l%7bm%7dn%5co/?a=%20b",
                odd.headersOut.get("Location"));
    }

    @Test
    void directorySlashOffDeclines() throws IOException {
        FakeDirectiveContext ctx = new FakeDirectiveContext(Path.of("/srv"));
        try {
            DirConfig.directives().get(1).handler().apply(ctx, List.of("off"));
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
        FakeRequest r = dirRequest("/dir", null, ctx.config(DirConfig.KEY));
        assertTrue(fixup.run(r).isDeclined());
        assertNull(r.headersOut.get("Location"));
    }

    @Test
    void redirectCarefullySparesNonGetRequests() throws IOException {
        FakeRequest post = dirRequest("/dir", null, null);
        post.method = "POST";
        post.env.put("redirect-carefully", "1");
        assertTrue(fixup.run(post).isDeclined());

        FakeRequest get = dirRequest("/dir", null, null);
        get.env.put("redirect-carefully", "1");
        assertEquals(HookResult.status(301), fixup.run(get));
    }

    @Test
    void firstIndexThatIsARegularFileWinsByInternalRedirect() throws Exception {
        FakeRequest r = dirRequest("/dir/", "q=1", config("nope.html", "index.html", "second.html", "a.txt"));

        assertTrue(fixup.run(r).isDone());

        assertEquals(List.of("/dir/nope.html?q=1", "/dir/index.html?q=1", "/dir/second.html?q=1"), r.lookups);
        assertEquals("/dir/second.html?q=1", r.redirectedTo);
    }

    @Test
    void aSubRequestForADirectoryIsNeverRedirected() throws Exception {
        FakeRequest sub = dirRequest("/dir/", null, config("second.html"));
        sub.subRequest = true;
        assertTrue(fixup.run(sub).isDeclined());
        assertNull(sub.redirectedTo);
        assertTrue(sub.lookups.isEmpty());

        FakeRequest noSlash = dirRequest("/dir", null, null);
        noSlash.subRequest = true;
        assertEquals(HookResult.status(301), fixup.run(noSlash), "the slash redirect is passed on to the parent");
    }

    @Test
    void defaultIndexIsIndexHtml() throws IOException {
        Files.delete(root.resolve("dir/index.html"));
        Files.writeString(root.resolve("dir/index.html"), "i");
        FakeRequest r = dirRequest("/dir/", null, null);
        assertTrue(fixup.run(r).isDone());
        assertEquals("/dir/index.html", r.redirectedTo);
    }

    @Test
    void absoluteIndexNamesAreUsedAsTheyAre() throws Exception {
        FakeRequest r = dirRequest("/dir/", null, config("/a.txt"));
        assertTrue(fixup.run(r).isDone());
        assertEquals("/a.txt", r.redirectedTo);
    }

    @Test
    void relativeNamesJoinTheEscapedDirectory() throws Exception {
        FakeRequest r = dirRequest("/my dir/", null, config("index.html"));
        fixup.run(r);
        assertEquals(List.of("/my%20dir/index.html"), r.lookups);
    }

    @Test
    void noIndexDeclinesAndNotesWhatWasTried() throws Exception {
        FakeRequest r = dirRequest("/dir/", null, config("nope.html", "index.html"));
        assertTrue(fixup.run(r).isDeclined());
        assertNull(r.redirectedTo);
        assertEquals("nope.html,index.html", r.notes.get("dir-index-names"));
    }

    @Test
    void disabledTurnsIndexesOff() throws Exception {
        DirConfig c = config("disabled");
        assertEquals(List.of(), c.indexNames());
        FakeRequest r = dirRequest("/dir/", null, c);
        assertTrue(fixup.run(r).isDeclined());
        assertTrue(r.lookups.isEmpty());

        assertEquals(List.of("disabled", "x.html"), config("disabled", "x.html").indexNames(),
                "among other names, disabled is a file name");
    }

    @Test
    void aRedirectingSubRequestIsPassedOn() throws IOException {
        FakeRequest r = dirRequest("/dir/", null, null);
        r.subRequests = uri -> {
            FakeRequest sub = new FakeRequest();
            sub.status = 302;
            sub.headersOut.set("Location", "http://elsewhere/");
            return sub;
        };
        assertEquals(HookResult.status(302), fixup.run(r));
        assertEquals("http://elsewhere/", r.headersOut.get("Location"));
    }

    @Test
    void aFailingSubRequestFailsTheRequestIfNoIndexIsFound() throws Exception {
        FakeRequest r = dirRequest("/dir/", null, config("forbidden.html", "nope.html"));
        r.subRequests = uri -> {
            FakeRequest sub = new FakeRequest();
            sub.status = uri.startsWith("/dir/forbidden") ? 403 : 404;
            return sub;
        };
        assertEquals(HookResult.status(403), fixup.run(r));
    }

    @Test
    void onlyDirectoriesWithoutPathInfoAreTouched() throws IOException {
        FakeRequest file = FakeRequest.forFile("/a.txt", root.resolve("a.txt"));
        assertTrue(fixup.run(file).isDeclined());
        FakeRequest missing = FakeRequest.forFile("/zz", root.resolve("zz"));
        assertTrue(fixup.run(missing).isDeclined());
        FakeRequest pathInfo = dirRequest("/dir/x", null, null);
        pathInfo.pathInfo = "/x";
        assertTrue(fixup.run(pathInfo).isDeclined());
        assertTrue(pathInfo.lookups.isEmpty());
    }

    @Test
    void innerSettingsReplaceOuterOnesAndMergeChangesNeither() throws Exception {
        DirConfig outer = config("a.html", "b.html");
        FakeDirectiveContext ctx = new FakeDirectiveContext(Path.of("/srv"));
        DirConfig.directives().get(1).handler().apply(ctx, List.of("off"));
        DirConfig inner = ctx.config(DirConfig.KEY);

        DirConfig merged = DirConfig.KEY.merge(outer, inner);

        assertEquals(List.of("a.html", "b.html"), merged.indexNames());
        assertEquals(false, merged.directorySlash());
        assertEquals(true, outer.directorySlash());
        assertEquals(DirConfig.DEFAULT_INDEX, inner.indexNames());
        assertEquals(List.of("c.html"), DirConfig.KEY.merge(outer, config("c.html")).indexNames());
    }

    @Test
    void severalDirectoryIndexLinesInOneSectionAddUp() throws Exception {
        FakeDirectiveContext ctx = new FakeDirectiveContext(Path.of("/srv"));
        DirConfig.directives().get(0).handler().apply(ctx, List.of("a.html"));
        DirConfig.directives().get(0).handler().apply(ctx, List.of("b.html", "c.html"));
        assertEquals(List.of("a.html", "b.html", "c.html"), ctx.config(DirConfig.KEY).indexNames());
        DirConfig.directives().get(0).handler().apply(ctx, List.of("disabled"));
        assertEquals(List.of(), ctx.config(DirConfig.KEY).indexNames());
    }
}
