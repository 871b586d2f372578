package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.Request;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request body on its way to a FastCGI application, with the length to announce in
 * {@code CONTENT_LENGTH}. A body with {@code Content-Length} streams straight from the client; a
 * chunked one is spooled first (in memory up to 64 KiB, then in a temporary file), because
 * php-fpm and php-cgi ignore a body whose length they are not told (Apache's {@code proxy-sendcl},
 * mod_fcgid's behaviour).
 */
final class RequestBody implements Closeable {

    private static final int IN_MEMORY = 64 * 1024;

    private final InputStream stream;
    private final long length;
    private final Path spoolFile;

    private RequestBody(InputStream stream, long length, Path spoolFile) {
        this.stream = stream;
        this.length = length;
        this.spoolFile = spoolFile;
    }

    /** The body of {@code r}, spooled if it is chunked. Reading it may fail with the client's {@link io.jhttpd.api.BodyException}. */
    static RequestBody of(Request r) throws IOException {
        if (!r.hasBody()) {
            return new RequestBody(InputStream.nullInputStream(), 0, null);
        }
        String declared = r.headersIn().get("Content-Length");
        if (declared != null) {
            return new RequestBody(r.bodyStream(), Long.parseLong(declared.trim()), null);
        }
        InputStream in = r.bodyStream();
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            memory.write(buf, 0, n);
            if (memory.size() > IN_MEMORY) {
                return spoolToFile(memory, in, buf);
            }
        }
        return new RequestBody(new ByteArrayInputStream(memory.toByteArray()), memory.size(), null);
    }

    private static RequestBody spoolToFile(ByteArrayOutputStream head, InputStream rest, byte[] buf) throws IOException {
        Path file = Files.createTempFile("jhttpd-fcgi-body", ".tmp");
        try {
            long length = head.size();
            try (OutputStream out = Files.newOutputStream(file)) {
                head.writeTo(out);
                int n;
                while ((n = rest.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    length += n;
                }
            }
            return new RequestBody(Files.newInputStream(file), length, file);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    InputStream stream() {
        return stream;
    }

    /** The body's length in bytes. */
    long length() {
        return length;
    }

    @Override
    public void close() throws IOException {
        if (spoolFile != null) {
            stream.close();
            Files.deleteIfExists(spoolFile);
        }
    }
}
