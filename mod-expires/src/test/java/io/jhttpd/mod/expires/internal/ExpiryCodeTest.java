package io.jhttpd.mod.expires.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import org.junit.jupiter.api.Test;

class ExpiryCodeTest {

    @Test
    void shortAndLongFormsCountAsApacheCounts() throws ConfigException {
        assertEquals(new ExpiryCode(false, 3600), ExpiryCode.parse("A3600"));
        assertEquals(new ExpiryCode(true, 86400), ExpiryCode.parse("M86400"));
        assertEquals(new ExpiryCode(false, 30L * 86400 + 2 * 86400), ExpiryCode.parse("access plus 1 month 2 days"));
        assertEquals(new ExpiryCode(false, 365L * 86400), ExpiryCode.parse("now plus 1 year"));
        assertEquals(new ExpiryCode(true, 5 * 3600 + 3 * 60 + 1), ExpiryCode.parse("Modification plus 5 hours 3 minutes 1 second"));
        assertEquals(new ExpiryCode(false, 2 * 7 * 86400), ExpiryCode.parse("access 2 weeks"), "plus may be left out");
    }

    @Test
    void badCodesSayWhatWasExpected() {
        assertTrue(assertThrows(ConfigException.class, () -> ExpiryCode.parse("later plus 1 day")).getMessage().contains("unrecognised <base>"));
        assertTrue(assertThrows(ConfigException.class, () -> ExpiryCode.parse("access plus one day")).getMessage().contains("numeric value"));
        assertTrue(assertThrows(ConfigException.class, () -> ExpiryCode.parse("access plus 1 fortnight")).getMessage().contains("<type>"));
        assertTrue(assertThrows(ConfigException.class, () -> ExpiryCode.parse("access plus 1")).getMessage().contains("missing <type>"));
        assertTrue(assertThrows(ConfigException.class, () -> ExpiryCode.parse("access plus")).getMessage().contains("missing"));
    }
}
