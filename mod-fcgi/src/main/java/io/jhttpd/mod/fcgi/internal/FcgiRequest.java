package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.BodyException;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of answering a request from a FastCGI pool that the proxy and the process manager
 * share: read the body (spooling a chunked one so its length is known), take a connection, run
 * the {@link FcgiExchange}, give the connection back, and map connect failures to statuses:
 * refused or absent → 503 at once, no free slot in time → 503, connect timeout → 504.
 */
final class FcgiRequest {

    private static final Logger LOG = LoggerFactory.getLogger(FcgiRequest.class);

    /** Where a request gets its backend connection from. */
    interface Source {
        /** A connected channel (may wait for a free one). */
        BackendChannel acquire() throws IOException;

        /** Hands the channel back after the exchange, reusable or not. */
        void release(BackendChannel channel, boolean reusable);

        /** True if connections are kept open across requests (FCGI_KEEP_CONN). */
        boolean keepsConnections();
    }

    private FcgiRequest() {
    }

    static HookResult run(Request r, Map<String, String> params, String backendName, BackendPool pool) throws IOException {
        return run(r, params, backendName, new Source() {
            @Override
            public BackendChannel acquire() throws IOException {
                return pool.acquire();
            }

            @Override
            public void release(BackendChannel channel, boolean reusable) {
                pool.release(channel, reusable);
            }

            @Override
            public boolean keepsConnections() {
                return pool.params().reuse();
            }
        });
    }

    static HookResult run(Request r, Map<String, String> params, String backendName, Source source) throws IOException {
        // the answer comes from the backend, in its own time: listening goes to another thread first
        r.connection().willBlock();
        RequestBody body;
        try {
            body = RequestBody.of(r);
        } catch (BodyException e) {
            return HookResult.status(e.status());
        }
        try (body) {
            if (r.hasBody()) {
                params.put("CONTENT_LENGTH", Long.toString(body.length()));
            }
            BackendChannel channel;
            try {
                channel = source.acquire();
            } catch (BackendBusyException e) {
                LOG.error("JH10012: no free connection to FastCGI backend {}: {}", backendName, e.getMessage());
                return HookResult.status(503);
            } catch (BackendTimeoutException e) {
                LOG.error("JH10011: FastCGI backend {}: {} (AH01079)", backendName, e.getMessage());
                return HookResult.status(504);
            } catch (IOException e) {
                LOG.error("JH10001: failed to make connection to FastCGI backend {}: {} (AH01079)", backendName, e.toString());
                return HookResult.status(503);
            }
            FcgiExchange exchange = new FcgiExchange(r, channel, backendName);
            boolean reusable = false;
            try {
                HookResult result = exchange.run(params, body, source.keepsConnections());
                reusable = exchange.isReusable();
                return result;
            } finally {
                source.release(channel, reusable);
            }
        }
    }
}
