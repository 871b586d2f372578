package io.jhttpd.mod.deflate.internal;

import io.jhttpd.api.BodyException;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.InputFilter;
import io.jhttpd.api.ReadMode;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The {@code INFLATE} input filter: a request body sent with {@code Content-Encoding: gzip} reaches
 * the handler decompressed (and without that header or the compressed {@code Content-Length}).
 * Against decompression bombs, as Apache: the inflated body may not exceed
 * {@code DeflateInflateLimitRequestBody}, nor outgrow the bytes received by more than
 * {@code DeflateInflateRatioLimit} times for more than {@code DeflateInflateRatioBurst} reads in a
 * row - either is 413. A body that is not valid gzip, or ends early, is 400.
 */
final class InflateFilter implements InputFilter {

    private static final int CHUNK = 8192;
    /** The ratio is not judged on the first few KiB, where headers and tiny inputs distort it. */
    private static final long RATIO_FLOOR = 16 * 1024;

    private final DeflateSettings settings;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private ByteBuffer in = ByteBuffer.allocate(CHUNK * 2).flip();
    private boolean headerRead;
    private boolean upstreamEnded;
    private boolean done;
    private long received;
    private long inflated;
    private int overRatio;

    private InflateFilter(DeflateSettings settings) {
        this.settings = settings;
    }

    static InputFilter forRequest(Request r) {
        String ce = r.headersIn().get("Content-Encoding");
        if (ce == null || !(ce.trim().equalsIgnoreCase("gzip") || ce.trim().equalsIgnoreCase("x-gzip"))) {
            return null;
        }
        r.headersIn().remove("Content-Encoding");
        r.headersIn().remove("Content-Length");
        r.headersIn().remove("Content-MD5");
        InflateFilter f = new InflateFilter(r.config(DeflateModule.SETTINGS));
        r.onCleanup(f.inflater::end);
        return f;
    }

    @Override
    public void read(Brigade into, ReadMode mode, long maxBytes, Upstream upstream) throws IOException {
        if (done) {
            into.add(Bucket.EOS);
            return;
        }
        while (!headerRead) {
            if (!GzipHeader.skip(in)) {
                fill(upstream, "the gzip header");
            } else {
                headerRead = true;
            }
        }
        ByteBuffer out = ByteBuffer.allocate((int) Math.max(1, Math.min(CHUNK, maxBytes)));
        while (true) {
            if (inflater.needsInput()) {
                if (!in.hasRemaining()) {
                    fill(upstream, "the compressed body");
                }
                inflater.setInput(in);
            }
            int n;
            try {
                n = inflater.inflate(out);
            } catch (DataFormatException e) {
                throw new BodyException(400, "request body is not valid gzip: " + e.getMessage());
            }
            if (n > 0) {
                account(n);
                out.flip();
                crc.update(out.duplicate());
                into.add(Bucket.data(out));
                if (inflater.finished()) {
                    checkTrailer(upstream);
                    into.add(Bucket.EOS);
                }
                return;
            }
            if (inflater.finished()) {
                checkTrailer(upstream);
                into.add(Bucket.EOS);
                return;
            }
            if (inflater.needsDictionary()) {
                throw new BodyException(400, "request body is not valid gzip: it needs a preset dictionary");
            }
        }
    }

    /** Reads more compressed bytes behind those not yet used; at the body's end before {@code what} is complete: 400. */
    private void fill(Upstream upstream, String what) throws IOException {
        if (upstreamEnded) {
            throw new BodyException(400, "request body ends inside " + what);
        }
        Brigade b = new Brigade();
        upstream.read(b, ReadMode.BYTES, CHUNK);
        in.compact();
        Bucket bucket;
        while ((bucket = b.poll()) != null) {
            if (bucket instanceof Bucket.Data) {
                ByteBuffer d = ((Bucket.Data) bucket).buffer();
                received += d.remaining();
                if (in.remaining() < d.remaining()) {
                    ByteBuffer bigger = ByteBuffer.allocate(in.position() + d.remaining() + CHUNK);
                    in.flip();
                    bigger.put(in);
                    in = bigger;
                }
                in.put(d);
            } else if (bucket instanceof Bucket.EndOfStream) {
                upstreamEnded = true;
            }
        }
        in.flip();
    }

    private void account(int n) throws BodyException {
        inflated += n;
        long limit = settings.inflateLimit();
        if (limit > 0 && inflated > limit) {
            throw new BodyException(413, "inflated request body larger than DeflateInflateLimitRequestBody (" + limit + " bytes)");
        }
        if (inflated > RATIO_FLOOR && inflated > (long) settings.ratioLimit() * Math.max(1, received)) {
            if (++overRatio > settings.ratioBurst()) {
                throw new BodyException(413, "inflated request body grows more than DeflateInflateRatioLimit ("
                        + settings.ratioLimit() + ") times its compressed size");
            }
        } else {
            overRatio = 0;
        }
    }

    /** The 8-byte trailer: CRC-32 and length of the inflated data; anything after it is ignored. */
    private void checkTrailer(Upstream upstream) throws IOException {
        done = true;
        while (in.remaining() < 8) {
            fill(upstream, "the gzip trailer");
        }
        long crcSent = Integer.toUnsignedLong(readIntLE(in));
        long sizeSent = Integer.toUnsignedLong(readIntLE(in));
        if (crcSent != crc.getValue() || sizeSent != (inflated & 0xffffffffL)) {
            throw new BodyException(400, "request body fails its gzip check (CRC or length)");
        }
    }

    private static int readIntLE(ByteBuffer b) {
        return (b.get() & 0xff) | (b.get() & 0xff) << 8 | (b.get() & 0xff) << 16 | (b.get() & 0xff) << 24;
    }
}
