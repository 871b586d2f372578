package io.jhttpd.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request and its response, as hooks and filters see it (Apache's {@code request_rec}).
 *
 * <p>The kernel fills the request line and headers, then runs the {@link Phase phases}; modules
 * read and set the mapping fields (filename, path info, handler, content type) as the phases go,
 * and the handler produces the body by passing {@link Brigade brigades} into the output filter
 * chain. A request belongs to the worker thread serving it; it is not thread-safe.
 *
 * <p>The handler's usual shape:
 * <pre>{@code
 * r.setContentType("text/plain");
 * r.headersOut().set("Cache-Control", "no-store");
 * r.pass(Brigade.of(Bucket.data("hello\n"), Bucket.EOS));
 * return HookResult.ok();
 * }</pre>
 * If the handler returns without sending end-of-stream, the kernel sends it.
 */
public interface Request {

    // ---- the request as received -------------------------------------------------------------

    /** The method, as sent ({@code GET}, {@code POST}, ...). */
    String method();

    /** True for {@code HEAD}: the response carries headers only (the kernel drops the body). */
    boolean isHead();

    /** The request line as received, without CRLF (for logs: {@code %r}). */
    String requestLine();

    /** The request-target as received, undecoded ({@code /a%20b?x=1}); {@code *} for {@code OPTIONS *}. */
    String unparsedUri();

    /** The path, percent-decoded and normalised (dot segments removed, slashes merged); may be changed by translate hooks. */
    String uri();

    /** Replaces the path ({@link #uri()}); for translate-phase modules. */
    void setUri(String uri);

    /** The query string without {@code ?}, undecoded, or {@code null} if none. */
    String queryString();

    /** Replaces the query string. */
    void setQueryString(String query);

    /** The protocol as sent: {@code HTTP/1.1}, {@code HTTP/1.0}. */
    String protocol();

    /** The request's header fields. */
    Headers headersIn();

    /** The host name the request addressed ({@code Host} without port, or the server name). */
    String hostname();

    /** When the request's first byte arrived, in milliseconds since the epoch. */
    long requestTimeMillis();

    /** {@link System#nanoTime()} when the request's first byte arrived (for durations). */
    long requestStartNanos();

    /** The connection it came on. */
    Connection connection();

    /** The client's IP address as Apache prints it ({@link Connection#remoteIp()}); null without a connection. */
    default String remoteIp() {
        Connection c = connection();
        return c == null ? null : c.remoteIp();
    }

    /** The (virtual) server answering it. */
    Server server();

    // ---- mapping ------------------------------------------------------------------------------

    /** The file the URI maps to, or {@code null} before translation. */
    Path filename();

    /** Sets the file the URI maps to. */
    void setFilename(Path filename);

    /** Attributes of {@link #filename()} if it exists (read during storage mapping), else {@code null}. */
    BasicFileAttributes fileAttributes();

    /** Records attributes of {@link #filename()}; {@code null} means it does not exist. */
    void setFileAttributes(BasicFileAttributes attributes);

    /** Extra path after the file name ({@code /x/y} of {@code /script.cgi/x/y}), or empty. */
    String pathInfo();

    /** Sets the extra path. */
    void setPathInfo(String pathInfo);

    /** The handler name ({@code SetHandler}, {@code AddHandler}), or {@code null} for the default handler. */
    String handler();

    /** Sets the handler name. */
    void setHandler(String handler);

    /** The response's content type, or {@code null} if none is known (no header is then sent). */
    String contentType();

    /** Sets the response's content type. */
    void setContentType(String contentType);

    /** The effective {@code Options} of the directory this request maps to. */
    Set<Option> options();

    /** The effective {@code AcceptPathInfo} setting. */
    AcceptPathInfo acceptPathInfo();

    /** This module's configuration for the request: per-directory keys merged for its location, per-server keys for its server. */
    <T> T config(ConfigKey<T> key);

    /** Per-request notes modules leave for each other (Apache's {@code r->notes}). */
    Map<String, String> notes();

    /** Environment for subprocesses and {@code env=} conditions (Apache's {@code subprocess_env}). */
    Map<String, String> subprocessEnv();

    /** The authenticated user, or {@code null}. */
    String user();

    /** Sets the authenticated user. */
    void setUser(String user);

    /** True for a sub-request made by {@link #lookupUri}. */
    boolean isSubRequest();

    /** The request this one was internally redirected from, or {@code null}. */
    Request redirectedFrom();

    /** The last request in this request's internal-redirect chain (this one if none). */
    Request finalRequest();

    // ---- the response ---------------------------------------------------------------------------

    /** The response status (200 until set). */
    int status();

    /** Sets the response status. */
    void setStatus(int status);

    /** Response header fields sent with a successful response. */
    Headers headersOut();

    /** Response header fields sent even with an error response (Apache's {@code err_headers_out}). */
    Headers errHeadersOut();

    /** True once the status line and headers have gone to the client. */
    boolean isCommitted();

    /** Body bytes sent to the client so far (without headers and chunk framing). */
    long bytesSent();

    /**
     * Bytes of this request read off the connection so far: request line, header fields and the
     * body as consumed, chunk framing included (mod_logio's {@code %I}); -1 if the server does
     * not count them.
     */
    default long bytesReceived() {
        return -1;
    }

    /**
     * Bytes of this response handed to the connection so far: status line, header fields, body and
     * chunk framing (mod_logio's {@code %O}); -1 if the server does not count them.
     */
    default long bytesWritten() {
        return -1;
    }

    /** The trailer fields that ended a chunked request body, or {@code null} if none were read. */
    default Headers trailersIn() {
        return null;
    }

    /** Passes {@code brigade} into the top of this request's output filter chain. */
    void pass(Brigade brigade) throws IOException;

    /** Writes {@code text} (UTF-8) as a data bucket. */
    default void write(String text) throws IOException {
        pass(Brigade.of(Bucket.data(text)));
    }

    /** An output stream feeding the filter chain; {@code flush()} sends a flush bucket, {@code close()} end-of-stream. */
    OutputStream outputStream();

    /** Adds the registered output filter {@code name} to this request's chain; false if no such filter. */
    boolean addOutputFilter(String name);

    /** Adds the registered input filter {@code name} to this request's chain; false if no such filter. */
    boolean addInputFilter(String name);

    // ---- the request body -----------------------------------------------------------------------

    /** True if the request announces a body ({@code Content-Length} &gt; 0 or chunked). */
    boolean hasBody();

    /**
     * Reads up to {@code maxBytes} of the body through the input filters into {@code into}; an
     * end-of-stream bucket is appended when the body is over. Sends {@code 100 Continue} first if
     * the client asked for it.
     */
    void readBody(Brigade into, long maxBytes) throws IOException;

    /** The body as a stream (through the input filters); a body error surfaces as {@link BodyException}. */
    InputStream bodyStream();

    /** Reads and drops what is left of the body. */
    void discardBody() throws IOException;

    // ---- kernel services --------------------------------------------------------------------------

    /**
     * Runs the request again for {@code uri} (path with optional query), as Apache's internal
     * redirect: the new request sees {@code REDIRECT_*} variables and answers the client; the
     * calling handler then returns {@link HookResult#ok()}.
     */
    void internalRedirect(String uri) throws IOException;

    /** Maps {@code uri} through the phases up to fixups, without running a handler (Apache's sub-request lookup). */
    Request lookupUri(String uri);

    /** Registers {@code resource} to be closed when the request is over (Apache's pool cleanup). */
    void onCleanup(AutoCloseable resource);

    /** Builds an absolute URL for {@code path} on this server, as Apache's {@code ap_construct_url}. */
    String absoluteUrl(String path);

    /**
     * Like {@link #internalRedirect(String)}, but with {@code asGet} the new request is a
     * {@code GET} without {@code Content-Length}, whatever this one was: what Apache does for a CGI
     * script's local {@code Location} (the body went to the script already).
     */
    default void internalRedirect(String uri, boolean asGet) throws IOException {
        if (asGet) {
            throw new UnsupportedOperationException("internal redirect as GET");
        }
        internalRedirect(uri);
    }

    /**
     * The port this server calls itself by for this request, as Apache's {@code ap_get_server_port}
     * (CGI's {@code SERVER_PORT}, self-referential URLs): under {@code UseCanonicalName Off}, the
     * port the client asked for in {@code Host}, else the {@code ServerName} port, else 80.
     */
    default int serverPort() {
        return server().port() != 0 ? server().port() : 80;
    }

    /**
     * Takes the response out of the protocol's hands, as Apache does for an NPH CGI script: the
     * request's resource, content-set, protocol and transcode output filters are removed (no status
     * line, headers or framing are added), so what is passed from now on reaches the connection
     * as is; the connection closes after this response. Call it before passing anything.
     */
    default void removeProtocolFilters() {
        throw new UnsupportedOperationException("removeProtocolFilters");
    }

    /**
     * Runs this sub-request's handler (one made by {@link #lookupUri}), as Apache's
     * {@code ap_run_sub_req}: the sub-request's own filters (resource and content-set bands, from
     * its configuration) are inserted, its handler runs, and its body is delivered to {@code into},
     * usually the calling filter's {@link OutputFilter.Next}, so it lands in the parent's chain
     * below that filter. The sub-request has no protocol: its status line, headers, framing and
     * length never reach the client, and its end-of-stream and error buckets stay in it. It is
     * not logged. Call it at most once.
     *
     * <pre>{@code
     * Request sub = next.request().lookupUri("/part.html");
     * if (sub.status() != 200 || sub.runSubRequest(next) != 0) { ... write an error message ... }
     * }</pre>
     *
     * @return 0 if the sub-request answered, else the HTTP status it failed with (its lookup's
     *         status, or what its handler returned)
     */
    default int runSubRequest(OutputFilter.Next into) throws IOException {
        throw new UnsupportedOperationException("runSubRequest");
    }
}
