package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;

/**
 * A parsed request line and its header fields: what {@link RequestParser} hands the engine once a
 * head is complete and valid.
 *
 * <p>Strings hold the bytes as sent, one char per byte (ISO-8859-1): the target may carry raw
 * bytes 0x80–0xFF (Apache accepts them, and clients send raw UTF-8 paths), so code that decodes
 * the path must turn it back into bytes with ISO-8859-1 before percent-decoding and reading it as
 * UTF-8. The header set is the request's own and may be changed by later phases; trailers of a
 * chunked body are never merged into it (CVE-2013-5704).
 */
public final class RequestHead {

    private final String requestLine;
    private final String method;
    private final String target;
    private final String protocol;
    private final int major;
    private final int minor;
    private final TargetForm targetForm;
    private final Headers headers;

    RequestHead(String requestLine, String method, String target, String protocol, int major, int minor,
            TargetForm targetForm, Headers headers) {
        this.requestLine = requestLine;
        this.method = method;
        this.target = target;
        this.protocol = protocol;
        this.major = major;
        this.minor = minor;
        this.targetForm = targetForm;
        this.headers = headers;
    }

    /** The method token, case as sent ({@code GET}; {@code get} is a different, unknown method). */
    public String method() {
        return method;
    }

    /** The request-target exactly as sent. */
    public String target() {
        return target;
    }

    /** Which of the four request-target forms {@link #target()} has. */
    public TargetForm targetForm() {
        return targetForm;
    }

    /** The HTTP-version as sent, e.g. {@code HTTP/1.1}. */
    public String protocol() {
        return protocol;
    }

    /** The major version digit. */
    public int major() {
        return major;
    }

    /** The minor version digit. */
    public int minor() {
        return minor;
    }

    /** The request line without its CRLF, as sent (for logs: Apache's {@code %r}). */
    public String requestLine() {
        return requestLine;
    }

    /** The header fields in order received, names as spelled, values without surrounding whitespace. */
    public Headers headers() {
        return headers;
    }

    /** True for HTTP/1.1 and later 1.x minors, whose rules (Host required, persistent by default) apply. */
    public boolean isHttp11OrLater() {
        return major > 1 || (major == 1 && minor >= 1);
    }

    @Override
    public String toString() {
        return requestLine;
    }
}
