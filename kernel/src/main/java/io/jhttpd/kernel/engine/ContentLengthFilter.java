package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Request;
import java.io.IOException;

/**
 * Apache's {@code CONTENT_LENGTH} filter: holds the start of a response until it has seen the whole
 * body, a flush, or more than a bound of bytes in memory; if the whole body arrived, sets
 * {@code Content-Length} so the response needs no chunking. File regions count by length, unread.
 */
final class ContentLengthFilter implements OutputFilter {

    /** Bytes of in-memory data held before giving up on computing a length. */
    static final long HOLD_LIMIT = 64 * 1024;

    private final Brigade held = new Brigade();
    private long memoryBytes;
    private long totalBytes;

    @Override
    public void filter(Brigade brigade, Next next) throws IOException {
        Request r = next.request();
        if (held.isEmpty() && (r.headersOut().contains("Content-Length") || HttpStatus.forbidsBody(r.status()))) {
            next.removeSelf();
            next.pass(brigade);
            return;
        }
        Bucket b;
        while ((b = brigade.poll()) != null) {
            held.add(b);
            if (b instanceof Bucket.Data) {
                memoryBytes += b.length();
            }
            totalBytes += b.length();
            if (b instanceof Bucket.EndOfStream) {
                if (!(r.isHead() && totalBytes == 0)) {
                    r.headersOut().set("Content-Length", Long.toString(totalBytes));
                }
                release(next, brigade);
                return;
            }
            if (b instanceof Bucket.Flush || b instanceof Bucket.Error || memoryBytes > HOLD_LIMIT) {
                release(next, brigade);
                return;
            }
        }
    }

    private void release(Next next, Brigade rest) throws IOException {
        next.removeSelf();
        rest.moveTo(held);
        Brigade out = new Brigade();
        held.moveTo(out);
        next.pass(out);
    }
}
