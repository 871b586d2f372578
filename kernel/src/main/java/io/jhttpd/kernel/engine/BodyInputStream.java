package io.jhttpd.kernel.engine;

import io.jhttpd.api.BodyException;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** The request body as an {@link InputStream}, pulled through the input filters. */
final class BodyInputStream extends InputStream {

    private final Request request;
    private final Brigade pending = new Brigade();
    private ByteBuffer current;
    private boolean eos;

    BodyInputStream(Request request) {
        this.request = request;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (eos) {
                return -1;
            }
            Bucket next = pending.poll();
            if (next == null) {
                request.readBody(pending, Math.max(len, 8192));
                continue;
            }
            if (next instanceof Bucket.Data) {
                current = ((Bucket.Data) next).buffer();
            } else if (next instanceof Bucket.EndOfStream) {
                eos = true;
            } else if (next instanceof Bucket.Error) {
                throw new BodyException(((Bucket.Error) next).status(), "request body error");
            } else if (next instanceof Bucket.FileRegion) {
                Bucket.FileRegion f = (Bucket.FileRegion) next;
                ByteBuffer bb = ByteBuffer.allocate((int) Math.min(f.count(), Integer.MAX_VALUE));
                f.channel().read(bb, f.position());
                bb.flip();
                current = bb;
            }
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }
}
