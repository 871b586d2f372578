package io.jhttpd.mod.include.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The INCLUDES filter streams: for any document built of text and SSI elements, and any cut of
 * it into data buckets, file regions and flushes spread over brigades, the output is the one the
 * whole document in a single bucket gives.
 */
class IncludeProperties {

    private static final List<String> PIECES = List.of(
            "plain text ", "<", "!", "-", "--", "#", ">", "<!--", "<!-", "<!--#", "-->", "é",
            "<!--#echo var=\"A\" -->", "<!--#echo var=\"NOPE\" encoding=\"url\" -->",
            "<!--#set var=\"A\" value=\"x${A}\" -->", "<!--#include virtual=\"/part\" -->",
            "<!--#include virtual=\"/missing\" -->", "<!--#if expr=\"$A = /xx/\" -->", "<!--#else -->",
            "<!--#endif -->", "<!--#config errmsg=\"E\" -->", "<!--#bogus -->", "<!--<!--#echo var=\"A\" -->-->");

    @Provide
    Arbitrary<String> documents() {
        return Arbitraries.of(PIECES).list().ofMaxSize(25).map(l -> String.join("", l));
    }

    private static FakeHost host() {
        FakeHost h = new FakeHost();
        h.vars.put("A", "a<&>");
        h.documents.put("/part", "[part]");
        return h;
    }

    @Property(tries = 300)
    void anyCutGivesTheSameOutput(@ForAll("documents") String document,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 400) Integer> cuts,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 3) Integer> kinds) throws IOException {
        String whole = run(document, List.of(), List.of());
        String cut = run(document, cuts, kinds);
        assertEquals(whole, cut);
    }

    /** Runs {@code document} cut at {@code cuts}; each piece is a data bucket, a file region, or followed by a flush or a new brigade. */
    private static String run(String document, List<Integer> cuts, List<Integer> kinds) throws IOException {
        byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
        List<Integer> at = new ArrayList<>();
        for (int c : cuts) {
            at.add(Math.min(c, bytes.length));
        }
        at.sort(null);
        at.add(bytes.length);
        Path file = Files.createTempFile("ssi", ".shtml");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            IncludeFilter f = new IncludeFilter(host(), new IncludeSettings(), ZoneOffset.UTC);
            Collector c = new Collector();
            Brigade b = new Brigade();
            int from = 0;
            for (int i = 0; i < at.size(); i++) {
                int to = at.get(i);
                int kind = i < kinds.size() ? kinds.get(i) : 0;
                if (to > from) {
                    if (kind == 1) {
                        b.add(Bucket.file(ch, from, to - from));
                    } else {
                        b.add(Bucket.data(java.util.Arrays.copyOfRange(bytes, from, to)));
                    }
                }
                if (kind == 2) {
                    b.add(Bucket.FLUSH);
                }
                if (kind >= 2 && !b.isEmpty()) {
                    f.filter(b, c);
                    b = new Brigade();
                }
                from = to;
            }
            b.add(Bucket.EOS);
            f.filter(b, c);
            assertEquals(1, c.endOfStreams);
            return c.text();
        } finally {
            Files.delete(file);
        }
    }
}
