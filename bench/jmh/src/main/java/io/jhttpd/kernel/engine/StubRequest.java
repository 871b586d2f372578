package io.jhttpd.kernel.engine;

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
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;

/**
 * The least of a {@link Request} the kernel's output filters below {@code HTTP_HEADER} look at:
 * status, method (HEAD or not) and the response headers. Everything else is unsupported.
 */
final class StubRequest implements Request {

    final Headers headersOut = new Headers();
    int status = 200;

    @Override public String method() { return "GET"; }
    @Override public boolean isHead() { return false; }
    @Override public String requestLine() { return "GET /bench HTTP/1.1"; }
    @Override public String unparsedUri() { return "/bench"; }
    @Override public String uri() { return "/bench"; }
    @Override public void setUri(String uri) { throw new UnsupportedOperationException(); }
    @Override public String queryString() { return null; }
    @Override public void setQueryString(String query) { throw new UnsupportedOperationException(); }
    @Override public String protocol() { return "HTTP/1.1"; }
    @Override public Headers headersIn() { throw new UnsupportedOperationException(); }
    @Override public String hostname() { return "localhost"; }
    @Override public long requestTimeMillis() { return 0; }
    @Override public long requestStartNanos() { return 0; }
    @Override public Connection connection() { throw new UnsupportedOperationException(); }
    @Override public Server server() { throw new UnsupportedOperationException(); }
    @Override public Path filename() { return null; }
    @Override public void setFilename(Path filename) { throw new UnsupportedOperationException(); }
    @Override public BasicFileAttributes fileAttributes() { return null; }
    @Override public void setFileAttributes(BasicFileAttributes attributes) { throw new UnsupportedOperationException(); }
    @Override public String pathInfo() { return null; }
    @Override public void setPathInfo(String pathInfo) { throw new UnsupportedOperationException(); }
    @Override public String handler() { return null; }
    @Override public void setHandler(String handler) { throw new UnsupportedOperationException(); }
    @Override public String contentType() { return "text/plain"; }
    @Override public void setContentType(String contentType) { throw new UnsupportedOperationException(); }
    @Override public Set<Option> options() { return Set.of(); }
    @Override public AcceptPathInfo acceptPathInfo() { throw new UnsupportedOperationException(); }
    @Override public <T> T config(ConfigKey<T> key) { throw new UnsupportedOperationException(); }
    @Override public Map<String, String> notes() { throw new UnsupportedOperationException(); }
    @Override public Map<String, String> subprocessEnv() { throw new UnsupportedOperationException(); }
    @Override public String user() { return null; }
    @Override public void setUser(String user) { throw new UnsupportedOperationException(); }
    @Override public boolean isSubRequest() { return false; }
    @Override public Request redirectedFrom() { return null; }
    @Override public Request finalRequest() { return this; }
    @Override public int status() { return status; }
    @Override public void setStatus(int status) { this.status = status; }
    @Override public Headers headersOut() { return headersOut; }
    @Override public Headers errHeadersOut() { throw new UnsupportedOperationException(); }
    @Override public boolean isCommitted() { return false; }
    @Override public long bytesSent() { return 0; }
    @Override public void pass(Brigade brigade) { throw new UnsupportedOperationException(); }
    @Override public OutputStream outputStream() { throw new UnsupportedOperationException(); }
    @Override public boolean addOutputFilter(String name) { throw new UnsupportedOperationException(); }
    @Override public boolean addInputFilter(String name) { throw new UnsupportedOperationException(); }
    @Override public boolean hasBody() { return false; }
    @Override public void readBody(Brigade into, long maxBytes) { throw new UnsupportedOperationException(); }
    @Override public InputStream bodyStream() { throw new UnsupportedOperationException(); }
    @Override public void discardBody() { throw new UnsupportedOperationException(); }
    @Override public void internalRedirect(String uri) { throw new UnsupportedOperationException(); }
    @Override public Request lookupUri(String uri) { throw new UnsupportedOperationException(); }
    @Override public void onCleanup(AutoCloseable resource) { throw new UnsupportedOperationException(); }
    @Override public String absoluteUrl(String path) { throw new UnsupportedOperationException(); }
}
