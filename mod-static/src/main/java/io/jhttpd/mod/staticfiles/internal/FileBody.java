package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The bytes of a file being sent, as buckets: a view of the cached bytes of a small file, a
 * file region ({@code EnableSendfile On}: the kernel sends it with {@code transferTo}), or the
 * file read here into buffers ({@code EnableSendfile Off}). HEAD has no file open and appends nothing.
 */
final class FileBody {

    /** What {@code EnableSendfile Off} reads at a time: memory per response stays bounded. */
    static final int READ_CHUNK = 64 * 1024;

    private final OpenFileCache.OpenFile file;
    private final boolean sendfile;

    FileBody(OpenFileCache.OpenFile file, boolean sendfile) {
        this.file = file;
        this.sendfile = sendfile;
    }

    /**
     * Adds {@code length} bytes from {@code offset} to {@code brigade}. When they are read into
     * buffers, all but the last chunk are passed down the filters at once.
     */
    void append(Request r, Brigade brigade, long offset, long length) throws IOException {
        if (file == null || length == 0) {
            return;
        }
        ByteBuffer content = file.content();
        if (content != null) {
            brigade.add(Bucket.data(content.position((int) offset).limit((int) (offset + length)).slice()));
            return;
        }
        FileChannel channel = file.channel();
        if (sendfile) {
            brigade.add(Bucket.file(channel, offset, length));
            return;
        }
        long position = offset;
        long end = offset + length;
        while (position < end) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(READ_CHUNK, end - position));
            while (buf.hasRemaining()) {
                int n = channel.read(buf, position + buf.position());
                if (n < 0) {
                    throw new IOException("file " + r.filename() + " became shorter while being sent");
                }
            }
            position += buf.flip().remaining();
            brigade.add(Bucket.data(buf));
            if (position < end) {
                Brigade ready = new Brigade();
                brigade.moveTo(ready);
                r.pass(ready);
            }
        }
    }
}
