package io.jhttpd.mod.fcgi.internal;

import io.jhttpd.api.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The CGI-style header block at the start of a FastCGI application's STDOUT, gathered across
 * records until the blank line, then read as Apache's {@code ap_scan_script_header_err} does:
 * {@code Status}, {@code Location}, {@code Content-Type} and the other fields. Lines end with LF
 * or CRLF.
 */
final class ResponseHead {

    /** A header block larger than this is not a header block (Apache's limit is 8 KiB per line). */
    static final int MAX_HEAD = 64 * 1024;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private int status;
    private String location;
    private String contentType;
    private final Headers fields = new Headers();
    private boolean complete;

    /**
     * Takes {@code len} bytes of STDOUT from {@code off}; returns how many belong to the head
     * (the rest start the body), or -1 if all did and the head is not over yet.
     */
    int feed(byte[] b, int off, int len) throws MalformedRecordException {
        int start = bytes.size();
        bytes.write(b, off, len);
        byte[] all = bytes.toByteArray();
        int end = headEnd(all, Math.max(0, start - 3));
        if (end < 0) {
            if (all.length > MAX_HEAD) {
                throw new MalformedRecordException("response header block longer than " + MAX_HEAD + " bytes");
            }
            return -1;
        }
        parse(new String(all, 0, end, StandardCharsets.ISO_8859_1));
        complete = true;
        return end - start;
    }

    /** Index just past the blank line ending the head, or -1. */
    private static int headEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] != '\n') {
                continue;
            }
            if (i == 0) {
                return 1;
            }
            if (b[i - 1] == '\n') {
                return i + 1;
            }
            if (b[i - 1] == '\r' && (i == 1 || b[i - 2] == '\n')) {
                return i + 1;
            }
        }
        return -1;
    }

    private void parse(String head) throws MalformedRecordException {
        int start = 0;
        while (start < head.length()) {
            int nl = head.indexOf('\n', start);
            int end = nl < 0 ? head.length() : nl;
            String line = head.substring(start, end > start && head.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedRecordException("malformed header from backend: '" + abbreviate(line) + "'");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = parseStatus(value);
            } else if (name.equalsIgnoreCase("Location")) {
                location = value;
                fields.set("Location", value);
            } else if (name.equalsIgnoreCase("Content-Type")) {
                contentType = value;
            } else if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")
                    || name.equalsIgnoreCase("Connection") || name.equalsIgnoreCase("Keep-Alive")) {
                // the server frames the body itself (Apache 2.4.59 drops these from CGI-like output too)
                continue;
            } else {
                fields.add(name, value);
            }
        }
    }

    private static int parseStatus(String value) throws MalformedRecordException {
        if (value.length() >= 3) {
            try {
                int s = Integer.parseInt(value.substring(0, 3));
                if (s >= 100 && s <= 599 && (value.length() == 3 || value.charAt(3) == ' ')) {
                    return s;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new MalformedRecordException("invalid Status header from backend: '" + abbreviate(value) + "'");
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    boolean isComplete() {
        return complete;
    }

    /** The {@code Status} header's code, or 0 if none was sent. */
    int status() {
        return status;
    }

    String location() {
        return location;
    }

    String contentType() {
        return contentType;
    }

    /** The fields other than Status and Content-Type, in order. */
    Headers fields() {
        return fields;
    }
}
