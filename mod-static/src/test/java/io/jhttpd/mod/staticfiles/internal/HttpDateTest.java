package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class HttpDateTest {

    private static final long RFC_EXAMPLE = Instant.parse("1994-11-06T08:49:37Z").getEpochSecond();

    @Test
    void formatsWithTwoDigitDaysAlways() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(RFC_EXAMPLE * 1000 + 999));
        assertEquals("Sun, 22 Nov 2026 00:46:23 GMT", HttpDate.format(Instant.parse("2026-11-22T00:46:23.995Z").toEpochMilli()));
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0));
    }

    @Test
    void parsesTheThreeFormsApacheAccepts() {
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Sun Nov  6 08:49:37 1994"));
        assertEquals(RFC_EXAMPLE, HttpDate.parse("Sun, 6 Nov 1994 08:49:37 GMT"));
        assertEquals(RFC_EXAMPLE, HttpDate.parse("  Xyz, 06 Nov 1994 08:49:37 whatever"));
        assertEquals(Instant.parse("2026-11-22T00:46:23Z").getEpochSecond(), HttpDate.parse("Sunday, 22-Nov-26 00:46:23 GMT"));
    }

    @Test
    void rejectsWhatApacheRejects() {
        assertEquals(HttpDate.INVALID, HttpDate.parse(null));
        assertEquals(HttpDate.INVALID, HttpDate.parse(""));
        assertEquals(HttpDate.INVALID, HttpDate.parse("garbage"));
        assertEquals(HttpDate.INVALID, HttpDate.parse("Sun, 06 nov 1994 08:49:37 GMT"));
        assertEquals(HttpDate.INVALID, HttpDate.parse("Sun, 31 Apr 1994 08:49:37 GMT"));
        assertEquals(HttpDate.INVALID, HttpDate.parse("Sun, 29 Feb 1900 08:49:37 GMT"));
        assertEquals(HttpDate.INVALID, HttpDate.parse("Sun, 06 Nov 1994 24:00:00 GMT"));
        assertEquals(HttpDate.INVALID, HttpDate.parse("Sun, 06 Nov 1994 08:49 GMT"));
        assertEquals(HttpDate.INVALID, HttpDate.parse("Sun, 00 Nov 1994 08:49:37 GMT"));
    }

    @Property
    void formatThenParseGivesTheSecond(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long second) {
        assertEquals(second, HttpDate.parse(HttpDate.format(second * 1000)));
    }
}
