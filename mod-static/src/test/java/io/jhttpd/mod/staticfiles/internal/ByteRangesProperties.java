package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.Bucket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever ranges a client asks for, the answer stays inside the file, never sends more bytes
 * than the file has (the "Apache Killer" amplification), respects the limits, and every byte
 * sent is the file's byte at that offset, in single and multipart answers alike.
 */
class ByteRangesProperties {

    @Provide
    Arbitrary<String> spec() {
        Arbitrary<Long> n = Arbitraries.longs().between(0, 300);
        return Arbitraries.oneOf(
                Combinators.combine(n, n).as((a, b) -> a + "-" + b),
                n.map(a -> a + "-"),
                n.map(a -> "-" + a));
    }

    @Property(tries = 500)
    void mergedRangesStayWithinTheFileAndNeverAmplify(@ForAll @Size(max = 30) List<@net.jqwik.api.From("spec") String> specs,
            @ForAll @IntRange(min = 0, max = 250) int length) {
        ByteRanges.Limits limits = ByteRanges.Limits.DEFAULT;
        ByteRanges.Outcome out = ByteRanges.parse("bytes=" + String.join(",", specs), length, limits);
        long sum = 0;
        for (ByteRanges.Range r : out.ranges()) {
            assertTrue(r.start() >= 0 && r.start() <= r.end() && r.end() < length, r + " within " + length);
            sum += r.length();
        }
        assertTrue(sum <= length, "never more bytes than the file: " + out);
        assertTrue(out.ranges().size() <= limits.maxRanges());
        assertTrue(!out.unsatisfiable() || out.ranges().isEmpty());
    }

    @Property(tries = 300)
    void everyByteSentIsTheFilesByteAtThatOffset(@ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("spec") String> specs,
            @ForAll @IntRange(min = 1, max = 300) int length, @ForAll boolean cached) throws Exception {
        Path dir = Files.createTempDirectory("ranges");
        try {
            byte[] content = new byte[length];
            for (int i = 0; i < length; i++) {
                content[i] = (byte) (i * 31 + 7);
            }
            Path file = Files.write(dir.resolve("f.bin"), content);
            DefaultHandler handler = new DefaultHandler();
            handler.useCache(new OpenFileCache(cached ? OpenFileCache.Settings.DEFAULT : OpenFileCache.Settings.OFF));
            FakeRequest r = FakeRequest.forFile("/f.bin", file);
            r.requestTimeMillis = System.currentTimeMillis() + 600_000;
            r.headersIn.add("Range", "bytes=" + String.join(",", specs));
            io.jhttpd.api.HookResult result = handler.run(r);
            byte[] body = bytes(r.passed());
            switch (result.isOk() ? r.status : result.status()) {
                case 200 -> assertArrayEquals(content, body);
                case 206 -> {
                    String type = r.contentType;
                    if (type != null && type.startsWith("multipart/byteranges")) {
                        checkMultipart(body, content);
                    } else {
                        long[] se = parseContentRange(r.headersOut.get("Content-Range"), length);
                        assertArrayEquals(Arrays.copyOfRange(content, (int) se[0], (int) se[1] + 1), body);
                        assertEquals(Integer.toString(body.length), r.headersOut.get("Content-Length"));
                    }
                }
                case 416 -> assertEquals("bytes */" + length, r.errHeadersOut.get("Content-Range"));
                default -> throw new AssertionError("status " + result);
            }
            r.end();
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final Pattern PART = Pattern.compile("Content-range: bytes (\\d+)-(\\d+)/(\\d+)\r\n\r\n");

    private static void checkMultipart(byte[] body, byte[] content) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Matcher m = PART.matcher(text);
        int parts = 0;
        while (m.find()) {
            int start = Integer.parseInt(m.group(1));
            int end = Integer.parseInt(m.group(2));
            assertEquals(content.length, Integer.parseInt(m.group(3)));
            byte[] got = Arrays.copyOfRange(body, m.end(), m.end() + end - start + 1);
            assertArrayEquals(Arrays.copyOfRange(content, start, end + 1), got);
            parts++;
        }
        assertTrue(parts >= 2, text);
        assertTrue(text.endsWith("--" + RangeResponse.BOUNDARY + "--\r\n"));
    }

    private static long[] parseContentRange(String value, int length) {
        Matcher m = Pattern.compile("bytes (\\d+)-(\\d+)/" + length).matcher(value);
        assertTrue(m.matches(), value);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }

    static byte[] bytes(List<Bucket> buckets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bucket b : buckets) {
            if (b instanceof Bucket.Data d) {
                ByteBuffer buf = d.buffer().duplicate();
                byte[] a = new byte[buf.remaining()];
                buf.get(a);
                out.write(a);
            } else if (b instanceof Bucket.FileRegion f) {
                ByteBuffer buf = ByteBuffer.allocate((int) f.count());
                while (buf.hasRemaining()) {
                    if (f.channel().read(buf, f.position() + buf.position()) < 0) {
                        break;
                    }
                }
                out.write(buf.array(), 0, buf.position());
            }
        }
        return out.toByteArray();
    }
}
