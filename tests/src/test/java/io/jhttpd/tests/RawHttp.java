package io.jhttpd.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket HTTP/1.1 client for protocol edge cases: sends bytes exactly as given and reads
 * responses strictly (status line, header fields, then the body framed by Content-Length,
 * chunked coding — checked byte by byte — or the connection's end).
 */
final class RawHttp implements AutoCloseable {

    /** One parsed response. */
    static final class Response {
        final String statusLine;
        final int status;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];

        Response(String statusLine) {
            this.statusLine = statusLine;
            String[] parts = statusLine.split(" ", 3);
            this.status = Integer.parseInt(parts[1]);
        }

        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return statusLine + " " + headers;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads one response to a request that was not HEAD. */
    Response read() throws IOException {
        return read(false);
    }

    /** Reads one response; {@code head} says it answers a HEAD request (no body follows). */
    Response read(boolean head) throws IOException {
        String line = line();
        if (line == null) {
            throw new IOException("connection closed before a response");
        }
        while (line.startsWith("HTTP/1.1 1") && !line.startsWith("HTTP/1.1 101")) {
            Response interim = parseHead(line);
            if (interim.status != 100) {
                return interim;
            }
            line = line();
        }
        Response r = parseHead(line);
        if (head || r.status == 204 || r.status == 304) {
            return r;
        }
        String te = r.header("Transfer-Encoding");
        String cl = r.header("Content-Length");
        if (te != null) {
            if (!te.equalsIgnoreCase("chunked")) {
                throw new IOException("unexpected Transfer-Encoding " + te);
            }
            r.body = readChunked();
        } else if (cl != null) {
            r.body = in.readNBytes(Integer.parseInt(cl));
            if (r.body.length != Integer.parseInt(cl)) {
                throw new IOException("body shorter than Content-Length: " + r.body.length + " of " + cl);
            }
        } else {
            r.body = in.readAllBytes();
        }
        return r;
    }

    /** Reads an interim or final response head only. */
    Response readHeadOnly() throws IOException {
        String line = line();
        if (line == null) {
            throw new IOException("connection closed before a response");
        }
        return parseHead(line);
    }

    private Response parseHead(String statusLine) throws IOException {
        if (!statusLine.matches("HTTP/1\\.1 \\d{3} .*")) {
            throw new IOException("bad status line: " + statusLine);
        }
        Response r = new Response(statusLine);
        String h;
        while (!(h = line()).isEmpty()) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad header line: " + h);
            }
            r.headers.computeIfAbsent(h.substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(h.substring(colon + 1).trim());
        }
        return r;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            if (size == null || !size.matches("[0-9a-fA-F]+")) {
                throw new IOException("bad chunk size line: " + size);
            }
            int n = Integer.parseInt(size, 16);
            if (n == 0) {
                String end = line();
                if (!end.isEmpty()) {
                    throw new IOException("trailers not expected: " + end);
                }
                return body.toByteArray();
            }
            byte[] data = in.readNBytes(n);
            if (data.length != n) {
                throw new IOException("chunk cut short");
            }
            body.write(data);
            if (in.read() != '\r' || in.read() != '\n') {
                throw new IOException("chunk data not followed by CRLF");
            }
        }
    }

    /** A CRLF-terminated line (a bare LF is an error), or null at end of stream. */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("CR not followed by LF");
                }
                return b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c == '\n') {
                throw new IOException("bare LF in response head");
            }
            b.write(c);
        }
    }

    /** True if the server closed the connection (end of stream within the timeout). */
    boolean isClosedByServer(int waitMillis) throws IOException {
        socket.setSoTimeout(waitMillis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Everything the server still sends until it closes the connection (end of stream or reset),
     * waiting at most {@code maxWaitMillis} in all; a {@link SocketTimeoutException} if it has not
     * closed by then. After a refused request the answer must be an empty array: nothing more was
     * answered on this connection.
     */
    byte[] readUntilClosed(int maxWaitMillis) throws IOException {
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000L;
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new SocketTimeoutException("server did not close the connection within " + maxWaitMillis
                        + " ms; received meanwhile: " + rest.toString(StandardCharsets.ISO_8859_1));
            }
            socket.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return rest.toByteArray();
            }
            if (n < 0) {
                return rest.toByteArray();
            }
            rest.write(buf, 0, n);
        }
    }

    /** Reads exactly {@code into.length} raw bytes (fewer only at end of stream); returns how many were read. */
    int readBytes(byte[] into) throws IOException {
        return in.readNBytes(into, 0, into.length);
    }

    /** Sends {@code text}, ignoring a failure: the server may already have closed the connection. */
    boolean trySend(String text) {
        try {
            send(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
