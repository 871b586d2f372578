package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.BodyException;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.HookResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultHandlerTest {

    private static final Instant MTIME = Instant.parse("2026-11-22T00:46:23.995003Z");

    @TempDir
    Path root;
    Path file;
    final DefaultHandler handler = new DefaultHandler();

    @BeforeEach
    void files() throws IOException {
        file = Files.writeString(root.resolve("a.txt"), "hello\n");
        Files.setLastModifiedTime(file, FileTime.from(MTIME));
        Files.createDirectory(root.resolve("dir"));
    }

    private FakeRequest request(String method, String uri, Path target) {
        FakeRequest r = FakeRequest.forFile(uri, target);
        r.method = method;
        r.requestTimeMillis = MTIME.toEpochMilli() + 600_000;
        return r;
    }

    @Test
    void getSendsOneFileRegionOfTheFileAndTheHeadersApacheSends() throws Exception {
        FakeRequest r = request("GET", "/a.txt", file);

        assertTrue(handler.run(r).isOk());

        assertEquals(1, r.bodyDiscards, "a request body is always discarded first");
        assertEquals(200, r.status);
        assertEquals("Sun, 22 Nov 2026 00:46:23 GMT", r.headersOut.get("Last-Modified"));
        assertEquals("\"6-660d2ce7d847b\"", r.headersOut.get("ETag"));
        assertEquals("6", r.headersOut.get("Content-Length"));
        assertEquals("bytes", r.headersOut.get("Accept-Ranges"));
        List<Bucket> body = r.passed();
        assertEquals(2, body.size());
        Bucket.FileRegion region = assertInstanceOf(Bucket.FileRegion.class, body.get(0));
        assertEquals(0, region.position());
        assertEquals(6, region.count());
        assertSame(Bucket.EOS, body.get(1));
        assertTrue(region.channel().isOpen());
        assertEquals(0, region.channel().position(), "nothing was read from the file");
        assertEquals(1, r.cleanups.size(), "the channel is closed when the request ends");
        r.end();
        assertFalse(region.channel().isOpen());
    }

    @Test
    void headAnswersFromAttributesWithoutOpening() throws Exception {
        FakeRequest r = request("HEAD", "/a.txt", file);

        assertTrue(handler.run(r).isOk());

        assertEquals("6", r.headersOut.get("Content-Length"));
        assertEquals("\"6-660d2ce7d847b\"", r.headersOut.get("ETag"));
        assertEquals(List.of(Bucket.EOS), r.passed());
        assertTrue(r.cleanups.isEmpty());
    }

    @Test
    void postIsServedAsApache2471Does() throws Exception {
        FakeRequest r = request("POST", "/a.txt", file);
        assertTrue(handler.run(r).isOk());
        assertInstanceOf(Bucket.FileRegion.class, r.passed().get(0));
    }

    @Test
    void emptyFileSendsJustEndOfStream() throws Exception {
        Path empty = Files.createFile(root.resolve("empty.txt"));
        FakeRequest r = request("GET", "/empty.txt", empty);
        assertTrue(handler.run(r).isOk());
        assertEquals("0", r.headersOut.get("Content-Length"));
        assertEquals(List.of(Bucket.EOS), r.passed());
    }

    @Test
    void recentlyChangedFileGetsAWeakTag() throws Exception {
        FakeRequest r = request("GET", "/a.txt", file);
        r.requestTimeMillis = MTIME.toEpochMilli() + 500;
        handler.run(r);
        assertEquals("W/\"6-660d2ce7d847b\"", r.headersOut.get("ETag"));
    }

    @Test
    void lastModifiedIsNeverInTheFuture() {
        long request = MTIME.toEpochMilli();
        assertEquals(request - 5, DefaultHandler.lastModified(request - 5, request));
        long future = System.currentTimeMillis() + 3_600_000;
        assertTrue(DefaultHandler.lastModified(future, request) <= System.currentTimeMillis());
    }

    @Test
    void missingFileIs404() throws Exception {
        FakeRequest r = request("GET", "/nope", root.resolve("nope"));
        assertEquals(HookResult.status(404), handler.run(r));
        assertTrue(r.passed().isEmpty());
    }

    @Test
    void pathInfoIs404UnlessAcceptPathInfoOn() throws Exception {
        FakeRequest byDefault = request("GET", "/a.txt/extra", file);
        byDefault.pathInfo = "/extra";
        assertEquals(HookResult.status(404), handler.run(byDefault));

        FakeRequest off = request("GET", "/a.txt/extra", file);
        off.pathInfo = "/extra";
        off.acceptPathInfo = AcceptPathInfo.OFF;
        assertEquals(HookResult.status(404), handler.run(off));

        FakeRequest on = request("GET", "/a.txt/extra", file);
        on.pathInfo = "/extra";
        on.acceptPathInfo = AcceptPathInfo.ON;
        assertTrue(handler.run(on).isOk());
        assertEquals(6, on.passed().get(0).length());
    }

    @Test
    void directoryIs403ForGetAnd404ForPostOrWithPathInfo() throws Exception {
        Path dir = root.resolve("dir");
        assertEquals(HookResult.status(403), handler.run(request("GET", "/dir/", dir)));
        assertEquals(HookResult.status(403), handler.run(request("HEAD", "/dir/", dir)));
        assertEquals(HookResult.status(404), handler.run(request("POST", "/dir/", dir)));
        FakeRequest withPathInfo = request("GET", "/dir/missing", dir);
        withPathInfo.pathInfo = "/missing";
        assertEquals(HookResult.status(404), handler.run(withPathInfo));
    }

    @Test
    void somethingElseThanAFileIs403() throws Exception {
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            assertEquals(HookResult.status(403), handler.run(request("GET", "/null", devNull)));
        }
    }

    @Test
    void aFileThatCannotBeOpenedIs403() throws Exception {
        // Gone between the storage walk and the handler: the same path as "permission denied", and works as root too.
        FakeRequest r = request("GET", "/a.txt", file);
        Files.delete(file);
        assertEquals(HookResult.status(403), handler.run(r));
        assertTrue(r.passed().isEmpty());
        assertTrue(r.cleanups.isEmpty());
    }

    @Test
    void otherMethodsAre405WithAllowAndOptionsIs200() throws Exception {
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            FakeRequest r = request(method, "/a.txt", file);
            assertEquals(HookResult.status(405), handler.run(r), method);
            assertEquals("GET,POST,OPTIONS,HEAD,TRACE", r.errHeadersOut.get("Allow"));
        }
        FakeRequest missing = request("PUT", "/nope", root.resolve("nope"));
        assertEquals(HookResult.status(405), handler.run(missing), "Apache checks the method before the file");

        FakeRequest options = request("OPTIONS", "/nope", root.resolve("nope"));
        assertTrue(handler.run(options).isOk());
        assertEquals("GET,POST,OPTIONS,HEAD,TRACE", options.headersOut.get("Allow"));
        assertEquals(List.of(Bucket.EOS), options.passed());

        assertEquals(HookResult.status(501), handler.run(request("FOO", "/a.txt", file)));
    }

    @Test
    void aBodyThatCannotBeReadAnswersWithItsStatus() throws Exception {
        FakeRequest r = request("POST", "/a.txt", file);
        r.discardFailure = new BodyException(413, "too large");
        assertEquals(HookResult.status(413), handler.run(r));
    }

    @Test
    void notModifiedCarriesValidatorsAndNoBody() throws Exception {
        FakeRequest r = request("GET", "/a.txt", file);
        r.headersIn.add("If-None-Match", "\"6-660d2ce7d847b\"");

        assertTrue(handler.run(r).isOk());

        assertEquals(304, r.status);
        assertEquals("\"6-660d2ce7d847b\"", r.headersOut.get("ETag"));
        assertEquals("Sun, 22 Nov 2026 00:46:23 GMT", r.headersOut.get("Last-Modified"));
        assertNull(r.headersOut.get("Content-Length"));
        assertEquals(List.of(Bucket.EOS), r.passed());
        assertEquals(1, r.cleanups.size(), "the file is let go of at the end of the request");
    }

    @Test
    void conditionalMatrix() throws Exception {
        String etag = "\"6-660d2ce7d847b\"";
        String lm = "Sun, 22 Nov 2026 00:46:23 GMT";
        Object[][] rows = {
            {"GET", "If-None-Match", etag, 304},
            {"HEAD", "If-None-Match", etag, 304},
            {"GET", "If-None-Match", "\"other\"", 200},
            {"GET", "If-Modified-Since", lm, 304},
            {"HEAD", "If-Modified-Since", "Sun, 22 Nov 2026 00:46:22 GMT", 200},
            {"POST", "If-None-Match", etag, 412},
            {"GET", "If-Match", "\"other\"", 412},
        };
        for (Object[] row : rows) {
            FakeRequest r = request((String) row[0], "/a.txt", file);
            r.headersIn.add((String) row[1], (String) row[2]);
            assertTrue(handler.run(r).isOk());
            assertEquals(row[3], r.status, () -> row[0] + " " + row[1] + ": " + row[2]);
            boolean body = r.passed().get(0) instanceof Bucket.FileRegion;
            assertEquals((Integer) row[3] == 200 && !"HEAD".equals(row[0]), body);
        }
    }

    @Test
    void conditionsAreIgnoredForNonSuccessStatus() throws Exception {
        FakeRequest r = request("GET", "/a.txt", file);
        r.status = 404;   // an ErrorDocument being served
        r.headersIn.add("If-None-Match", "*");
        assertTrue(handler.run(r).isOk());
        assertEquals(404, r.status);
        assertInstanceOf(Bucket.FileRegion.class, r.passed().get(0));
    }

    @Test
    void servesWhateverHandlerNameNoOtherHandlerTook() throws Exception {
        FakeRequest r = request("GET", "/a.txt", file);
        r.handler = "foo-bar";
        assertTrue(handler.run(r).isOk());
        assertInstanceOf(Bucket.FileRegion.class, r.passed().get(0));
    }
}
