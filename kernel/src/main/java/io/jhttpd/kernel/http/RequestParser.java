package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;
import java.nio.ByteBuffer;

/**
 * Incremental parser of one request head (request line and header fields, RFC 9112 §2–5), with
 * Apache 2.4's {@code HttpProtocolOptions Strict} rules.
 *
 * <p>It is fed {@code ByteBuffer}s split anywhere, so the same code serves blocking MPMs (read,
 * parse, repeat) and the event MPM (parse whatever the selector delivered). Whatever the split,
 * the outcome is the same head or the same error status. It never consumes past the head's final
 * CRLF, so pipelined bytes (the body, the next request) stay in the caller's buffer. One parser
 * serves a whole connection: {@link #reset()} readies it for the next request, and the line buffer
 * it keeps is reused, so a request costs no garbage beyond its own head.
 *
 * <p>Statuses follow Apache (checked against Apache 2.4 with its defaults): malformed lines 400,
 * request line over {@code LimitRequestLine} 414, field line over {@code LimitRequestFieldSize}
 * 400, more than {@code LimitRequestFields} fields 400, HTTP/1.1 without one valid Host 400. On
 * purpose stricter than Apache: obs-fold lines, HTTP/0.9 requests and HTTP versions 2 and above
 * (505) are refused, since each is a way to make a proxy in front and this server disagree.
 *
 * <p>Not thread-safe: a parser belongs to one connection.
 */
public final class RequestParser {

    /** Apache's DEFAULT_LIMIT_BLANK_LINES: empty lines tolerated before a request line. */
    static final int MAX_BLANK_LINES = 10;

    private enum State { REQUEST_LINE, FIELDS, DONE, FAILED }

    private final RequestLimits limits;
    private final LineBuffer line = new LineBuffer();
    private State state = State.REQUEST_LINE;
    private int blankLines;
    private int fieldCount;
    private BadRequestException failure;

    private String requestLine;
    private String rawRequestLine;
    private String method;
    private String target;
    private String protocol;
    private int major;
    private int minor;
    private TargetForm targetForm;
    private Headers headers;
    private RequestHead head;

    /** A parser enforcing {@code limits}. */
    public RequestParser(RequestLimits limits) {
        if (limits == null) {
            throw new NullPointerException("limits");
        }
        this.limits = limits;
    }

    /**
     * Consumes bytes of {@code buf} (advancing its position) up to the end of the head or of
     * {@code buf}.
     *
     * @return true once the head is complete; the position then sits on the first byte after it
     *         (body or next request). Calling again after that returns true and consumes nothing.
     * @throws BadRequestException if the bytes cannot be a valid head; the same exception is thrown
     *         again by later calls until {@link #reset()}
     */
    public boolean parse(ByteBuffer buf) throws BadRequestException {
        if (state == State.DONE) {
            return true;
        }
        if (state == State.FAILED) {
            throw failure;
        }
        try {
            while (buf.hasRemaining()) {
                if (state == State.REQUEST_LINE) {
                    int r = line.fill(buf, limits.maxRequestLine() + 1);
                    if (r == LineBuffer.TOO_LONG) {
                        throw new BadRequestException(414, "Request line exceeds LimitRequestLine ("
                                + limits.maxRequestLine() + ")");
                    }
                    if (r == LineBuffer.NEED_MORE) {
                        return false;
                    }
                    requestLine(line.contentLength("Request line"));
                } else {
                    int r = line.fill(buf, limits.maxFieldSize() + 1);
                    if (r == LineBuffer.TOO_LONG) {
                        throw new BadRequestException(400, "Size of a request header field exceeds server limit"
                                + " (LimitRequestFieldSize " + limits.maxFieldSize() + ")");
                    }
                    if (r == LineBuffer.NEED_MORE) {
                        return false;
                    }
                    if (fieldLine(line.contentLength("Request header field"))) {
                        return true;
                    }
                }
                line.clear();
            }
            return false;
        } catch (BadRequestException e) {
            failure = e;
            state = State.FAILED;
            throw e;
        }
    }

    /** The parsed head; valid after {@link #parse} returned true, else {@code IllegalStateException}. */
    public RequestHead head() {
        if (head == null) {
            throw new IllegalStateException("request head not complete");
        }
        return head;
    }

    /**
     * True once any byte of a request other than ignorable leading empty lines was consumed: a
     * connection that closes or times out before that never sent a request (Apache then logs
     * nothing and answers nothing), after it the client is owed a 400 or 408.
     */
    public boolean hasStarted() {
        if (state != State.REQUEST_LINE) {
            return true;
        }
        int n = line.length();
        return n > 1 || (n == 1 && line.bytes()[0] != FieldSyntax.CR);
    }

    /**
     * The request line as the client sent it (without CRLF), whether or not it was valid, for
     * logging a refused request as Apache does; the bytes so far if the line never ended; empty
     * if nothing was sent.
     */
    public String requestLineForLog() {
        if (rawRequestLine != null) {
            return rawRequestLine;
        }
        int n = line.length();
        while (n > 0 && (line.bytes()[n - 1] == FieldSyntax.CR || line.bytes()[n - 1] == '\n')) {
            n--;
        }
        return state == State.REQUEST_LINE || state == State.FAILED ? FieldSyntax.latin1(line.bytes(), 0, Math.min(n, 8190)) : "";
    }

    /** Readies the parser for the next request on the connection. */
    public void reset() {
        state = State.REQUEST_LINE;
        line.clear();
        blankLines = 0;
        fieldCount = 0;
        failure = null;
        requestLine = null;
        rawRequestLine = null;
        method = null;
        target = null;
        protocol = null;
        targetForm = null;
        headers = null;
        head = null;
    }

