package io.jhttpd.kernel.engine;

import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Option;
import io.jhttpd.api.Request;
import io.jhttpd.api.Server;
import io.jhttpd.kernel.core.ConfigVector;
import io.jhttpd.kernel.core.CoreDirConfig;
import io.jhttpd.kernel.core.CoreModule;
import io.jhttpd.kernel.core.Section;
import io.jhttpd.kernel.core.VirtualServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kernel's {@link Request}: one request on one connection, with its output chain and body reader. */
final class RequestImpl implements Request {

    private static final Logger LOG = LoggerFactory.getLogger(RequestImpl.class);

    final HttpConnection conn;
    final RequestProcessor processor;
    final VirtualServer server;
    final String method;
    final String requestLine;
    final String unparsedUri;
    final String protocol;
    final Headers headersIn;
    final String hostname;
    final long requestTimeMillis;
    final long startNanos;
    final RequestImpl prev;
    final boolean subRequest;
    final BodyReader body;

    String uri;
    String query;
    Path filename;
    BasicFileAttributes fileAttributes;
    String pathInfo = "";
    String handler;
    String contentType;
    String user;
    int status = 200;
    final Headers headersOut = new Headers();
    final Headers errHeadersOut = new Headers();
    Map<String, String> notes;
    Map<String, String> env;
    ConfigVector dirConfig;
    /** The sections {@link #dirConfig} was merged from, for the conditions walk. */
    List<Section> dirSections = List.of();
    CoreDirConfig coreDir;
    RequestImpl next;
    OutputChain output;
    InputChain input;
    HttpHeaderFilter headerFilter;
    boolean eosSent;
    long bytesSent;
    List<AutoCloseable> cleanups;
    OutputStream outStream;

    RequestImpl(HttpConnection conn, RequestProcessor processor, VirtualServer server, String method, String requestLine,
            String unparsedUri, String protocol, Headers headersIn, String hostname, long requestTimeMillis,
            long startNanos, RequestImpl prev, boolean subRequest, BodyReader body) {
        this.conn = conn;
        this.processor = processor;
        this.server = server;
        this.method = method;
        this.requestLine = requestLine;
        this.unparsedUri = unparsedUri;
        this.protocol = protocol;
        this.headersIn = headersIn;
        this.hostname = hostname;
        this.requestTimeMillis = requestTimeMillis;
        this.startNanos = startNanos;
        this.prev = prev;
        this.subRequest = subRequest;
        this.body = body;
    }

    boolean isHttp11() {
        return protocol.equals("HTTP/1.1");
    }

    void setDirConfig(ConfigVector v) {
        setDirConfig(v, List.of());
    }

