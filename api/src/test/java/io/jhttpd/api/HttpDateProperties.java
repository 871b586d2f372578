package io.jhttpd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property (4): HTTP dates round-trip to the second, and the three forms of one instant agree. */
class HttpDateProperties {

    static final long MIN_MILLIS = -62135596800_000L;
    static final long MAX_MILLIS = 253402300799_999L;

    static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter RFC850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-uu HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss uuuu", Locale.US)
            .withZone(ZoneOffset.UTC);

    @Provide
    Arbitrary<Long> instants() {
        return Arbitraries.longs().between(MIN_MILLIS, MAX_MILLIS);
    }

    /** Within the window where a two-digit RFC 850 year is unambiguous. */
    @Provide
    Arbitrary<Long> recentInstants() {
        long now = System.currentTimeMillis();
        long fortyYears = 40L * 365 * 86_400_000L;
        return Arbitraries.longs().between(now - fortyYears, now + fortyYears);
    }

    @Property(tries = 2000)
    void formatThenParseRoundTripsToTheSecond(@ForAll("instants") long millis) {
        assertEquals(Math.floorDiv(millis, 1000L) * 1000L, HttpDate.parse(HttpDate.format(millis)));
    }

    @Property(tries = 1000)
    void formatAgreesWithJavaTime(@ForAll("instants") long millis) {
        assertEquals(IMF.format(Instant.ofEpochMilli(millis)), HttpDate.format(millis));
    }

    @Property(tries = 1000)
    void theThreeFormsAgree(@ForAll("recentInstants") long millis) {
        Instant t = Instant.ofEpochMilli(Math.floorDiv(millis, 1000L) * 1000L);
        long imf = HttpDate.parse(IMF.format(t));
        assertEquals(t.toEpochMilli(), imf);
        assertEquals(imf, HttpDate.parse(RFC850.format(t)));
        assertEquals(imf, HttpDate.parse(ASCTIME.format(t)));
    }

    @Property(tries = 1000)
    void parseOfAnyTextIsAWholeSecondOrMinusOne(@ForAll("dateLike") String text) {
        long v = HttpDate.parse(text);
        assertTrue(v == -1 || v % 1000 == 0);
    }

    @Provide
    Arbitrary<String> dateLike() {
        return Arbitraries.strings().withChars("SunMoTeWdhFrSaJnbMpAgOcNvDyi ,:-0123456789GMT").ofMaxLength(34);
    }
}