    private void requestLine(int n) throws BadRequestException {
        byte[] a = line.bytes();
        if (n > 0) {
            // kept before it is checked, so a refused request is still logged with what it sent
            rawRequestLine = FieldSyntax.latin1(a, 0, n);
        }
        if (n == 0) {
            // Some clients send a CRLF after a POST body (RFC 9112 §2.2); Apache skips ten.
            if (++blankLines > MAX_BLANK_LINES) {
                throw new BadRequestException(400, "HTTP Request Line; Invalid method token: ''"
                        + " (more than " + MAX_BLANK_LINES + " empty lines before the request line)");
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            byte b = a[i];
            if (FieldSyntax.isCtl(b)) {
                throw rl(b == FieldSyntax.HTAB || b == FieldSyntax.CR
                        ? "Invalid whitespace" : "Invalid control character", a, n);
            }
        }
        int sp1 = indexOf(a, FieldSyntax.SP, 0, n);
        if (sp1 < 0) {
            throw rl("Missing request-target", a, n);
        }
        int sp2 = indexOf(a, FieldSyntax.SP, sp1 + 1, n);
        if (sp2 < 0) {
            // Apache would answer HTTP/0.9 here (its default Allow0.9); 0.9 responses have no
            // status line or headers, so we refuse them, as HttpProtocolOptions Require1.0 does.
            throw rl("HTTP/0.9 requests (no HTTP-version) are not supported", a, n);
        }
        if (sp1 == 0 || sp2 == sp1 + 1 || sp2 == n - 1 || indexOf(a, FieldSyntax.SP, sp2 + 1, n) >= 0) {
            throw rl("Excess whitespace (disallowed by HttpProtocolOptions Strict)", a, n);
        }
        if (!FieldSyntax.isToken(a, 0, sp1)) {
            throw rl("Invalid method token", a, n);
        }
        if (indexOf(a, (byte) '#', sp1 + 1, sp2) >= 0) {
            throw rl("URI must not contain a fragment", a, n);
        }
        if (n - sp2 - 1 != 8 || a[sp2 + 1] != 'H' || a[sp2 + 2] != 'T' || a[sp2 + 3] != 'T' || a[sp2 + 4] != 'P'
                || a[sp2 + 5] != '/' || !isDigit(a[sp2 + 6]) || a[sp2 + 7] != '.' || !isDigit(a[sp2 + 8])
                || a[sp2 + 6] == '0') {
            throw rl("Unrecognized protocol", a, n);
        }
        major = a[sp2 + 6] - '0';
        minor = a[sp2 + 8] - '0';
        requestLine = rawRequestLine;
        if (major >= 2) {
            // Apache 2.4 serves "HTTP/2.0" as if it were 1.x; RFC 9110 §15.6.6 has 505 for a major
            // version we do not speak, which also stops "PRI * HTTP/2.0" prefaces early.
            throw new BadRequestException(505, "HTTP Request Line; unsupported HTTP major version: "
                    + requestLine.substring(sp2 + 1));
        }
        method = FieldSyntax.token(a, 0, sp1);
        target = requestLine.substring(sp1 + 1, sp2);
        protocol = FieldSyntax.token(a, sp2 + 1, n);
        targetForm = TargetForm.of(method, a, sp1 + 1, sp2);
        headers = new Headers();
        fieldCount = 0;
        state = State.FIELDS;
    }

    /** Handles one field line; returns true when it was the empty line ending the head. */
    private boolean fieldLine(int n) throws BadRequestException {
        if (n == 0) {
            finishHead();
            return true;
        }
        if (++fieldCount > limits.maxFields()) {
            throw new BadRequestException(400, "Number of request header fields exceeds server limit"
                    + " (LimitRequestFields " + limits.maxFields() + ")");
        }
        FieldSyntax.addFieldLine(line.bytes(), n, headers, "header");
        return false;
    }

    private void finishHead() throws BadRequestException {
        String host = null;
        int hosts = 0;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.nameAt(i).equalsIgnoreCase("Host")) {
                host = headers.valueAt(i);
                hosts++;
            }
        }
        if (hosts > 1) {
            // RFC 9112 §3.2: 400 for more than one Host line (Apache merges them into "a, b",
            // which its host check then refuses).
            throw new BadRequestException(400, "Client sent more than one Host header field");
        }
        boolean http11 = major > 1 || minor >= 1;
        if (targetForm == TargetForm.ORIGIN || targetForm == TargetForm.ASTERISK) {
            if (host == null || host.isEmpty()) {
                if (http11) {
                    throw new BadRequestException(400, "client sent HTTP/1.1 request without hostname: " + target);
                }
            } else if (!HostField.isValid(host)) {
                throw new BadRequestException(400, "Client sent malformed Host header: " + host);
            }
        } else if (host == null && http11) {
            // The target names the host and Host is ignored (RFC 9112 §3.2.2), but must still be sent.
            throw new BadRequestException(400, "client sent HTTP/1.1 request without hostname: " + target);
        }
        head = new RequestHead(requestLine, method, target, protocol, major, minor, targetForm, headers);
        state = State.DONE;
    }

    private static int indexOf(byte[] a, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static BadRequestException rl(String what, byte[] a, int n) {
        return new BadRequestException(400, "HTTP Request Line; " + what + ": '"
                + FieldSyntax.printable(a, 0, n) + "'");
    }
}