    /** The per-directory configuration merged from {@code sections} (after the server's own). */
    void setDirConfig(ConfigVector v, List<Section> sections) {
        dirConfig = v;
        dirSections = sections;
        coreDir = v.get(server.slots().slot(CoreModule.DIR));
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public boolean isHead() {
        return method.equals("HEAD");
    }

    @Override
    public String requestLine() {
        return requestLine;
    }

    @Override
    public String unparsedUri() {
        return unparsedUri;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public void setUri(String uri) {
        this.uri = uri;
    }

    @Override
    public String queryString() {
        return query;
    }

    @Override
    public void setQueryString(String query) {
        this.query = query;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public Headers headersIn() {
        return headersIn;
    }

    @Override
    public String hostname() {
        return hostname;
    }

    @Override
    public long requestTimeMillis() {
        return requestTimeMillis;
    }

    @Override
    public long requestStartNanos() {
        return startNanos;
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public Server server() {
        return server;
    }

    @Override
    public Path filename() {
        return filename;
    }

    @Override
    public void setFilename(Path filename) {
        this.filename = filename;
    }

    @Override
    public BasicFileAttributes fileAttributes() {
        return fileAttributes;
    }

    @Override
    public void setFileAttributes(BasicFileAttributes attributes) {
        this.fileAttributes = attributes;
    }

    @Override
    public String pathInfo() {
        return pathInfo;
    }

    @Override
    public void setPathInfo(String pathInfo) {
        this.pathInfo = pathInfo == null ? "" : pathInfo;
    }

    @Override
    public String handler() {
        return handler;
    }

    @Override
    public void setHandler(String handler) {
        this.handler = handler;
    }

    @Override
    public String contentType() {
        return contentType;
    }

    @Override
    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    @Override
    public Set<Option> options() {
        return coreDir.options();
    }

    @Override
    public AcceptPathInfo acceptPathInfo() {
        return coreDir.acceptPathInfo();
    }

    @Override
    public <T> T config(ConfigKey<T> key) {
        if (!key.isPerDirectory()) {
            return server.config(key);
        }
        int slot = server.slots().slot(key);
        if (slot < 0) {
            throw new IllegalArgumentException("JH00013: configuration key " + key.name() + " was never registered");
        }
        return dirConfig.get(slot);
    }

    @Override
    public Map<String, String> notes() {
        if (notes == null) {
            notes = new HashMap<>();
        }
        return notes;
    }

    @Override
    public Map<String, String> subprocessEnv() {
        if (env == null) {
            env = new HashMap<>();
        }
        return env;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public void setUser(String user) {
        this.user = user;
    }

    @Override
    public boolean isSubRequest() {
        return subRequest;
    }

    @Override
    public Request redirectedFrom() {
        return prev;
    }

    @Override
    public Request finalRequest() {
        RequestImpl r = this;
        while (r.next != null) {
            r = r.next;
        }
        return r;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void setStatus(int status) {
        this.status = status;
    }

    @Override
    public Headers headersOut() {
        return headersOut;
    }

    @Override
    public Headers errHeadersOut() {
        return errHeadersOut;
    }

    @Override
    public boolean isCommitted() {
        return conn.responseCommitted();
    }

    @Override
    public long bytesSent() {
        return finalRequest() == this ? bytesSent : ((RequestImpl) finalRequest()).bytesSent;
    }

    @Override
    public long bytesReceived() {
        return conn.requestBytesIn();
    }

    @Override
    public long bytesWritten() {
        return conn.requestBytesOut();
    }

    @Override
    public Headers trailersIn() {
        return body == null ? null : body.trailers();
    }

    @Override
    public void pass(Brigade brigade) throws IOException {
        if (output == null) {
            throw new IllegalStateException("a sub-request made by lookupUri has no output until runSubRequest");
        }
        if (eosSent) {
            brigade.clear();
            return;
        }
        if (brigade.hasEndOfStream()) {
            eosSent = true;
        }
        output.pass(brigade);
    }

    @Override
    public OutputStream outputStream() {
        if (outStream == null) {
            outStream = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len > 0) {
                        pass(Brigade.of(Bucket.data(java.nio.ByteBuffer.wrap(b.clone(), off, len))));
                    }
                }

                @Override
                public void flush() throws IOException {
                    pass(Brigade.of(Bucket.FLUSH));
                }

                @Override
                public void close() throws IOException {
                    pass(Brigade.of(Bucket.EOS));
                }
            };
        }
        return outStream;
    }

    @Override
    public boolean addOutputFilter(String name) {
        return processor.addOutputFilter(this, name);
    }

    boolean addOutputFilterByType(String name, java.util.Set<String> types) {
        return processor.addOutputFilterByType(this, name, types);
    }

    @Override
    public boolean addInputFilter(String name) {
        return processor.addInputFilter(this, name);
    }

    @Override
    public boolean hasBody() {
        return body != null && body.announced();
    }

    @Override
    public void readBody(Brigade into, long maxBytes) throws IOException {
        if (input == null) {
            processor.ensureInput(this);
        }
        input.read(into, maxBytes);
    }

    @Override
    public InputStream bodyStream() {
        return new BodyInputStream(this);
    }

    @Override
    public void discardBody() throws IOException {
        if (body != null) {
            // As Apache's ap_discard_request_body: this directory's LimitRequestBody applies (a
            // Content-Length above it is 413 before anything is read), and a body that cannot be
            // read (too long, badly chunked, timed out) is the handler's error to answer.
            processor.ensureInput(this);
            if (!body.discard() && body.failed()) {
                throw body.failure();
            }
        }
    }

    @Override
    public void internalRedirect(String target) throws IOException {
        processor.internalRedirect(this, target, status);
    }

    @Override
    public void internalRedirect(String target, boolean asGet) throws IOException {
        if (asGet) {
            processor.internalRedirectAsGet(this, target, status);
        } else {
            internalRedirect(target);
        }
    }

    @Override
    public void removeProtocolFilters() {
        output.removeBelow(io.jhttpd.api.FilterType.CONNECTION.rank());
        conn.refuseKeepAlive();
        conn.commit();
    }

    @Override
    public Request lookupUri(String target) {
        return processor.lookupUri(this, target);
    }

    @Override
    public int runSubRequest(io.jhttpd.api.OutputFilter.Next into) throws IOException {
        if (!subRequest || output != null) {
            throw new IllegalStateException("runSubRequest: not a sub-request made by lookupUri, or already run");
        }
        return processor.runSubRequest(this, into);
    }

    @Override
    public void onCleanup(AutoCloseable resource) {
        if (cleanups == null) {
            cleanups = new ArrayList<>(2);
        }
        cleanups.add(resource);
    }

    void runCleanups() {
        if (cleanups != null) {
            for (int i = cleanups.size() - 1; i >= 0; i--) {
                try {
                    cleanups.get(i).close();
                } catch (Exception e) {
                    LOG.warn("JH00040: closing a request resource failed: {}", e.toString());
                }
            }
            cleanups = null;
        }
    }

    /**
     * The port self-referential URLs and the server signature name, as Apache's
     * {@code ap_get_server_port} under the default {@code UseCanonicalName Off} and
     * {@code UseCanonicalPhysicalPort Off}: the port the client asked for (in the absolute-form
     * target, else in {@code Host}), else the port of {@code ServerName}, else 80. The port the
     * connection arrived on is never used: behind a port mapping the client could not reach it.
     */
    @Override
    public int serverPort() {
        int asked = requestedPort();
        if (asked > 0) {
            return asked;
        }
        return server.port() != 0 ? server.port() : 80;
    }

    /** The port in the absolute-form target's authority or in {@code Host}, or 0 if none (or not a number). */
    private int requestedPort() {
        String authority;
        int scheme = unparsedUri == null ? -1 : unparsedUri.indexOf("://");
        if (scheme > 0 && unparsedUri.charAt(0) != '/') {
            int end = unparsedUri.indexOf('/', scheme + 3);
            authority = unparsedUri.substring(scheme + 3, end < 0 ? unparsedUri.length() : end);
        } else {
            authority = headersIn.get("Host");
        }
        if (authority == null) {
            return 0;
        }
        authority = authority.trim();
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']') || colon == authority.length() - 1) {
            return 0;
        }
        try {
            int p = Integer.parseInt(authority.substring(colon + 1));
            return p > 0 && p <= 65535 ? p : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String absoluteUrl(String path) {
        int port = serverPort();
        String host = hostname;
        if (host == null || host.isEmpty()) {
            host = server.serverName();
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + (port == 80 ? "" : ":" + port) + path;
    }

    @Override
    public String toString() {
        return requestLine;
    }
}
