package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.BodyException;
import io.jhttpd.api.HookResult;
import io.jhttpd.api.Request;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a FastCGI application as a RESPONDER, on a connected channel: BEGIN_REQUEST,
 * the PARAMS stream, the body on STDIN, then STDOUT into the response (head parsed as CGI output,
 * body streamed through the output filter chain) and STDERR into the error log, until
 * END_REQUEST. Memory stays bounded: one record at a time each way.
 *
 * <p>Failures map as Apache's: a backend that breaks the protocol or goes away before any of the
 * body was passed on gives 502, a timeout before then 504; once body bytes are in the output
 * chain (which cannot take them back) the client connection is aborted (an {@link IOException}
 * out of the handler), and a log line says why.
 */
final class FcgiExchange {

    private static final Logger LOG = LoggerFactory.getLogger(FcgiExchange.class);
    private static final int REQUEST_ID = 1;
    private static final int STDIN_CHUNK = 32 * 1024;

    private final Request r;
    private final BackendChannel channel;
    private final String backendName;
    private boolean reusable;

    FcgiExchange(Request r, BackendChannel channel, String backendName) {
        this.r = r;
        this.channel = channel;
        this.backendName = backendName;
    }

    /** True once the exchange ended with END_REQUEST and nothing left unread: the channel may serve another request. */
    boolean isReusable() {
        return reusable;
    }

    /**
     * Runs the exchange. Returns the handler's result; throws {@link IOException} only when the
     * client connection must be aborted (the client went away, or the backend failed mid-body).
     */
    HookResult run(Map<String, String> params, RequestBody body, boolean keepConnection) throws IOException {
        try {
            send(params, body, keepConnection);
        } catch (BodyException e) {
            LOG.info("JH10010: request body could not be read for {}: {}", backendName, e.getMessage());
            return HookResult.status(e.status());
        } catch (BackendTimeoutException e) {
            LOG.error("JH10003: timeout sending the request to FastCGI backend {}: {} (AH01075)", backendName, e.getMessage());
            return HookResult.status(504);
        } catch (IOException e) {
            if (r.connection().isAborted()) {
                throw e;
            }
            LOG.error("JH10004: error dispatching request to FastCGI backend {}: {} (AH01075)", backendName, e.toString());
            return HookResult.status(502);
        }
        return receive();
    }

    private void send(Map<String, String> params, RequestBody body, boolean keepConnection) throws IOException {
        RecordWriter out = new RecordWriter(channel.out());
        out.write(Record.BEGIN_REQUEST, REQUEST_ID, Record.beginRequestBody(Record.ROLE_RESPONDER, keepConnection));
        for (byte[] chunk : NameValuePairs.encodeInRecords(params)) {
            out.write(Record.PARAMS, REQUEST_ID, chunk);
        }
        out.write(Record.PARAMS, REQUEST_ID, new byte[0]);
        byte[] buf = new byte[STDIN_CHUNK];
        int n;
        while ((n = body.stream().read(buf)) > 0) {
            out.write(Record.STDIN, REQUEST_ID, buf, 0, n);
        }
        out.write(Record.STDIN, REQUEST_ID, new byte[0]);
        out.flush();
    }

    private HookResult receive() throws IOException {
        RecordReader in = new RecordReader(channel.in());
        ResponseHead head = new ResponseHead();
        OutputStream client = null;
        boolean discardBody = false;
        StderrLines stderr = new StderrLines();
        long bodyBytes = 0;
        try {
            while (true) {
                Record rec = in.read();
                if (rec == null) {
                    throw new EOFException("FastCGI backend closed the connection before END_REQUEST");
                }
                if (rec.requestId() != REQUEST_ID) {
                    // management records (id 0) and strays: nothing to do with this request
                    LOG.debug("ignoring {} from {}", rec, backendName);
                    continue;
                }
                switch (rec.type()) {
                    case Record.STDOUT: {
                        byte[] c = rec.content();
                        int off = 0;
                        if (!head.isComplete()) {
                            int used = head.feed(c, 0, c.length);
                            if (used < 0) {
                                continue;
                            }
                            off = used;
                            discardBody = applyHead(head);
                            if (!discardBody) {
                                client = r.outputStream();
                            }
                        }
                        if (client != null && off < c.length) {
                            writeToClient(client, c, off, c.length - off);
                            bodyBytes += c.length - off;
                        }
                        break;
                    }
                    case Record.STDERR:
                        stderr.add(rec.content());
                        break;
                    case Record.END_REQUEST:
                        stderr.flush();
                        return finish(rec, head, discardBody);
                    default:
                        LOG.debug("ignoring {} from {}", rec, backendName);
                        break;
                }
            }
        } catch (ClientGoneException e) {
            throw e.getCause();
        } catch (IOException e) {
            stderr.flush();
            if (!head.isComplete() || discardBody || (bodyBytes == 0 && !r.isCommitted())) {
                if (e instanceof BackendTimeoutException) {
                    LOG.error("JH10005: timeout reading the response of FastCGI backend {}: {}", backendName, e.getMessage());
                    return HookResult.status(504);
                }
                LOG.error("JH10006: bad response from FastCGI backend {}: {} (AH01067)", backendName, e.getMessage());
                return HookResult.status(502);
            }
            LOG.error("JH10007: FastCGI backend {} failed after the response began; aborting the client connection: {}",
                    backendName, e.toString());
            throw new IOException("FastCGI backend failed mid-response", e);
        }
    }

