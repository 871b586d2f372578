package io.jhttpd.mod.fcgi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Records and name-value pairs survive encoding and decoding, whatever their sizes. */
class RecordCodecProperties {

    @Property(tries = 100)
    void streamOfRecordsRoundTrips(@ForAll @IntRange(min = 1, max = 255) int type, @ForAll @IntRange(min = 0, max = 65535) int requestId,
                                   @ForAll @IntRange(min = 0, max = 200_000) int length) throws IOException {
        byte[] content = new byte[length];
        for (int i = 0; i < length; i++) {
            content[i] = (byte) (i * 7 + type);
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        RecordWriter writer = new RecordWriter(wire);
        writer.write(type, requestId, content);
        writer.flush();
        assertEquals(0, wire.size() % 8, "every record is padded to a multiple of eight");
        RecordReader reader = new RecordReader(new ByteArrayInputStream(wire.toByteArray()));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int records = 0;
        Record r;
        while ((r = reader.read()) != null) {
            assertEquals(type, r.type());
            assertEquals(requestId, r.requestId());
            assertTrue(r.content().length <= Record.MAX_CONTENT);
            joined.write(r.content());
            records++;
        }
        assertArrayEquals(content, joined.toByteArray());
        assertEquals(Math.max(1, (length + Record.MAX_CONTENT - 1) / Record.MAX_CONTENT), records);
    }

    @Property(tries = 100)
    void nameValuePairsRoundTrip(@ForAll("pairs") Map<String, String> pairs) throws IOException {
        assertEquals(pairs, NameValuePairs.decode(NameValuePairs.encode(pairs)));
    }

    @Property(tries = 100)
    void pairsPackedIntoRecordsConcatenateToTheWholeAndSplitOnlyOversizedPairs(@ForAll("pairs") Map<String, String> pairs) throws IOException {
        List<byte[]> records = NameValuePairs.encodeInRecords(pairs);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        boolean oversized = pairs.entrySet().stream().anyMatch(e -> e.getKey().length() + e.getValue().length() + 8 > Record.MAX_CONTENT);
        for (byte[] r : records) {
            assertTrue(r.length <= Record.MAX_CONTENT && r.length > 0);
            joined.write(r);
            if (!oversized) {
                NameValuePairs.decode(r); // each record parses alone, as php's FastCGI code needs
            }
        }
        assertArrayEquals(NameValuePairs.encode(pairs), joined.toByteArray());
    }

    @Provide
    Arbitrary<Map<String, String>> pairs() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofMinLength(1).ofMaxLength(300);
        // long values are one repeated char: the interest is their length (4-byte lengths, record boundaries), not their text
        Arbitrary<String> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.strings().withCharRange((char) 0, (char) 255).ofMaxLength(200)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(126, 130).map("v"::repeat)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(30_000, 70_000).map("w"::repeat)));
        return Arbitraries.maps(names, values).ofMaxSize(8).map(LinkedHashMap::new);
    }

    @Property(tries = 100)
    void responseHeadIsTheSameHoweverStdoutIsSplit(@ForAll @Size(max = 6) List<@IntRange(min = 0, max = 120) Integer> cuts) throws IOException {
        byte[] stdout = ("Status: 404 Not Here\r\nContent-Type: text/html\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n"
                + "Content-Length: 99\r\n\r\nthe body").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<Integer> points = new ArrayList<>(cuts);
        points.add(stdout.length);
        points.sort(null);
        ResponseHead head = new ResponseHead();
        int at = 0;
        int bodyStart = -1;
        for (int p : points) {
            int end = Math.min(p, stdout.length);
            if (end <= at || head.isComplete()) {
                continue;
            }
            int used = head.feed(stdout, at, end - at);
            if (used >= 0) {
                bodyStart = at + used;
            }
            at = end;
        }
        assertTrue(head.isComplete());
        assertEquals("the body", new String(stdout, bodyStart, stdout.length - bodyStart, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(404, head.status());
        assertEquals("text/html", head.contentType());
        assertEquals(List.of("a=1", "b=2"), head.fields().getAll("Set-Cookie"));
        assertNull(head.fields().get("Content-Length"), "the server frames the body itself");
    }

    @Test
    void truncatedRecordAndWrongVersionAreErrors() {
        byte[] header = {1, 6, 0, 1, 0, 10, 0, 0, 'a', 'b'};
        assertThrows(EOFException.class, () -> new RecordReader(new ByteArrayInputStream(header)).read());
        byte[] http = "HTTP/1.1 200 OK\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThrows(MalformedRecordException.class, () -> new RecordReader(new ByteArrayInputStream(http)).read());
        assertThrows(MalformedRecordException.class, () -> NameValuePairs.decode(new byte[] {5, 1, 'a'}));
        assertThrows(MalformedRecordException.class, () -> NameValuePairs.decode(new byte[] {(byte) 0x80, 0}));
    }

    @Test
    void badStatusAndHeaderLinesAreMalformed() {
        assertThrows(MalformedRecordException.class, () -> new ResponseHead().feed(bytes("Status: abc\r\n\r\n"), 0, 15));
        assertThrows(MalformedRecordException.class, () -> new ResponseHead().feed(bytes("no colon here\n\n"), 0, 15));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
