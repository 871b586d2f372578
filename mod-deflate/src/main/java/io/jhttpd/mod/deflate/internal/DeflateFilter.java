package io.jhttpd.mod.deflate.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Headers;
import io.jhttpd.api.OutputFilter;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * The {@code DEFLATE} output filter: gzip for a client that accepts it, streaming (each brigade is
 * compressed as it passes; a flush bucket flushes the compressor so the client gets what was
 * written so far). Decided at the first brigade, as Apache's mod_deflate does: a sub-request, a
 * 204 or 304, a response already encoded or carrying {@code Content-Range}, {@code Cache-Control:
 * no-transform}, the {@code no-gzip} environment variable, an empty body, or a whole body under
 * {@link #MIN_LENGTH} bytes passes untouched; {@code Vary: Accept-Encoding} is added whenever the
 * answer depended on the request's {@code Accept-Encoding}.
 */
final class DeflateFilter implements OutputFilter {

    /** Below this, gzip's 18-byte frame and the deflate block cannot make the body smaller. */
    static final int MIN_LENGTH = 68;

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

    private final DeflateSettings settings;
    private boolean decided;
    private Deflater deflater;
    private final CRC32 crc = new CRC32();
    private ByteBuffer out;
    private ByteBuffer fileChunk;
    private Brigade produced;

    private DeflateFilter(DeflateSettings settings) {
        this.settings = settings;
    }

    static OutputFilter forRequest(Request r) {
        return new DeflateFilter(r.config(DeflateModule.SETTINGS));
    }

    @Override
    public void filter(Brigade brigade, Next next) throws IOException {
        if (!decided) {
            decided = true;
            if (!start(brigade, next.request())) {
                next.removeSelf();
                next.pass(brigade);
                return;
            }
        }
        produced = new Brigade();
        Bucket b;
        while ((b = brigade.poll()) != null) {
            if (b instanceof Bucket.Data) {
                compress(((Bucket.Data) b).buffer());
            } else if (b instanceof Bucket.FileRegion) {
                compress((Bucket.FileRegion) b);
            } else if (b instanceof Bucket.Flush) {
                drain(Deflater.SYNC_FLUSH);
                emit();
                produced.add(b);
            } else if (b instanceof Bucket.EndOfStream) {
                finish();
                produced.add(b);
            } else {
                produced.add(b);
            }
        }
        next.pass(produced);
    }

    /** Whether to compress this response; if so, its headers say so from now on. */
    private boolean start(Brigade first, Request r) {
        Headers out = r.headersOut();
        int status = r.status();
        if (r.isSubRequest() || status == 204 || out.contains("Content-Range")
                || isEncoded(out.get("Content-Encoding")) || isEncoded(r.errHeadersOut().get("Content-Encoding"))
                || hasToken(out.get("Cache-Control"), "no-transform")
                || r.subprocessEnv().containsKey("no-gzip")) {
            return false;
        }
        // from here on the answer depends on Accept-Encoding: caches must know, whichever it is
        mergeToken(out, "Vary", "Accept-Encoding");
        if (!acceptsGzip(r.headersIn().get("Accept-Encoding"))) {
            return false;
        }
        if (r.subprocessEnv().containsKey("gzip-only-text/html") && !isHtml(r.contentType())) {
            return false;
        }
        if (status == 304) {
            // no body, but the headers describe the representation the client holds: the gzip one
            alterETag(out);
            return false;
        }
        if (r.isHead()) {
            // no body goes out, but the headers are those a GET would get
            long length = contentLength(out);
            if (length < 0 || length >= MIN_LENGTH) {
                out.set("Content-Encoding", "gzip");
                out.remove("Content-Length");
                alterETag(out);
            }
            return false;
        }
        Bucket head = first.peek();
        if (head instanceof Bucket.EndOfStream) {
            return false;
        }
        long known = first.hasEndOfStream() ? first.length() : contentLength(out);
        if (known >= 0 && known < MIN_LENGTH) {
            return false;
        }
        out.set("Content-Encoding", "gzip");
        out.remove("Content-Length");
        out.remove("Content-MD5");
        alterETag(out);
        deflater = new Deflater(settings.level(), true);
        // native memory: freed when the response ends, also if it is abandoned half-way
        Deflater d = deflater;
        r.onCleanup(d::end);
        this.out = ByteBuffer.allocate(Math.max(64, settings.bufferSize()));
        this.out.put(GZIP_HEADER);
        return true;
    }

    private void compress(ByteBuffer data) {
        if (!data.hasRemaining()) {
            return;
        }
        crc.update(data.duplicate());
        deflater.setInput(data);
        while (!deflater.needsInput()) {
            deflateInto(Deflater.NO_FLUSH);
        }
    }

    private void compress(Bucket.FileRegion f) throws IOException {
        if (fileChunk == null) {
            fileChunk = ByteBuffer.allocate(Math.max(8192, settings.bufferSize()));
        }
        long pos = f.position();
        long end = f.position() + f.count();
        while (pos < end) {
            fileChunk.clear();
            fileChunk.limit((int) Math.min(fileChunk.capacity(), end - pos));
            int n = f.channel().read(fileChunk, pos);
            if (n < 0) {
                throw new IOException("file shorter than the response promised");
            }
            pos += n;
            fileChunk.flip();
            compress(fileChunk);
        }
    }

    private void deflateInto(int flush) {
        if (!out.hasRemaining()) {
            emit();
        }
        deflater.deflate(out, flush);
    }

    /** Deflates until the deflater has nothing more to give for {@code flush}. */
    private void drain(int flush) {
        while (true) {
            deflateInto(flush);
            if (out.hasRemaining()) {
                // the deflater stopped with room left: it is done for this flush mode
                return;
            }
        }
    }

    private void finish() {
        deflater.finish();
        while (!deflater.finished()) {
            deflateInto(Deflater.NO_FLUSH);
        }
        long isize = deflater.getBytesRead();
        if (out.remaining() < 8) {
            emit();
        }
        putIntLE(out, (int) crc.getValue());
        putIntLE(out, (int) isize);
        emit();
        deflater.end();
    }

    private void emit() {
        if (out.position() > 0) {
            out.flip();
            produced.add(Bucket.data(out));
            out = ByteBuffer.allocate(Math.max(64, settings.bufferSize()));
        }
    }

    private static void putIntLE(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >>> 8)).put((byte) (v >>> 16)).put((byte) (v >>> 24));
    }

    private void alterETag(Headers out) {
        String etag = out.get("ETag");
        if (etag == null) {
            return;
        }
        switch (settings.alterETag()) {
            case REMOVE:
                out.remove("ETag");
                break;
            case ADD_SUFFIX:
                if (etag.endsWith("\"") && !etag.endsWith("-gzip\"")) {
                    out.set("ETag", etag.substring(0, etag.length() - 1) + "-gzip\"");
                }
                break;
            default:
                break;
        }
    }

    private static long contentLength(Headers h) {
        String v = h.get("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isEncoded(String contentEncoding) {
        if (contentEncoding == null) {
            return false;
        }
        for (String token : contentEncoding.split(",")) {
            String t = token.trim();
            if (!t.isEmpty() && !t.equalsIgnoreCase("identity")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHtml(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    /**
     * RFC 9110 §12.5.3: {@code gzip} (or its alias {@code x-gzip}) with a q-value above 0, or
     * {@code *} above 0 without gzip refused by name.
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        double gzip = -1;
        double any = -1;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.regionMatches(true, 0, "q=", 0, 2)) {
                    try {
                        q = Double.parseDouble(p.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                gzip = Math.max(gzip, q);
            } else if (coding.equals("*")) {
                any = q;
            }
        }
        return gzip >= 0 ? gzip > 0 : any > 0;
    }

    static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String t : value.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static void mergeToken(Headers h, String name, String token) {
        String v = h.get(name);
        if (v == null) {
            h.set(name, token);
        } else if (!hasToken(v, token) && !hasToken(v, "*")) {
            h.set(name, v + ", " + token);
        }
    }
}
