package io.jhttpd.kernel.http;

import io.jhttpd.api.Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Test fixture: reads a connection's bytes into requests the way the engine will (head, framing,
 * body, next request), from the input cut into pieces at given offsets. Checks the codec's
 * buffer contract as it goes: no call consumes past its buffer or changes its limit, and a call
 * that asks for more input has consumed everything it was given.
 */
final class ConnectionReader {

    /** One request as read: its head, framing and body, trailers for a chunked body. */
    record Message(String requestLine, String method, String target, String protocol, List<Headers.Field> headers,
            BodyFraming.Kind kind, byte[] body, List<Headers.Field> trailers) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Message m && requestLine.equals(m.requestLine) && method.equals(m.method)
                    && target.equals(m.target) && protocol.equals(m.protocol) && headers.equals(m.headers)
                    && kind == m.kind && Arrays.equals(body, m.body) && trailers.equals(m.trailers);
        }

        @Override
        public int hashCode() {
            return requestLine.hashCode();
        }

        @Override
        public String toString() {
            return requestLine + " " + headers + " " + kind + " body=" + body.length + "B trailers=" + trailers;
        }
    }

    /**
     * What reading the whole input gave: the requests read, then either an error status or how
     * the input ended (between requests, inside a head, or inside a body).
     */
    record Outcome(List<Message> messages, int errorStatus, boolean endedInHead, boolean endedInBody) {
        static final int NO_ERROR = 0;
    }

    private final RequestLimits limits;
    private final long maxRead;

    ConnectionReader(RequestLimits limits, long maxRead) {
        this.limits = limits;
        this.maxRead = maxRead;
    }

    ConnectionReader() {
        this(RequestLimits.APACHE_DEFAULTS, Long.MAX_VALUE);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code input} in one piece. */
    Outcome read(byte[] input) {
        return read(input, new int[0]);
    }

    /** {@code input} cut at {@code cuts} (any order, out-of-range and duplicate offsets ignored). */
    Outcome read(byte[] input, int[] cuts) {
        Deque<ByteBuffer> pieces = new ArrayDeque<>();
        int[] sorted = Arrays.stream(cuts).filter(c -> c > 0 && c < input.length).distinct().sorted().toArray();
        int from = 0;
        for (int c : sorted) {
            pieces.add(piece(input, from, c, pieces.size()));
            from = c;
        }
        pieces.add(piece(input, from, input.length, pieces.size()));
        return read(pieces);
    }

    /** {@code input} cut into pieces of the given sizes, used in turn and repeated until the input is covered. */
    Outcome readInPieces(byte[] input, List<Integer> pieceSizes) {
        List<Integer> cuts = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < input.length; i++) {
            at += Math.max(1, pieceSizes.get(i % pieceSizes.size()));
            cuts.add(at);
        }
        return read(input, cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * One piece, framed so that the codec must honour position and limit: junk that would parse
     * (CR, LF, hex) sits before and after it, and every other piece is a direct buffer.
     */
    static ByteBuffer piece(byte[] input, int from, int to, int index) {
        int n = to - from;
        byte[] padded = new byte[n + 6];
        Arrays.fill(padded, (byte) '\r');
        padded[1] = '\n';
        padded[n + 4] = '0';
        padded[n + 5] = '\n';
        System.arraycopy(input, from, padded, 3, n);
        if (index % 2 == 1) {
            ByteBuffer direct = ByteBuffer.allocateDirect(padded.length);
            direct.put(padded).position(3).limit(3 + n);
            return direct;
        }
        return ByteBuffer.wrap(padded, 3, n);
    }

    private Outcome read(Deque<ByteBuffer> pieces) {
        List<Message> messages = new ArrayList<>();
        RequestParser parser = new RequestParser(limits);
        ChunkedDecoder decoder = new ChunkedDecoder(limits.maxFieldSize(), limits.maxFields());
        try {
            while (true) {
                parser.reset();
                while (true) {
                    ByteBuffer b = next(pieces);
                    if (b == null) {
                        return new Outcome(messages, Outcome.NO_ERROR, parser.hasStarted(), false);
                    }
                    int limit = b.limit();
                    boolean done = parser.parse(b);
                    check(b.limit() == limit, "parse changed the limit");
                    check(done || !b.hasRemaining(), "parse asked for more input but left bytes");
                    if (done) {
                        break;
                    }
                }
                RequestHead head = parser.head();
                BodyFraming framing = BodyFraming.of(head);
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                List<Headers.Field> trailers = List.of();
                if (framing.kind() == BodyFraming.Kind.LENGTH) {
                    long left = framing.length();
                    while (left > 0) {
                        ByteBuffer b = next(pieces);
                        if (b == null) {
                            return new Outcome(messages, Outcome.NO_ERROR, false, true);
                        }
                        int n = (int) Math.min(Math.min(left, b.remaining()), maxRead);
                        byte[] chunk = new byte[n];
                        b.get(chunk);
                        body.writeBytes(chunk);
                        left -= n;
                    }
                } else if (framing.kind() == BodyFraming.Kind.CHUNKED) {
                    decoder.reset();
                    while (!decoder.isComplete()) {
                        ByteBuffer b = next(pieces);
                        if (b == null) {
                            return new Outcome(messages, Outcome.NO_ERROR, false, true);
                        }
                        int limit = b.limit();
                        ByteBuffer slice;
                        while ((slice = decoder.decode(b, maxRead)) != null) {
                            check(slice.remaining() > 0 && slice.remaining() <= maxRead, "slice size");
                            byte[] chunk = new byte[slice.remaining()];
                            slice.get(chunk);
                            body.writeBytes(chunk);
                        }
                        check(b.limit() == limit, "decode changed the limit");
                        check(decoder.isComplete() || !b.hasRemaining(), "decode asked for more input but left bytes");
                    }
                    trailers = fields(decoder.trailers());
                }
                messages.add(new Message(head.requestLine(), head.method(), head.target(), head.protocol(),
                        fields(head.headers()), framing.kind(), body.toByteArray(), trailers));
            }
        } catch (BadRequestException e) {
            return new Outcome(messages, e.status(), false, false);
        }
    }

    static List<Headers.Field> fields(Headers h) {
        List<Headers.Field> list = new ArrayList<>();
        for (Headers.Field f : h) {
            list.add(f);
        }
        return list;
    }

    private static ByteBuffer next(Deque<ByteBuffer> pieces) {
        while (!pieces.isEmpty() && !pieces.peek().hasRemaining()) {
            pieces.poll();
        }
        return pieces.peek();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("codec contract broken: " + what);
        }
    }
}
