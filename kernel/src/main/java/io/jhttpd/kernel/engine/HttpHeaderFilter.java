package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Headers;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.HttpDate;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache's {@code HTTP_HEADER} filter: on the first brigade it chooses the framing (length,
 * chunked, or close-delimited for HTTP/1.0), decides keep-alive, and sends the status line and
 * headers in Apache's order; it drops the body of HEAD, 204 and 304 responses. A header value with
 * CR or LF is never sent (response splitting).
 */
final class HttpHeaderFilter implements OutputFilter {

    private static final Logger LOG = LoggerFactory.getLogger(HttpHeaderFilter.class);

    /** Thrown when an error bucket arrives before the headers: the request is answered with its status. */
    static final class ErrorBeforeHeaders extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        ErrorBeforeHeaders(int status) {
            super("error bucket " + status);
            this.status = status;
        }
    }

    private final RequestImpl request;
    private final ChunkFilter chunk;
    private boolean sent;
    private boolean noBody;
    private boolean chunkBody;

    HttpHeaderFilter(RequestImpl request, ChunkFilter chunk) {
        this.request = request;
        this.chunk = chunk;
    }

    boolean headersSent() {
        return sent;
    }

    @Override
    public void filter(Brigade brigade, Next next) throws IOException {
        Brigade out;
        if (!sent) {
            for (Bucket b : brigade) {
                if (b instanceof Bucket.Error) {
                    brigade.clear();
                    throw new ErrorBeforeHeaders(((Bucket.Error) b).status());
                }
            }
            RequestImpl r = (RequestImpl) request.finalRequest();
            ByteBuffer head = head(r);
            sent = true;
            if (chunkBody) {
                // the head itself is not chunked: it goes down before the chunk filter wakes up
                next.pass(Brigade.of(Bucket.data(head)));
                chunk.activate();
                out = new Brigade();
            } else {
                out = Brigade.of(Bucket.data(head));
            }
        } else {
            out = new Brigade();
        }
        Bucket b;
        RequestImpl last = (RequestImpl) request.finalRequest();
        while ((b = brigade.poll()) != null) {
            if (b.isMetadata()) {
                out.add(b);
            } else if (!noBody) {
                last.bytesSent += b.length();
                out.add(b);
            }
        }
        next.pass(out);
    }

    private ByteBuffer head(RequestImpl r) {
        HttpConnection conn = r.conn;
        int status = r.status;
        noBody = r.isHead() || HttpStatus.forbidsBody(status);
        Headers out = r.headersOut;
        if (status == 204 || status == 304 || status < 200) {
            out.remove("Content-Length");
            out.remove("Transfer-Encoding");
        }
        if (status == 204 || status < 200) {
            r.contentType = null;
        }
        boolean chunked = false;
        boolean lengthKnown = out.contains("Content-Length") || noBody;
        if (!lengthKnown) {
            if (r.isHttp11()) {
                chunked = true;
            } else {
                conn.refuseKeepAlive();
            }
        }
        out.remove("Transfer-Encoding");
        boolean keepAlive = conn.decideKeepAlive(r, lengthKnown || chunked);
        conn.commit();

        HeadBuffer head = conn.headBuffer();
        head.append("HTTP/1.1 ").append(status).append(' ').append(HttpStatus.reason(status)).append("\r\n");
        // as Apache's: the time the request arrived (r->request_time), not a fresh clock read
        head.append("Date: ").append(HttpDate.format(r.requestTimeMillis)).append("\r\n");
        head.append("Server: ").append(r.server.softwareName()).append("\r\n");
        appendAll(head, out);
        appendAll(head, r.errHeadersOut);
        if (keepAlive) {
            // Apache answers the keep-alive token only to a client that sent it (HTTP/1.0 needs it;
            // HTTP/1.1 is persistent without it); max is how many more requests the connection takes.
            if (r.headersIn.containsToken("Connection", "keep-alive")) {
                int max = conn.maxKeepAliveRequests();
                head.append("Keep-Alive: timeout=").append(conn.keepAliveTimeoutSeconds());
                if (max > 0) {
                    head.append(", max=").append(Math.max(0, max - conn.keepAliveCount()));
                }
                head.append("\r\nConnection: Keep-Alive\r\n");
            }
        } else {
            head.append("Connection: close\r\n");
        }
        chunkBody = chunked;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        if (r.contentType != null && !(status == 304)) {
            appendField(head, "Content-Type", r.contentType);
        }
        head.append("\r\n");
        return head.finish();
    }

    private static void appendAll(HeadBuffer head, Headers h) {
        for (int i = 0; i < h.size(); i++) {
            String name = h.nameAt(i);
            if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Keep-Alive")) {
                continue;
            }
            appendField(head, name, h.valueAt(i));
        }
    }

    private static void appendField(HeadBuffer head, String name, String value) {
        if (!head.field(name, value)) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf(0) >= 0) {
                LOG.warn("JH00041: dropped response header {} because its value holds CR, LF or NUL", name);
            } else {
                LOG.warn("JH00042: dropped response header with an invalid name");
            }
        }
    }
}
