package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.AcceptPathInfo;
import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.ConfigKey;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Option;
import io.jhttpd.api.Request;
import io.jhttpd.api.Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** A request as the kernel would hand it to the module's hooks, without a kernel: fields set by the test. */
final class FakeRequest implements Request {

    String method = "GET";
    String uri = "/";
    String query;
    String protocol = "HTTP/1.1";
    final Headers headersIn = new Headers();
    long requestTimeMillis = System.currentTimeMillis();
    Path filename;
    BasicFileAttributes attributes;
    String pathInfo = "";
    String handler;
    String contentType;
    AcceptPathInfo acceptPathInfo = AcceptPathInfo.DEFAULT;
    final Map<ConfigKey<?>, Object> config = new HashMap<>();
    final Map<String, String> notes = new HashMap<>();
    final Map<String, String> env = new HashMap<>();
    int status = 200;
    final Headers headersOut = new Headers();
    final Headers errHeadersOut = new Headers();
    final List<Bucket> passed = new ArrayList<>();
    final List<AutoCloseable> cleanups = new ArrayList<>();
    final List<String> lookups = new ArrayList<>();
    String redirectedTo;
    int bodyDiscards;
    boolean subRequest;
    IOException discardFailure;
    Function<String, Request> subRequests = u -> {
        FakeRequest sub = new FakeRequest();
        sub.status = 404;
        return sub;
    };

    FakeRequest() {
    }

    /** A GET for {@code uri} that the kernel mapped to {@code file} (attributes read now; null if missing). */
    static FakeRequest forFile(String uri, Path file) {
        FakeRequest r = new FakeRequest();
        r.uri = uri;
        r.mapTo(file);
        return r;
    }

    FakeRequest mapTo(Path file) {
        filename = file;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            attributes = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    <T> FakeRequest with(ConfigKey<T> key, T value) {
        config.put(key, value);
        return this;
    }

    /** Everything passed, in order. */
    List<Bucket> passed() {
        return passed;
    }

    @Override public String method() { return method; }
    @Override public boolean isHead() { return "HEAD".equals(method); }
    @Override public String requestLine() { return method + " " + unparsedUri() + " " + protocol; }
    @Override public String unparsedUri() { return uri + (query == null ? "" : "?" + query); }
    @Override public String uri() { return uri; }
    @Override public void setUri(String uri) { this.uri = uri; }
    @Override public String queryString() { return query; }
    @Override public void setQueryString(String query) { this.query = query; }
    @Override public String protocol() { return protocol; }
    @Override public Headers headersIn() { return headersIn; }
    @Override public String hostname() { return "localhost"; }
    @Override public long requestTimeMillis() { return requestTimeMillis; }
    @Override public long requestStartNanos() { return 0; }
    @Override public Connection connection() { return null; }
    @Override public Server server() { return null; }
    @Override public Path filename() { return filename; }
    @Override public void setFilename(Path filename) { this.filename = filename; }
    @Override public BasicFileAttributes fileAttributes() { return attributes; }
    @Override public void setFileAttributes(BasicFileAttributes attributes) { this.attributes = attributes; }
    @Override public String pathInfo() { return pathInfo; }
    @Override public void setPathInfo(String pathInfo) { this.pathInfo = pathInfo; }
    @Override public String handler() { return handler; }
    @Override public void setHandler(String handler) { this.handler = handler; }
    @Override public String contentType() { return contentType; }
    @Override public void setContentType(String contentType) { this.contentType = contentType; }
    @Override public Set<Option> options() { return EnumSet.of(Option.FOLLOW_SYMLINKS); }
    @Override public AcceptPathInfo acceptPathInfo() { return acceptPathInfo; }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T config(ConfigKey<T> key) {
        return (T) config.computeIfAbsent(key, k -> k.create());
    }

    @Override public Map<String, String> notes() { return notes; }
    @Override public Map<String, String> subprocessEnv() { return env; }
    @Override public String user() { return null; }
    @Override public void setUser(String user) { }
    @Override public boolean isSubRequest() { return subRequest; }
    @Override public Request redirectedFrom() { return null; }
    @Override public Request finalRequest() { return this; }
    @Override public int status() { return status; }
    @Override public void setStatus(int status) { this.status = status; }
    @Override public Headers headersOut() { return headersOut; }
    @Override public Headers errHeadersOut() { return errHeadersOut; }
    @Override public boolean isCommitted() { return false; }
    @Override public long bytesSent() { return 0; }

    @Override
    public void pass(Brigade brigade) {
        Bucket b;
        while ((b = brigade.poll()) != null) {
            passed.add(b);
        }
    }

    @Override public OutputStream outputStream() { throw new UnsupportedOperationException(); }
    @Override public boolean addOutputFilter(String name) { return false; }
    @Override public boolean addInputFilter(String name) { return false; }
    @Override public boolean hasBody() { return false; }
    @Override public void readBody(Brigade into, long maxBytes) { into.add(Bucket.EOS); }
    @Override public InputStream bodyStream() { return InputStream.nullInputStream(); }

    @Override
    public void discardBody() throws IOException {
        bodyDiscards++;
        if (discardFailure != null) {
            throw discardFailure;
        }
    }

    @Override
    public void internalRedirect(String uri) {
        redirectedTo = uri;
    }

    @Override
    public Request lookupUri(String uri) {
        lookups.add(uri);
        return subRequests.apply(uri);
    }

    @Override public void onCleanup(AutoCloseable resource) { cleanups.add(resource); }
    @Override public String absoluteUrl(String path) { return "http://localhost:8080" + path; }

    /** Runs the cleanups, as the kernel does when the request ends. */
    void end() throws Exception {
        for (AutoCloseable c : cleanups) {
            c.close();
        }
    }
}
