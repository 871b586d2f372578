package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagTest {

    /** mtime of Apache's sample file in microseconds (2026-11-22T00:46:23.995003Z). */
    private static final long MTIME = 0x660d2ce7d847bL;

    @Test
    void sizeThenMtimeInMicrosecondsHexAsApache() {
        // Apache 2.4.71 sent ETag: "6-660d2ce7d847b" for this 6-byte file.
        assertEquals("\"6-660d2ce7d847b\"", EntityTag.forFile(6, MTIME, MTIME + 3_000_000));
        assertEquals("\"0-0\"", EntityTag.forFile(0, 0, 5_000_000));
        assertEquals("\"1f400-1\"", EntityTag.forFile(128_000, 1, 5_000_000));
    }

    @Test
    void weakWhenChangedWithinOneSecondOfTheRequest() {
        assertEquals("W/\"4-660d2ce7d847b\"", EntityTag.forFile(4, MTIME, MTIME + 1_000_000));
        assertEquals("W/\"4-660d2ce7d847b\"", EntityTag.forFile(4, MTIME, MTIME - 5));
        assertEquals("\"4-660d2ce7d847b\"", EntityTag.forFile(4, MTIME, MTIME + 1_000_001));
    }

    @Test
    void weakComparisonIgnoresWPrefixesOnBothSides() {
        String tag = "\"6-660d2ce7d847b\"";
        assertTrue(EntityTag.matchesWeak(tag, tag));
        assertTrue(EntityTag.matchesWeak("W/" + tag, tag));
        assertTrue(EntityTag.matchesWeak(tag, "W/" + tag));
        assertTrue(EntityTag.matchesWeak("\"zz\", " + tag, tag));
        assertTrue(EntityTag.matchesWeak("\"zz\",W/" + tag + " , \"yy\"", tag));
        assertTrue(EntityTag.matchesWeak("\"a,b\", " + tag, tag));
        assertFalse(EntityTag.matchesWeak("\"6-660D2CE7D847B\"", tag), "tags compare case-sensitively");
        assertFalse(EntityTag.matchesWeak("6-660d2ce7d847b", tag), "unquoted is no tag");
        assertFalse(EntityTag.matchesWeak("\"zz\"", tag));
        assertFalse(EntityTag.matchesWeak("", tag));
    }

    @Test
    void strongComparisonNeedsTwoStrongEqualTags() {
        String tag = "\"6-660d2ce7d847b\"";
        assertTrue(EntityTag.matchesStrong(tag, tag));
        assertTrue(EntityTag.matchesStrong("\"x\", " + tag, tag));
        assertFalse(EntityTag.matchesStrong("W/" + tag, tag));
        assertFalse(EntityTag.matchesStrong(tag, "W/" + tag));
        assertFalse(EntityTag.matchesStrong(tag, null));
    }
}
