package io.jhttpd.mod.include.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Request;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The chain below the filter: records the bytes and, per pass, what had arrived by then. */
final class Collector implements OutputFilter.Next {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<String> events = new ArrayList<>();
    int endOfStreams;

    @Override
    public void pass(Brigade brigade) {
        if (brigade.isEmpty()) {
            throw new AssertionError("an empty brigade was passed");
        }
        Bucket b;
        while ((b = brigade.poll()) != null) {
            if (b instanceof Bucket.Data d) {
                ByteBuffer buf = d.buffer();
                byte[] a = new byte[buf.remaining()];
                buf.get(a);
                bytes.writeBytes(a);
            } else if (b instanceof Bucket.EndOfStream) {
                endOfStreams++;
                events.add("EOS");
            } else if (b instanceof Bucket.Flush) {
                events.add("FLUSH after " + text());
            } else {
                throw new AssertionError("unexpected " + b);
            }
        }
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Request request() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void removeSelf() {
        throw new UnsupportedOperationException();
    }
}
