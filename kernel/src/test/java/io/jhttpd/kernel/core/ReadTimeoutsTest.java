package io.jhttpd.kernel.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadTimeoutsTest {

    private static ReadTimeouts parse(String... args) {
        return ReadTimeouts.parse(ReadTimeouts.APACHE_DEFAULTS, List.of(args));
    }

    @Test
    void apacheDefaults() {
        assertEquals(new ReadTimeouts(20, 40, 500, 20, 0, 500), ReadTimeouts.APACHE_DEFAULTS);
    }

    @Test
    void stagesAsApacheWritesThem() {
        assertEquals(new ReadTimeouts(10, 30, 1000, 20, 0, 500), parse("header=10-30,MinRate=1000"));
        assertEquals(new ReadTimeouts(20, 40, 500, 60, 0, 0), parse("body=60"));
        assertEquals(new ReadTimeouts(0, 0, 0, 0, 0, 0), parse("header=0", "body=0"));
        assertEquals(new ReadTimeouts(5, 10, 500, 30, 0, 250), parse("handshake=5", "header=5-10", "body=30,minrate=250"));
    }

    @Test
    void badArgumentsSayWhatWasExpected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("header")).getMessage().contains("stage=timeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("headers=5")).getMessage().contains("unknown stage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("header=a")).getMessage().contains("number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("header=30-10")).getMessage().contains("larger"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("header=5,Rate=3")).getMessage().contains("MinRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("body=5,MinRate=0")).getMessage().contains("greater"));
    }
}
