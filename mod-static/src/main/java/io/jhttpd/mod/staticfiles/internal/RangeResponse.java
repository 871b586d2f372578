package io.jhttpd.mod.staticfiles.internal;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Headers;
import io.jhttpd.api.Request;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * 206 answers, as Apache 2.4's byterange filter makes them (checked against Apache 2.4.71).
 *
 * <pre>
 * one range        206, Content-Range: bytes 1-2/37, Content-Length 2, the bytes
 * several ranges   206, Content-Type: multipart/byteranges; boundary=920035c2ec414d52, Content-Length of it all:
 *                  CRLF "--" boundary CRLF
 *                  "Content-type: " type CRLF            (only when the file has a type)
 *                  "Content-range: bytes 0-3/37" CRLF CRLF
 *                  the bytes ... and at the end: CRLF "--" boundary "--" CRLF
 * </pre>
 *
 * The boundary is a random 64-bit number in hex chosen once per server start, as Apache 2.4.71's
 * (usually 16 digits, fewer when it starts with zeros: Content-Length varies with it).
 * {@code If-Range} lets the ranges through only if it names the current strong ETag exactly, or is
 * exactly the {@code Last-Modified} date of a file changed at least 60 seconds before the request;
 * anything else (weak tags, other dates, junk) asks for the whole file.
 */
final class RangeResponse {

    /** Apache's {@code ap_multipart_boundary}. */
    static final String BOUNDARY = boundary();

    private RangeResponse() {
    }

    /** The ranges to answer for a file, reading {@code Range} and {@code If-Range} in {@code in}. */
    static ByteRanges.Outcome select(Headers in, String etag, long lastModifiedMillis, long requestMillis,
            long size, ByteRanges.Limits limits) {
        String range = in.get("Range");
        if (range == null) {
            return ByteRanges.Outcome.WHOLE;
        }
        String ifRange = in.get("If-Range");
        if (ifRange != null && !ifRangeMatches(ifRange, etag, lastModifiedMillis, requestMillis)) {
            return ByteRanges.Outcome.WHOLE;
        }
        return ByteRanges.parse(range, size, limits);
    }

    static boolean ifRangeMatches(String ifRange, String etag, long lastModifiedMillis, long requestMillis) {
        if (ifRange.startsWith("\"")) {
            return ifRange.equals(etag);
        }
        long date = HttpDate.parse(ifRange);
        long lastModified = Math.floorDiv(lastModifiedMillis, 1000);
        return date != HttpDate.INVALID && date == lastModified && Math.floorDiv(requestMillis, 1000) >= lastModified + 60;
    }

    /** Sends 206 with {@code ranges} (at least one) of a body of {@code size} bytes. */
    static void send(Request r, List<ByteRanges.Range> ranges, long size, FileBody body) throws IOException {
        Headers out = r.headersOut();
        r.setStatus(206);
        Brigade b = new Brigade();
        if (ranges.size() == 1) {
            ByteRanges.Range only = ranges.get(0);
            out.set("Content-Range", contentRange(only, size));
            out.set("Content-Length", Long.toString(only.length()));
            body.append(r, b, only.start(), only.length());
            r.pass(b.add(Bucket.EOS));
            return;
        }
        String type = r.contentType();
        String partHead = "\r\n--" + BOUNDARY + "\r\n" + (type == null ? "" : "Content-type: " + type + "\r\n")
                + "Content-range: ";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        long total = tail.length();
        for (ByteRanges.Range range : ranges) {
            total += partHead.length() + contentRange(range, size).length() + 4 + range.length();
        }
        r.setContentType("multipart/byteranges; boundary=" + BOUNDARY);
        out.set("Content-Length", Long.toString(total));
        for (ByteRanges.Range range : ranges) {
            b.add(Bucket.data((partHead + contentRange(range, size) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
            body.append(r, b, range.start(), range.length());
        }
        b.add(Bucket.data(tail.getBytes(StandardCharsets.ISO_8859_1)));
        r.pass(b.add(Bucket.EOS));
    }

    private static String contentRange(ByteRanges.Range range, long size) {
        return "bytes " + range.start() + "-" + range.end() + "/" + size;
    }

    /** A random 64-bit number in hex, as Apache prints it ({@code %llx}: no leading zeros, so 1 to 16 digits). */
    private static String boundary() {
        return Long.toHexString(new SecureRandom().nextLong());
    }
}
