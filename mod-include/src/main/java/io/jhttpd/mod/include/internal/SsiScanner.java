package io.jhttpd.mod.include.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds SSI elements ({@code <!--#name attr="value" -->}) in a body that arrives in pieces: a start
 * or end tag may be cut anywhere, so a partly matched start tag is held back until the next piece
 * says whether it is one. Text between elements is handed on as slices of the input, not copied.
 */
final class SsiScanner {

    /** Longest element accepted; beyond it the element is reported as unterminated. */
    static final int MAX_ELEMENT = 64 * 1024;

    /** Receives what the scanner finds, in document order. */
    interface Sink {
        /** Plain text; {@code bytes} may be kept. */
        void text(ByteBuffer bytes) throws IOException;

        /** An element's text between the start and end tag. */
        void element(String body) throws IOException;

        /** The body ended (or the element grew too long) inside an element. */
        void unterminated() throws IOException;
    }

    private final byte[] start;
    private final byte[] end;
    private final int[] startFailure;
    private int matched;
    /** Of the matched start-tag bytes, how many came with earlier input (and were not handed on). */
    private int carried;
    private boolean inElement;
    private byte[] element = new byte[256];
    private int elementLength;

    SsiScanner(String startTag, String endTag) {
        this.start = startTag.getBytes(StandardCharsets.ISO_8859_1);
        this.end = endTag.getBytes(StandardCharsets.ISO_8859_1);
        this.startFailure = failure(start);
    }

    /** Knuth-Morris-Pratt: for each prefix length, the longest proper prefix that is also its suffix. */
    private static int[] failure(byte[] pattern) {
        int[] f = new int[pattern.length + 1];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = f[k];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            f[i + 1] = k;
        }
        return f;
    }

    /** Scans {@code in} (consuming it). */
    void feed(ByteBuffer in, Sink sink) throws IOException {
        int textFrom = in.position();
        while (in.hasRemaining()) {
            byte c = in.get();
            if (inElement) {
                if (elementLength == element.length) {
                    element = java.util.Arrays.copyOf(element, element.length * 2);
                }
                element[elementLength++] = c;
                if (endsWithEndTag()) {
                    inElement = false;
                    textFrom = in.position();
                    String body = new String(element, 0, elementLength - end.length, StandardCharsets.UTF_8);
                    elementLength = 0;
                    sink.element(body);
                } else if (elementLength > MAX_ELEMENT) {
                    inElement = false;
                    elementLength = 0;
                    textFrom = in.position();
                    sink.unterminated();
                }
                continue;
            }
            while (matched > 0 && c != start[matched]) {
                int shorter = startFailure[matched];
                // the window's first bytes are text after all; those from earlier input were held back
                int dropped = matched - shorter;
                int fromEarlier = Math.min(dropped, carried);
                if (fromEarlier > 0) {
                    sink.text(ByteBuffer.wrap(start.clone(), 0, fromEarlier));
                    carried -= fromEarlier;
                }
                matched = shorter;
            }
            if (c == start[matched]) {
                matched++;
            }
            if (matched == start.length) {
                int tagAt = in.position() - (matched - carried);
                emit(in, textFrom, tagAt, sink);
                matched = 0;
                carried = 0;
                inElement = true;
            }
        }
        if (!inElement) {
            emit(in, textFrom, in.limit() - (matched - carried), sink);
            carried = matched;
        }
    }

    /** The body is over: what was held back is text, an open element is unterminated. */
    void finish(Sink sink) throws IOException {
        if (inElement) {
            inElement = false;
            elementLength = 0;
            sink.unterminated();
        } else if (matched > 0) {
            sink.text(ByteBuffer.wrap(start.clone(), 0, matched));
        }
        matched = 0;
        carried = 0;
    }

    private static void emit(ByteBuffer in, int from, int to, Sink sink) throws IOException {
        if (to > from) {
            ByteBuffer slice = in.duplicate();
            slice.limit(to).position(from);
            sink.text(slice.slice());
        }
    }

    private boolean endsWithEndTag() {
        int n = elementLength;
        if (n < end.length) {
            return false;
        }
        for (int i = 0; i < end.length; i++) {
            if (element[n - end.length + i] != end[i]) {
                return false;
            }
        }
        return true;
    }
}
