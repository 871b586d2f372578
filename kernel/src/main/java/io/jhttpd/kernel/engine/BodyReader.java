package io.jhttpd.kernel.engine;

import io.jhttpd.api.BodyException;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.kernel.http.BadRequestException;
import io.jhttpd.kernel.http.BodyFraming;
import io.jhttpd.kernel.http.ChunkedDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads one request's body off the connection as its framing says (Content-Length or chunked),
 * enforcing {@code LimitRequestBody}: Apache's {@code HTTP_IN} filter. Sends {@code 100 Continue}
 * before the first read when the client waits for it.
 */
final class BodyReader {

    private final HttpConnection conn;
    private final BodyFraming framing;
    private long limit;
    private final boolean expectContinue;
    private final ChunkedDecoder decoder;
    private long remaining;
    private long received;
    private boolean eos;
    private BodyException failure;
    private boolean continueSent;

    BodyReader(HttpConnection conn, BodyFraming framing, long limit, boolean expectContinue, int maxLine) {
        this.conn = conn;
        this.framing = framing;
        this.limit = limit;
        this.expectContinue = expectContinue;
        this.remaining = framing.kind() == BodyFraming.Kind.LENGTH ? framing.length() : 0;
        this.decoder = framing.kind() == BodyFraming.Kind.CHUNKED ? new ChunkedDecoder(maxLine, 100) : null;
        this.eos = framing.kind() == BodyFraming.Kind.NONE || (framing.kind() == BodyFraming.Kind.LENGTH && remaining == 0);
    }

    /** Sets {@code LimitRequestBody} (0 = unlimited) once the request's directory is known. */
    void setLimit(long limit) {
        this.limit = limit;
    }

    /** True if the request announces a body. */
    boolean announced() {
        return framing.kind() == BodyFraming.Kind.CHUNKED || (framing.kind() == BodyFraming.Kind.LENGTH && framing.length() > 0);
    }

    /** True once the whole body has been read (or there was none). */
    boolean isComplete() {
        return eos;
    }

    /** True if reading failed: the connection cannot be reused. */
    boolean failed() {
        return failure != null;
    }

    /**
     * True while the client holds its announced body back for a {@code 100 Continue} that was not
     * sent: if the response goes out now, the client may never send the body, or send it later.
     */
    boolean awaitsContinue() {
        return expectContinue && !continueSent && !eos;
    }

    /** Why reading failed, or null. */
    BodyException failure() {
        return failure;
    }

    /** A Content-Length above the limit is refused before anything is read. */
    BodyException checkDeclaredLength() {
        if (limit > 0 && framing.kind() == BodyFraming.Kind.LENGTH && framing.length() > limit) {
            return fail(413, "Requested content-length of " + framing.length() + " is larger than the configured limit of " + limit);
        }
        return null;
    }

    private BodyException fail(int status, String message) {
        failure = new BodyException(status, message);
        return failure;
    }

    void read(Brigade into, long maxBytes) throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (eos) {
            into.add(Bucket.EOS);
            return;
        }
        BodyException tooLong = checkDeclaredLength();
        if (tooLong != null) {
            throw tooLong;
        }
        if (expectContinue && !continueSent) {
            continueSent = true;
            if (!conn.responseCommitted()) {
                conn.sendContinue();
            }
        }
        long max = Math.max(1, maxBytes);
        ByteBuffer buf = conn.readBuffer();
        while (true) {
            if (framing.kind() == BodyFraming.Kind.LENGTH) {
                if (!buf.hasRemaining()) {
                    fill();
                    buf = conn.readBuffer();
                }
                int n = (int) Math.min(Math.min(buf.remaining(), remaining), Math.min(max, 1 << 20));
                into.add(Bucket.data(copy(buf, n)));
                remaining -= n;
                received += n;
                if (remaining == 0) {
                    eos = true;
                }
                return;
            }
            ByteBuffer slice;
            try {
                slice = decoder.decode(buf, Math.min(max, 1 << 20));
            } catch (BadRequestException e) {
                throw fail(e.status(), "bad chunked request body: " + e.reason());
            }
            if (slice != null && slice.hasRemaining()) {
                received += slice.remaining();
                if (limit > 0 && received > limit) {
                    throw fail(413, "chunked request body exceeds the configured limit of " + limit);
                }
                ByteBuffer data = ByteBuffer.allocate(slice.remaining());
                data.put(slice).flip();
                into.add(Bucket.data(data));
                return;
            }
            if (decoder.isComplete()) {
                eos = true;
                into.add(Bucket.EOS);
                return;
            }
            fill();
            buf = conn.readBuffer();
        }
    }

    /** The trailer fields of a chunked body once it is complete, else {@code null}. */
    io.jhttpd.api.Headers trailers() {
        return decoder != null && decoder.isComplete() && decoder.trailers().size() > 0 ? decoder.trailers() : null;
    }

    private void fill() throws IOException {
        int n;
        try {
            n = conn.fillBody();
        } catch (java.net.SocketTimeoutException e) {
            throw fail(408, "timed out reading the request body");
        }
        if (n < 0) {
            throw fail(400, "the client closed the connection before the request body ended");
        }
    }

    private static ByteBuffer copy(ByteBuffer src, int n) {
        ByteBuffer out = ByteBuffer.allocate(n);
        int lim = src.limit();
        src.limit(src.position() + n);
        out.put(src);
        src.limit(lim);
        out.flip();
        return out;
    }

    /**
     * Reads and drops the rest of the body so the connection can carry the next request; false if
     * that was not possible (then the connection must close).
     */
    boolean discard() {
        if (eos) {
            return true;
        }
        if (failure != null || checkDeclaredLength() != null) {
            return false;
        }
        // a large unread body costs more to drain than a new connection does
        if (framing.kind() == BodyFraming.Kind.LENGTH && remaining > (1 << 20)) {
            return false;
        }
        Brigade sink = new Brigade();
        long drained = 0;
        try {
            while (!eos && drained < (1 << 20)) {
                read(sink, 64 * 1024);
                drained += sink.length();
                sink.clear();
            }
        } catch (IOException e) {
            return false;
        }
        return eos;
    }
}
