package io.jhttpd.kernel.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Property (1): a valid request, its body, a pipelined second request and the start of a third,
 * read from any split of the bytes, give the same heads, bodies and leftover as read in one
 * piece, and those are what was sent.
 */
class RequestParserProperties {

    @Property(tries = 400)
    void anySplitReadsTheSameRequests(@ForAll("requests") RequestArbitraries.Generated first,
            @ForAll("requests") RequestArbitraries.Generated second,
            @ForAll("requests") RequestArbitraries.Generated third,
            @ForAll @IntRange(min = 0, max = 1000) int thirdPrefix,
            @ForAll("pieceSizes") List<Integer> pieceSizes,
            @ForAll @IntRange(min = 1, max = 200) int maxRead) {
        // Never the whole head of the third request, so it stays unread.
        byte[] partial = Arrays.copyOf(third.wire(), Math.min(thirdPrefix, third.headLength() - 1));
        byte[] input = RequestArbitraries.concat(first.wire(), second.wire(), partial);

        ConnectionReader.Outcome whole = new ConnectionReader().read(input);
        assertEquals(List.of(first.expected(), second.expected()), whole.messages());
        assertEquals(ConnectionReader.Outcome.NO_ERROR, whole.errorStatus());

        ConnectionReader.Outcome split = new ConnectionReader(RequestLimits.APACHE_DEFAULTS, maxRead)
                .readInPieces(input, pieceSizes);
        assertEquals(whole, split);
    }

    @Property(tries = 200)
    void byteByByteReadsTheSameRequests(@ForAll("requests") RequestArbitraries.Generated first,
            @ForAll("requests") RequestArbitraries.Generated second) {
        byte[] input = RequestArbitraries.concat(first.wire(), second.wire());
        ConnectionReader.Outcome bytewise = new ConnectionReader(RequestLimits.APACHE_DEFAULTS, 1)
                .readInPieces(input, List.of(1));
        assertEquals(List.of(first.expected(), second.expected()), bytewise.messages());
    }

    @Property(tries = 300)
    void headEndsExactlyWhereTheHeadEnds(@ForAll("requests") RequestArbitraries.Generated request)
            throws BadRequestException {
        RequestParser p = new RequestParser(RequestLimits.APACHE_DEFAULTS);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(request.wire());
        p.parse(buf);
        assertEquals(request.headLength(), buf.position());
    }

    @Provide
    Arbitrary<RequestArbitraries.Generated> requests() {
        return RequestArbitraries.requests();
    }

    @Provide
    Arbitrary<List<Integer>> pieceSizes() {
        return Arbitraries.integers().between(1, 64).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<RequestArbitraries.Generated>> requestLists() {
        return RequestArbitraries.requests().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 100)
    void resetParserReadsAnyNumberOfRequests(@ForAll("requestLists") List<RequestArbitraries.Generated> requests) {
        byte[] input = RequestArbitraries.concat(requests.stream().map(RequestArbitraries.Generated::wire)
                .toArray(byte[][]::new));
        assertEquals(requests.stream().map(RequestArbitraries.Generated::expected).toList(),
                new ConnectionReader().read(input).messages());
    }
}