    private HookResult finish(Record end, ResponseHead head, boolean discardBody) throws IOException {
        if (end.content().length < 8) {
            LOG.error("JH10006: bad response from FastCGI backend {}: END_REQUEST body of {} bytes (AH01067)",
                    backendName, end.content().length);
            return head.isComplete() ? HookResult.ok() : HookResult.status(502);
        }
        int protocolStatus = end.protocolStatus();
        if (protocolStatus != Record.REQUEST_COMPLETE) {
            LOG.error("JH10008: FastCGI backend {} rejected the request: protocol status {}", backendName,
                    protocolStatus == Record.OVERLOADED ? "OVERLOADED" : protocolStatus == Record.UNKNOWN_ROLE ? "UNKNOWN_ROLE"
                            : protocolStatus == Record.CANT_MPX_CONN ? "CANT_MPX_CONN" : Integer.toString(protocolStatus));
            if (!head.isComplete()) {
                return HookResult.status(protocolStatus == Record.OVERLOADED ? 503 : 502);
            }
        } else {
            reusable = true;
        }
        if (!head.isComplete()) {
            LOG.error("JH10006: bad response from FastCGI backend {}: no header block before END_REQUEST (AH01067)", backendName);
            return HookResult.status(502);
        }
        if (end.appStatus() != 0) {
            LOG.debug("FastCGI backend {} ended the request with application status {}", backendName, end.appStatus());
        }
        if (discardBody) {
            String location = head.location();
            if (head.status() == 0 && location.startsWith("/")) {
                r.internalRedirect(location);
                return HookResult.ok();
            }
            return HookResult.status(302);
        }
        return HookResult.ok();
    }

    /**
     * Applies the head to the response. Returns true if the body must be dropped: a
     * {@code Location} without {@code Status} is a redirect, local or to the client, as for CGI.
     */
    private boolean applyHead(ResponseHead head) {
        boolean redirect = head.location() != null && head.status() == 0;
        if (redirect) {
            if (!head.location().startsWith("/")) {
                r.headersOut().set("Location", head.location());
                copyCookies(head);
            }
            return true;
        }
        if (head.status() != 0) {
            r.setStatus(head.status());
        }
        if (head.contentType() != null) {
            r.setContentType(head.contentType());
        }
        r.headersOut().addAll(head.fields());
        return false;
    }

    private void copyCookies(ResponseHead head) {
        for (String cookie : head.fields().getAll("Set-Cookie")) {
            r.errHeadersOut().add("Set-Cookie", cookie);
        }
    }

    private static void writeToClient(OutputStream client, byte[] b, int off, int len) throws ClientGoneException {
        try {
            client.write(b, off, len);
        } catch (IOException e) {
            throw new ClientGoneException(e);
        }
    }

    /** A write to the client failed: the backend is not at fault, the connection is simply over. */
    private static final class ClientGoneException extends IOException {
        private static final long serialVersionUID = 1L;

        ClientGoneException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** STDERR text, logged a line at a time as Apache's {@code AH01071: Got error '...'}. */
    private final class StderrLines {
        private final StringBuilder pending = new StringBuilder();

        void add(byte[] content) {
            pending.append(new String(content, StandardCharsets.UTF_8));
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                log(pending.substring(0, nl));
                pending.delete(0, nl + 1);
            }
            if (pending.length() > 8192) {
                flush();
            }
        }

        void flush() {
            if (pending.length() > 0) {
                log(pending.toString());
                pending.setLength(0);
            }
        }

        private void log(String line) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!text.isEmpty()) {
                LOG.error("JH10002: FastCGI backend {} said: {} (AH01071) [uri {}]", backendName, text, r.uri());
            }
        }
    }
}
