package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jhttpd.api.ConfigException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** AddCharset, AddEncoding, Remove*, ForceType, AddDefaultCharset as Apache 2.4.71 applied them (see ApacheDifferentialTest). */
class MimeDirectivesTest {

    private static MimeConfig section(String... lines) throws ConfigException {
        return FakeDirectiveContext.section(MimeConfig.KEY, MimeConfig.directives(), lines);
    }

    private static MimeTypes types() throws Exception {
        return MimeTypes.parse(new StringReader("text/plain txt\ntext/html html\napplication/gzip gz\n"));
    }

    @Test
    void charsetsAreAddedLowerCasedAndTheLastOneWins() throws Exception {
        MimeConfig c = section("AddCharset UTF-8 .utf8", "AddCharset ISO-8859-2 .latin2");
        assertEquals("text/plain; charset=utf-8", TypeChecker.metadata("a.utf8.txt", types(), c).type());
        assertEquals("text/plain; charset=iso-8859-2", TypeChecker.metadata("a.utf8.latin2.txt", types(), c).type());
        assertNull(TypeChecker.metadata("a.utf8", types(), c).type(), "a charset without a type sets nothing");
    }

    @Test
    void encodingsAccumulateAndTheTypeComesFromTheOtherExtensions() throws Exception {
        MimeConfig c = section("AddEncoding x-gzip .gz", "AddEncoding x-compress .Z");
        TypeChecker.Metadata m = TypeChecker.metadata("data.txt.gz.Z", types(), c);
        assertEquals("x-gzip, x-compress", m.encoding());
        // mime.types knows gz too: Apache sets both, as here
        assertEquals("application/gzip", m.type());
    }

    @Test
    void removeTypeForgetsAnOuterAddTypeButNotTypesConfig() throws Exception {
        MimeConfig outer = section("AddType text/x-jh jh", "AddType text/x-mine txt");
        MimeConfig inner = section("RemoveType .jh txt");
        MimeConfig merged = MimeConfig.KEY.merge(outer, inner);
        assertNull(TypeChecker.metadata("x.jh", types(), merged).type());
        assertEquals("text/plain", TypeChecker.metadata("x.txt", types(), merged).type());
        assertEquals("text/x-jh", TypeChecker.metadata("x.jh", types(), outer).type());
    }

    @Test
    void forceTypeAndNone() throws Exception {
        MimeConfig forced = section("ForceType Application/X-Forced");
        assertEquals("application/x-forced", forced.forceType());
        MimeConfig undone = MimeConfig.KEY.merge(forced, section("ForceType none"));
        assertNull(undone.forceType());
    }

    @Test
    void defaultCharsetOnlyForTextPlainAndHtmlWithoutOne() throws Exception {
        MimeConfig on = section("AddDefaultCharset On");
        assertEquals("text/plain; charset=iso-8859-1", TypeChecker.withDefaultCharset("text/plain", on));
        assertEquals("text/html; charset=iso-8859-1", TypeChecker.withDefaultCharset("text/html", on));
        assertEquals("text/css", TypeChecker.withDefaultCharset("text/css", on));
        assertEquals("text/html; charset=utf-8", TypeChecker.withDefaultCharset("text/html; charset=utf-8", on));
        MimeConfig utf = section("AddDefaultCharset UTF-8");
        assertEquals("text/plain; charset=UTF-8", TypeChecker.withDefaultCharset("text/plain", utf));
        assertEquals("text/plain", TypeChecker.withDefaultCharset("text/plain", MimeConfig.KEY.merge(on, section("AddDefaultCharset Off"))));
    }
}
