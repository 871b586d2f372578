package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.BodyException;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Headers;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Option;
import io.jhttpd.api.Request;
import io.jhttpd.api.RequestHook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default handler: sends the file a request maps to, as Apache 2.4's core
 * {@code default_handler} (with mod_autoindex's 403 for index-less directories).
 *
 * <p>It runs last and, like Apache's, serves whatever no other handler took, whatever
 * {@code r.handler()} says (Apache 2.4.71 serves the file under {@code SetHandler no-such-handler}).
 *
 * <pre>
 * method                     answer
 * GET, HEAD, POST            the file (POST too: Apache 2.4.71 serves static files to POST)
 * OPTIONS                    200, Allow: GET,POST,OPTIONS,HEAD,TRACE, empty body
 * other known methods        405 with the same Allow
 * unknown methods            501
 *
 * file state (GET/HEAD/POST) answer
 * does not exist             404
 * directory                  GET/HEAD: the listing under Options Indexes ({@link DirectoryListing}), else 403;
 *                            404 for POST or with path info
 * path info, AcceptPathInfo not On   404
 * not a regular file         403
 * cannot be opened           403
 * </pre>
 *
 * A file is answered with {@code Last-Modified}, {@code ETag} ({@link EntityTag}, parts per
 * {@code FileETag}), {@code Accept-Ranges} and {@code Content-Length}, after {@link Preconditions}
 * (304/412 carry an empty body), then {@code Range} ({@link RangeResponse}). The file comes from the
 * {@link OpenFileCache}: a small one as bytes sent in the same write as the header, a larger one as
 * file-region buckets the kernel sends with {@code transferTo} ({@code EnableSendfile Off}: read
 * here into buffers). HEAD is answered from the file's attributes without opening it.
 */
final class DefaultHandler implements RequestHook {

    private volatile OpenFileCache cache = new OpenFileCache(OpenFileCache.Settings.OFF);

    /** Installs the cache made at start-up. */
    void useCache(OpenFileCache openFiles) {
        this.cache = openFiles;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DefaultHandler.class);

    /** Apache's {@code Allow} for static files, with {@code TRACE} as under the default {@code TraceEnable On}. */
    static final String ALLOW = "GET,POST,OPTIONS,HEAD,TRACE";

    /** The methods Apache knows without {@code <Limit>} registering more ({@code ap_method_registry_init}). */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "CONNECT",
            "OPTIONS", "TRACE", "PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK",
            "VERSION-CONTROL", "CHECKOUT", "UNCHECKOUT", "CHECKIN", "UPDATE", "LABEL", "REPORT", "MKWORKSPACE",
            "MKACTIVITY", "BASELINE-CONTROL", "MERGE");

    @Override
    public HookResult run(Request r) throws IOException {
        try {
            r.discardBody();
        } catch (BodyException e) {
            return HookResult.status(e.status());
        }
        String method = r.method();
        boolean getOrHead = r.isHead() || "GET".equals(method);
        if (!getOrHead && !"POST".equals(method)) {
            return otherMethod(r, method);
        }

        BasicFileAttributes attributes = r.fileAttributes();
        Path file = r.filename();
        String pathInfo = r.pathInfo() == null ? "" : r.pathInfo();
        if (attributes == null || file == null) {
            LOG.info("JH02002 File does not exist: {}{}", file, pathInfo);
            return HookResult.status(404);
        }
        if (attributes.isDirectory()) {
            if (!getOrHead || !pathInfo.isEmpty()) {
                LOG.info("JH02007 Attempt to serve directory: {}{}", file, pathInfo);
                return HookResult.status(404);
            }
            if (r.options().contains(Option.INDEXES)) {
                DirectoryListing.send(r, file);
                return HookResult.ok();
            }
            String tried = r.notes().get("dir-index-names");
            LOG.error("JH02004 Cannot serve directory {}: No matching DirectoryIndex ({}) found, "
                    + "and server-generated directory index is not available", file, tried == null ? "none" : tried);
            return HookResult.status(403);
        }
        if (!pathInfo.isEmpty() && r.acceptPathInfo() != AcceptPathInfo.ON) {
            LOG.info("JH02002 File does not exist: {}{}", file, pathInfo);
            return HookResult.status(404);
        }
        if (!attributes.isRegularFile()) {
            // Reading a FIFO or a device could block a worker forever or leak something odd.
            LOG.error("JH02003 Cannot serve {}: not a regular file", file);
            return HookResult.status(403);
        }

        // Open before evaluating conditions, as Apache: a file we may not read is 403, never 304.
        OpenFileCache.OpenFile open = null;
        if (r.isHead()) {
            if (!Files.isReadable(file)) {
                LOG.error("JH02001 file permissions deny server access: {}", file);
                return HookResult.status(403);
            }
        } else {
            try {
                open = cache.open(file, attributes);
            } catch (IOException | SecurityException e) {
                LOG.error("JH02001 file permissions deny server access: {} ({})", file, e.toString());
                return HookResult.status(403);
            }
            r.onCleanup(open);
        }

        FileConfig config = r.config(FileConfig.KEY);
        long size = open != null ? open.size() : attributes.size();
        long mtimeMicros = attributes.lastModifiedTime().to(TimeUnit.MICROSECONDS);
        long requestMillis = r.requestTimeMillis();
        long lastModifiedMillis = lastModified(attributes.lastModifiedTime().toMillis(), requestMillis);
        int etagParts = config.etagComponents();
        String etag = EntityTag.forFile(etagParts, (etagParts & FileConfig.INODE) != 0 ? EntityTag.inode(attributes.fileKey()) : -1,
                size, mtimeMicros, requestMillis * 1000L);
        Headers out = r.headersOut();
        out.set("Last-Modified", HttpDate.format(lastModifiedMillis));
        if (etag != null) {
            out.set("ETag", etag);
        }
        out.set("Accept-Ranges", config.rangesEnabled() ? "bytes" : "none");
        out.set("Content-Length", Long.toString(size));

        int status = r.status();
        Preconditions.Outcome outcome = status >= 200 && status < 300
                ? Preconditions.evaluate(r.headersIn(), getOrHead, etag,
                        Math.floorDiv(lastModifiedMillis, 1000), Math.floorDiv(requestMillis, 1000))
                : Preconditions.Outcome.PROCEED;
        if (outcome != Preconditions.Outcome.PROCEED) {
            // As Apache's handler: status set, empty body, handler says OK (no error page).
            out.remove("Content-Length");
            r.setStatus(outcome == Preconditions.Outcome.NOT_MODIFIED ? 304 : 412);
            r.pass(Brigade.of(Bucket.EOS));
            return HookResult.ok();
        }

        ByteRanges.Outcome ranges = status == 200 && config.rangesEnabled()
                ? RangeResponse.select(r.headersIn(), etag, lastModifiedMillis, requestMillis, size, config.rangeLimits())
                : ByteRanges.Outcome.WHOLE;
        if (ranges.unsatisfiable()) {
            // Apache 2.4.71 leaves Content-Range out of its 416; RFC 9110 §15.5.17 asks for it, and so does our issue
            r.errHeadersOut().set("Content-Range", "bytes */" + size);
            return HookResult.status(416);
        }
        FileBody body = new FileBody(open, config.sendfile());
        if (ranges.whole()) {
            Brigade b = new Brigade();
            body.append(r, b, 0, size);
            r.pass(b.add(Bucket.EOS));
        } else {
            RangeResponse.send(r, ranges.ranges(), size, body);
        }
        return HookResult.ok();
    }

    private static HookResult otherMethod(Request r, String method) throws IOException {
        if (!KNOWN_METHODS.contains(method)) {
            LOG.error("JH02006 Invalid method in request {}", r.requestLine());
            r.errHeadersOut().set("Allow", ALLOW);
            return HookResult.status(501);
        }
        if ("OPTIONS".equals(method)) {
            r.headersOut().set("Allow", ALLOW);
            r.pass(Brigade.of(Bucket.EOS));
            return HookResult.ok();
        }
        // Error responses drop headersOut; Allow must survive, so it goes with the error headers.
        r.errHeadersOut().set("Allow", ALLOW);
        return HookResult.status(405);
    }

    /**
     * Apache's {@code ap_rationalize_mtime}: a Last-Modified in the future is replaced by the
     * current time; the clock is read only when the file looks newer than the request.
     */
    static long lastModified(long mtimeMillis, long requestMillis) {
        long now = mtimeMillis < requestMillis ? requestMillis : System.currentTimeMillis();
        return Math.min(mtimeMillis, now);
    }
}
