package io.jhttpd.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDateTest {

    /** RFC 9110's example instant, Sun, 06 Nov 1994 08:49:37 GMT. */
    static final long EXAMPLE = 784111777000L;

    @Test
    void formatsTheEpoch() {
        assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", HttpDate.format(0));
    }

    @Test
    void formatsTheRfcExample() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(EXAMPLE));
    }

    @Test
    void dropsMilliseconds() {
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(EXAMPLE + 999));
    }

    @Test
    void formatsBeforeTheEpochRoundingDown() {
        assertEquals("Wed, 31 Dec 1969 23:59:59 GMT", HttpDate.format(-1));
    }

    @Test
    void formatsALeapDay() {
        assertEquals("Thu, 29 Feb 2024 12:00:00 GMT", HttpDate.format(1709208000000L));
    }

    @Test
    void clampsBeyondYear9999() {
        assertEquals("Fri, 31 Dec 9999 23:59:59 GMT", HttpDate.format(Long.MAX_VALUE));
    }

    @Test
    void clampsBeforeYear1() {
        assertEquals("Mon, 01 Jan 0001 00:00:00 GMT", HttpDate.format(Long.MIN_VALUE));
    }

    @Test
    void sameSecondGivesTheCachedText() {
        String first = HttpDate.format(EXAMPLE + 1);
        assertSame(first, HttpDate.format(EXAMPLE + 500));
    }

    @Test
    void formatIsRightFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        long ms = (i % 7) * 1000L;
                        if (!HttpDate.format(ms).equals("Thu, 01 Jan 1970 00:00:0" + (i % 7) + " GMT")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            int ok = 0;
            for (Future<Boolean> f : results) {
                ok += f.get() ? 1 : 0;
            }
            assertEquals(4, ok);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parsesImfFixdate() {
        assertEquals(EXAMPLE, HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
    }

    @Test
    void parsesRfc850() {
        assertEquals(EXAMPLE, HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
    }

    @Test
    void parsesAsctime() {
        assertEquals(EXAMPLE, HttpDate.parse("Sun Nov  6 08:49:37 1994"));
    }

    @Test
    void parsesAsctimeWithTwoDigitDay() {
        assertEquals(EXAMPLE, HttpDate.parse("Sun Nov 06 08:49:37 1994"));
    }

    @Test
    void rfc850YearsMoreThan50YearsAheadAreInThePast() {
        int future = (Year.now().getValue() + 60) % 100;
        String yy = String.format("%02d", future);
        long parsed = HttpDate.parse("Monday, 01-Jan-" + yy + " 00:00:00 GMT");
        int expectedYear = Year.now().getValue() + 60 - 100;
        assertEquals(expectedYear, java.time.Instant.ofEpochMilli(parsed).atZone(java.time.ZoneOffset.UTC).getYear());
    }

    @Test
    void acceptsALeapSecond() {
        assertEquals(EXAMPLE + 23_000, HttpDate.parse("Sun, 06 Nov 1994 08:49:60 GMT"));
    }

    @Test
    void ignoresAWrongDayName() {
        // Like Apache: the day name is informational.
        assertEquals(EXAMPLE, HttpDate.parse("Mon, 06 Nov 1994 08:49:37 GMT"));
    }

    @ParameterizedTest(name = "[{0}]")
    @NullSource
    @ValueSource(strings = {"", "garbage", "sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37 gmt", "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ", " Sun, 06 Nov 1994 08:49:37 GMT",
        "Sun, 30 Feb 1994 08:49:37 GMT", "Sun, 29 Feb 1900 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Nov 1994 08:49:61 GMT", "Sun, 06 Nov 1994 08-49-37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
        "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:3x GMT", "Sun,06 Nov 1994 08:49:37 GMT ",
        "Sunday, 06 Nov 1994 08:49:37 GMT", "Sun, 06-Nov-94 08:49:37 GMT", "Sunday, 06-Nov-1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 UTC", "Sonday, 06-Nov-94 08:49:37 GMT", "Sun Nov 6 08:49:37 1994",
        "Sun Nov  6 08:49:37 94", "Sun Nov  6 08:49:37 1994 GMT", "Sun Nov 31 08:49:37 1994", "1994-11-06T08:49:37Z",
        "784111777"})
    void invalidDatesAreMinusOne(String value) {
        assertEquals(-1, HttpDate.parse(value));
    }
}
