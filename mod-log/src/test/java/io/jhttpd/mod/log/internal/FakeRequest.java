package io.jhttpd.mod.log.internal;

import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Option;
import io.jhttpd.api.Request;
import io.jhttpd.api.Server;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A finished request as the log hook sees it, fields set by the test. */
final class FakeRequest implements Request {

    String method = "GET";
    String requestLine = "GET /a.txt HTTP/1.1";
    String uri = "/a.txt";
    String query;
    String protocol = "HTTP/1.1";
    final Headers headersIn = new Headers();
    String hostname = "localhost";
    long requestTimeMillis;
    long requestStartNanos;
    FakeConnection connection = new FakeConnection(new InetSocketAddress("127.0.0.1", 36366), new InetSocketAddress("127.0.0.1", 18080));
    Server server = new FakeServer("localhost", 0);
    Path filename;
    String handler;
    String contentType;
    final Map<String, String> notes = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    String user;
    boolean subRequest;
    FakeRequest redirectedFrom;
    FakeRequest next;
    int status = 200;
    final Headers headersOut = new Headers();
    final Headers errHeadersOut = new Headers();
    long bytesSent;
    long bytesIn = -1;
    long bytesOut = -1;
    Headers trailers;

    /** A new request internally redirected from this one, as the kernel chains them. */
    FakeRequest redirect(String newUri) {
        FakeRequest r = new FakeRequest();
        r.method = method;
        r.requestLine = requestLine;
        r.uri = newUri;
        r.protocol = protocol;
        r.requestTimeMillis = requestTimeMillis;
        r.requestStartNanos = requestStartNanos;
        r.connection = connection;
        r.server = server;
        r.redirectedFrom = this;
        r.headersIn.addAll(headersIn);
        next = r;
        return r;
    }

    @Override public String method() { return method; }
    @Override public boolean isHead() { return "HEAD".equals(method); }
    @Override public String requestLine() { return requestLine; }
    @Override public String unparsedUri() { return uri; }
    @Override public String uri() { return uri; }
    @Override public void setUri(String uri) { this.uri = uri; }
    @Override public String queryString() { return query; }
    @Override public void setQueryString(String query) { this.query = query; }
    @Override public String protocol() { return protocol; }
    @Override public Headers headersIn() { return headersIn; }
    @Override public String hostname() { return hostname; }
    @Override public long requestTimeMillis() { return requestTimeMillis; }
    @Override public long requestStartNanos() { return requestStartNanos; }
    @Override public Connection connection() { return connection; }
    @Override public Server server() { return server; }
    @Override public Path filename() { return filename; }
    @Override public void setFilename(Path filename) { this.filename = filename; }
    @Override public BasicFileAttributes fileAttributes() { return null; }
    @Override public void setFileAttributes(BasicFileAttributes attributes) { }
    @Override public String pathInfo() { return ""; }
    @Override public void setPathInfo(String pathInfo) { }
    @Override public String handler() { return handler; }
    @Override public void setHandler(String handler) { this.handler = handler; }
    @Override public String contentType() { return contentType; }
    @Override public void setContentType(String contentType) { this.contentType = contentType; }
    @Override public Set<Option> options() { return Set.of(); }
    @Override public AcceptPathInfo acceptPathInfo() { return AcceptPathInfo.DEFAULT; }
    @Override public <T> T config(ConfigKey<T> key) { return server.config(key); }
    @Override public Map<String, String> notes() { return notes; }
    @Override public Map<String, String> subprocessEnv() { return env; }
    @Override public String user() { return user; }
    @Override public void setUser(String user) { this.user = user; }
    @Override public boolean isSubRequest() { return subRequest; }
    @Override public Request redirectedFrom() { return redirectedFrom; }

    @Override
    public Request finalRequest() {
        FakeRequest r = this;
        while (r.next != null) {
            r = r.next;
        }
        return r;
    }

    @Override public int status() { return status; }
    @Override public void setStatus(int status) { this.status = status; }
    @Override public Headers headersOut() { return headersOut; }
    @Override public Headers errHeadersOut() { return errHeadersOut; }
    @Override public boolean isCommitted() { return true; }
    @Override public long bytesSent() { return bytesSent; }
    @Override public long bytesReceived() { return bytesIn; }
    @Override public long bytesWritten() { return bytesOut; }
    @Override public Headers trailersIn() { return trailers; }
    @Override public void pass(Brigade brigade) { throw new UnsupportedOperationException(); }
    @Override public OutputStream outputStream() { throw new UnsupportedOperationException(); }
    @Override public boolean addOutputFilter(String name) { return false; }
    @Override public boolean addInputFilter(String name) { return false; }
    @Override public boolean hasBody() { return false; }
    @Override public void readBody(Brigade into, long maxBytes) { throw new UnsupportedOperationException(); }
    @Override public InputStream bodyStream() { return InputStream.nullInputStream(); }
    @Override public void discardBody() { }
    @Override public void internalRedirect(String uri) { throw new UnsupportedOperationException(); }
    @Override public Request lookupUri(String uri) { throw new UnsupportedOperationException(); }
    @Override public void onCleanup(AutoCloseable resource) { }
    @Override public String absoluteUrl(String path) { return "http://" + hostname + path; }
}
