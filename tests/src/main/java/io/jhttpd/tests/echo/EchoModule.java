package io.jhttpd.tests.echo;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.HookOrder;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Phase;
import io.jhttpd.api.Request;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.ModuleSetup;
import java.io.IOException;

/**
 * A test-only handler module: {@code SetHandler echo} answers with the request body, streamed
 * back bucket by bucket (so a chunked upload comes back chunked), with the request's
 * {@code Content-Type}; {@code SetHandler echo-headers} answers with the request headers as text;
 * {@code SetHandler echo-env} answers with the request's environment ({@code REDIRECT_STATUS}, ...),
 * its URI and status; {@code SetHandler slow} answers {@code /slow?MILLIS} after sleeping that long
 * (see {@link #slow}).
 */
public final class EchoModule implements HttpdModule {

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public void register(ModuleSetup setup) {
        setup.hook(Phase.HANDLER, EchoModule::handle, HookOrder.MIDDLE);
        setup.hook(Phase.HANDLER, EchoModule::showHandler, HookOrder.REALLY_FIRST);
    }

    /**
     * With request header {@code X-Show-Handler}, answers with the handler name, file name and
     * query the request was mapped to, whatever the handler (so tests can see what translate and
     * fixup hooks decided without running the real handler).
     */
    private static HookResult showHandler(Request r) throws IOException {
        if (r.headersIn().get("X-Show-Handler") == null) {
            return HookResult.DECLINED;
        }
        r.discardBody();
        r.setContentType("text/plain");
        r.pass(Brigade.of(Bucket.data("handler=" + r.handler() + "\nfilename=" + r.filename() + "\nquery=" + r.queryString()
                + "\nuri=" + r.uri() + "\nalias-forced-type=" + r.notes().get("alias-forced-type") + "\n"), Bucket.EOS));
        return HookResult.OK;
    }

    /**
     * Answers with the request body cut as {@code X-Split} says: comma-separated items, a number
     * for a data bucket of that many bytes, {@code F} for a flush, {@code f<N>} for a file region
     * of N bytes (from a temporary file holding that part of the body); the rest of the body
     * follows in one bucket, then end-of-stream.
     */
    private static HookResult split(Request r) throws IOException {
        byte[] body = r.bodyStream().readAllBytes();
        String plan = r.headersIn().get("X-Split");
        r.setContentType("application/octet-stream");
        int at = 0;
        Brigade out = new Brigade();
        if (plan != null && !plan.isBlank()) {
            for (String item : plan.split(",")) {
                String it = item.trim();
                if (it.equals("F")) {
                    out.add(Bucket.FLUSH);
                } else if (it.startsWith("f")) {
                    int n = Math.min(Integer.parseInt(it.substring(1)), body.length - at);
                    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("split", ".bin");
                    java.nio.file.Files.write(tmp, java.util.Arrays.copyOfRange(body, at, at + n));
                    java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.READ,
                            java.nio.file.StandardOpenOption.DELETE_ON_CLOSE);
                    r.onCleanup(ch);
                    out.add(Bucket.file(ch, 0, n));
                    at += n;
                } else {
                    int n = Math.min(Integer.parseInt(it), body.length - at);
                    out.add(Bucket.data(java.nio.ByteBuffer.wrap(body, at, n).slice()));
                    at += n;
                }
                if (out.size() >= 3) {
                    r.pass(out);
                    out = new Brigade();
                }
            }
        }
        if (at < body.length) {
            out.add(Bucket.data(java.nio.ByteBuffer.wrap(body, at, body.length - at).slice()));
        }
        out.add(Bucket.EOS);
        r.pass(out);
        return HookResult.OK;
    }

    /** How many bytes of {@code 0123456789} the slow handler sends after its pause. */
    public static final int SLOW_BODY_BYTES = 100_000;

    /**
     * {@code /slow?MILLIS}: sends {@code "start\n"} and flushes it, sleeps MILLIS ms (default
     * 1000), then sends {@link #SLOW_BODY_BYTES} bytes of repeated {@code 0123456789} and
     * {@code "\nend\n"}, as {@code text/plain} without Content-Length (chunked).
     */
    private static HookResult slow(Request r) throws IOException {
        r.discardBody();
        long millis = 1000;
        String q = r.queryString();
        if (q != null && q.matches("\\d{1,6}")) {
            millis = Long.parseLong(q);
        }
        r.setContentType("text/plain");
        r.pass(Brigade.of(Bucket.data("start\n"), Bucket.FLUSH));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while sleeping");
        }
        byte[] body = new byte[SLOW_BODY_BYTES];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) ('0' + i % 10);
        }
        r.pass(Brigade.of(Bucket.data(java.nio.ByteBuffer.wrap(body)), Bucket.data("\nend\n"), Bucket.EOS));
        return HookResult.OK;
    }

    /** The request's environment as {@code NAME=value} lines (sorted), then its URI and status. */
    private static HookResult env(Request r) throws IOException {
        r.discardBody();
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(r.subprocessEnv()).forEach((n, v) -> sb.append(n).append('=').append(v).append('\n'));
        sb.append("uri=").append(r.uri()).append('\n');
        sb.append("status=").append(r.status()).append('\n');
        r.setContentType("text/plain");
        r.pass(Brigade.of(Bucket.data(sb.toString()), Bucket.EOS));
        return HookResult.OK;
    }

    private static HookResult handle(Request r) throws IOException {
        if ("slow".equals(r.handler())) {
            return slow(r);
        }
        if ("echo-env".equals(r.handler())) {
            return env(r);
        }
        if ("echo-headers".equals(r.handler())) {
            StringBuilder sb = new StringBuilder();
            r.headersIn().forEach((n, v) -> sb.append(n).append(": ").append(v).append('\n'));
            r.setContentType("text/plain");
            r.pass(Brigade.of(Bucket.data(sb.toString()), Bucket.EOS));
            return HookResult.OK;
        }
        if ("split".equals(r.handler())) {
            return split(r);
        }
        if (!"echo".equals(r.handler())) {
            return HookResult.DECLINED;
        }
        String type = r.headersIn().get("Content-Type");
        r.setContentType(type != null ? type : "application/octet-stream");
        if (r.headersIn().get("Content-Length") != null && !r.headersIn().containsToken("Transfer-Encoding", "chunked")) {
            r.headersOut().set("Content-Length", r.headersIn().get("Content-Length"));
        }
        Brigade in = new Brigade();
        while (true) {
            r.readBody(in, 64 * 1024);
            Bucket b;
            boolean end = false;
            Brigade out = new Brigade();
            while ((b = in.poll()) != null) {
                if (b instanceof Bucket.Error) {
                    return HookResult.status(((Bucket.Error) b).status());
                }
                out.add(b);
                if (b instanceof Bucket.EndOfStream) {
                    end = true;
                } else {
                    out.add(Bucket.FLUSH);
                }
            }
            r.pass(out);
            if (end) {
                return HookResult.OK;
            }
        }
    }
}
