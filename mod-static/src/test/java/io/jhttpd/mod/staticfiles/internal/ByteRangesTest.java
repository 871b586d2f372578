package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Range} headers on a 37-byte file and what Apache 2.4.71 answered for each. */
class ByteRangesTest {

    private static String answer(String header, long length, ByteRanges.Limits limits) {
        ByteRanges.Outcome o = ByteRanges.parse(header, length, limits);
        if (o.unsatisfiable()) {
            return "416";
        }
        if (o.whole()) {
            return "200";
        }
        return o.ranges().stream().map(r -> r.start() + "-" + r.end()).collect(Collectors.joining(" "));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "bytes=0-3            | 0-3",
        "bytes=-5             | 32-36",
        "bytes=30-            | 30-36",
        "bytes=0-3,10-12      | 0-3 10-12",
        "bytes=10-12,0-3      | 10-12 0-3",
        "bytes=0-3,2-12       | 0-12",
        "bytes=0-1,2-3        | 0-3",
        "bytes=0-,5-6         | 0-36",
        "bytes=5-6,0-         | 0-36",
        "bytes=0-1,3-4,100-200| 0-1 3-4",
        "bytes=0-0,-1         | 0-0 36-36",
        "bytes=1-2,3-4,0-36   | 0-36",
        "bytes=0-1,,5-6       | 0-1 5-6",
        "bytes=1-2,           | 1-2",
        "BYTES=1-2            | 1-2",
        "bytes=00001-2        | 1-2",
        "bytes=5-100          | 5-36",
        "bytes=-100           | 0-36",
        "bytes=100-           | 416",
        "bytes=100-,200-      | 416",
        "bytes=37-37          | 416",
        "bytes=5-1            | 200",
        "bytes=-0             | 200",
        "bytes= 1-2           | 200",
        "bytes=+1-2           | 200",
        "bytes=1-+2           | 200",
        "bytes=1- 2           | 200",
        "bytes=1-2,x          | 200",
        "bytes=,1-2           | 200",
        "bytes=1-2,-          | 200",
        "bytes=               | 200",
        "bytes=1-99999999999999999999 | 200",
        "items=1-2            | 200",
    })
    void readsAndMergesAsApache(String header, String expected) {
        assertEquals(expected, answer(header.trim(), 37, ByteRanges.Limits.DEFAULT));
    }

    @ParameterizedTest(name = "{0} ranges of one byte → {1}")
    @CsvSource({"200, 200", "201, whole"})
    void atMost200RangesByDefault(int count, String expected) {
        String header = "bytes=" + IntStream.range(0, count).mapToObj(i -> (i * 3) + "-" + (i * 3)).collect(Collectors.joining(","));
        ByteRanges.Outcome o = ByteRanges.parse(header, 100_000, ByteRanges.Limits.DEFAULT);
        assertEquals(expected, o.whole() ? "whole" : Integer.toString(o.ranges().size()));
    }

    @ParameterizedTest(name = "{0} overlapping ranges → {1}")
    @CsvSource({"21, 0-21", "22, 200"})
    void atMost20OverlapsByDefault(int count, String expected) {
        // Apache 2.4.71: 21 adjacent ranges (20 merges) are served as one, one more is ignored
        String header = "bytes=" + IntStream.range(0, count).mapToObj(i -> i + "-" + (i + 1)).collect(Collectors.joining(","));
        assertEquals(expected, answer(header, 100_000, ByteRanges.Limits.DEFAULT));
    }

    @ParameterizedTest(name = "{0} ranges, each extending the one before downwards → {1}")
    @CsvSource({"21, 60-101", "22, 200"})
    void reversalsAreCapped(int count, String expected) {
        String header = "bytes=" + IntStream.range(0, count).mapToObj(i -> (100 - i * 2) + "-" + (101 - i * 2)).collect(Collectors.joining(","));
        assertEquals(expected, answer(header, 100_000, new ByteRanges.Limits(-1, -1, 20)));
    }

    @ParameterizedTest(name = "the Apache Killer with {0} ranges is sent whole")
    @CsvSource({"1300"})
    void apacheKillerGetsTheWholeFile(int count) {
        String header = "bytes=0-," + IntStream.range(0, count).mapToObj(i -> "5-" + i).collect(Collectors.joining(","));
        assertEquals("0-99999", answer(header, 100_000, ByteRanges.Limits.DEFAULT));
        String overlapping = "bytes=" + IntStream.range(0, count).mapToObj(i -> "0-" + (i + 100)).collect(Collectors.joining(","));
        assertEquals("200", answer(overlapping, 100_000, ByteRanges.Limits.DEFAULT));
        assertEquals("0-1399", answer(overlapping, 100_000, new ByteRanges.Limits(-1, -1, -1)), "merged, were there no caps");
    }

    @ParameterizedTest(name = "empty file: {0}")
    @CsvSource({"bytes=0-", "bytes=5-", "bytes=-1"})
    void anEmptyFileIsSentWhole(String header) {
        assertEquals("200", answer(header, 0, ByteRanges.Limits.DEFAULT));
    }
}
