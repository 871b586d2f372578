package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.kernel.http.ChunkedEncoder;
import java.io.IOException;

/**
 * Apache's {@code CHUNK} filter: frames the body in chunks when the header filter chose
 * {@code Transfer-Encoding: chunked}; a pass-through otherwise. File regions stay zero-copy
 * between their chunk header and trailer.
 */
final class ChunkFilter implements OutputFilter {

    private boolean active;

    void activate() {
        active = true;
    }

    @Override
    public void filter(Brigade brigade, Next next) throws IOException {
        if (!active) {
            next.pass(brigade);
            return;
        }
        Brigade out = new Brigade();
        Bucket b;
        while ((b = brigade.poll()) != null) {
            if (b instanceof Bucket.EndOfStream) {
                out.add(Bucket.data(ChunkedEncoder.lastChunk()));
                out.add(b);
                active = false;
            } else if (b.isMetadata()) {
                out.add(b);
            } else if (b.length() > 0) {
                out.add(Bucket.data(ChunkedEncoder.chunkHeader(b.length())));
                out.add(b);
                out.add(Bucket.data(ChunkedEncoder.chunkTrailer()));
            }
        }
        next.pass(out);
    }
}
