package io.jhttpd.mod.cgi.internal;

import io.jhttpd.api.CgiEnvironment;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Reading a script's header section and body: line endings, errors, and any split of the bytes into reads. */
class ScriptOutputTest {

    private static ScriptOutput output(String text) {
        return new ScriptOutput(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), 64);
    }

    @Test
    void headersEndAtTheEmptyLineWithLfOrCrlf() throws Exception {
        ScriptOutput out = output("Content-Type: text/plain\r\nX-A:  1 \nStatus:204\n\r\nbody");
        assertEquals(List.of(new ScriptOutput.Field("Content-Type", "text/plain"), new ScriptOutput.Field("X-A", "1"),
                new ScriptOutput.Field("Status", "204")), out.readHeaders());
        assertArrayEquals("body".getBytes(StandardCharsets.US_ASCII), out.readChunk(100));
        assertNull(out.readChunk(100));
    }

    @Test
    void outputEndingBeforeTheEmptyLineFails() {
        ScriptOutput.HeaderException e = assertThrows(ScriptOutput.HeaderException.class,
                () -> output("Content-Type: text/plain\n").readHeaders());
        assertEquals(ScriptOutput.Failure.ENDED_BEFORE_HEADERS, e.failure);
        assertEquals(ScriptOutput.Failure.ENDED_BEFORE_HEADERS,
                assertThrows(ScriptOutput.HeaderException.class, () -> output("").readHeaders()).failure);
    }

    @Test
    void lineWithoutColonIsMalformedQuotingItsStart() {
        ScriptOutput.HeaderException e = assertThrows(ScriptOutput.HeaderException.class,
                () -> output("garbage line that goes on and on and on\n\n").readHeaders());
        assertEquals(ScriptOutput.Failure.MALFORMED_LINE, e.failure);
        assertEquals("garbage line that goes on and ", e.detail);
    }

    @Test
    void nameThatIsNotATokenIsRejected() {
        ScriptOutput.HeaderException e = assertThrows(ScriptOutput.HeaderException.class,
                () -> output("Bad Header: x\n\n").readHeaders());
        assertEquals(ScriptOutput.Failure.BAD_NAME, e.failure);
        assertEquals("Bad Header", e.detail);
    }

    @Test
    void overlongLineIsMalformed() {
        String line = "X: " + "a".repeat(ScriptOutput.MAX_LINE + 10) + "\n\n";
        assertEquals(ScriptOutput.Failure.MALFORMED_LINE,
                assertThrows(ScriptOutput.HeaderException.class, () -> output(line).readHeaders()).failure);
    }

    @Property(tries = 200)
    void anySplitOfTheOutputGivesTheSameHeadersAndBody(@ForAll @IntRange(min = 1, max = 40) int readSize,
            @ForAll @IntRange(min = 0, max = 300) int bodyLength) throws Exception {
        byte[] body = new byte[bodyLength];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write("Content-Type: a/b\r\nX-Long: ".getBytes(StandardCharsets.US_ASCII));
        all.write("v".repeat(100).getBytes(StandardCharsets.US_ASCII));
        all.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        all.write(body);
        ScriptOutput out = new ScriptOutput(new Trickle(all.toByteArray(), readSize), 16);
        List<ScriptOutput.Field> fields = out.readHeaders();
        assertEquals("a/b", fields.get(0).value());
        assertEquals(100, fields.get(1).value().length());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk;
        while ((chunk = out.readChunk(13)) != null) {
            got.write(chunk);
        }
        assertArrayEquals(body, got.toByteArray());
    }

    @Test
    void isindexQueryBecomesDecodedEscapedArguments() {
        Path f = Path.of("/s/a.cgi");
        assertEquals(List.of("/s/a.cgi", "word1", "two x", "a\\;b"), CgiHandler.command(f, "word1+two%20x+a;b"));
        assertEquals(List.of("/s/a.cgi"), CgiHandler.command(f, "k=v+w"));
        assertEquals(List.of("/s/a.cgi"), CgiHandler.command(f, ""));
        assertEquals(List.of("/s/a.cgi"), CgiHandler.command(f, null));
    }

    @Test
    void headerNamesBecomeVariablesOnlyWhenPlain() {
        assertEquals("HTTP_X_DASH", CgiEnvironment.headerVariable("x-dash", false));
        assertEquals("HTTP_ACCEPT9", CgiEnvironment.headerVariable("Accept9", false));
        assertNull(CgiEnvironment.headerVariable("x_under", false));
        assertNull(CgiEnvironment.headerVariable("x.dot", false));
    }

    /** Returns at most {@code step} bytes per read. */
    private static final class Trickle extends InputStream {
        private final byte[] data;
        private final int step;
        private int pos;

        Trickle(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
