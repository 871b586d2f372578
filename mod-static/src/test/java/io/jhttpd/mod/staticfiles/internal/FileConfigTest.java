package io.jhttpd.mod.staticfiles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.ConfigException;
import org.junit.jupiter.api.Test;

/** FileETag (and its ETag shapes, checked against Apache 2.4.71), EnableSendfile, MaxRanges*. */
class FileConfigTest {

    private static FileConfig section(String... lines) throws ConfigException {
        return FakeDirectiveContext.section(FileConfig.KEY, FileConfig.directives(), lines);
    }

    private static String etag(FileConfig c) {
        // inode 0x1f, 6 bytes, mtime 0x660d2ce7d847b µs, request long after
        return EntityTag.forFile(c.etagComponents(), 31, 6, 0x660d2ce7d847bL, 0x760d2ce7d847bL);
    }

    @Test
    void etagPartsInApachesOrder() throws Exception {
        assertEquals("\"6-660d2ce7d847b\"", etag(new FileConfig()));
        assertEquals("\"1f-6-660d2ce7d847b\"", etag(section("FileETag All")));
        assertEquals("\"1f-6-660d2ce7d847b\"", etag(section("FileETag INode MTime Size")));
        assertEquals("\"660d2ce7d847b\"", etag(section("FileETag MTime")));
        assertEquals("\"1f\"", etag(section("FileETag INode")));
        assertNull(etag(section("FileETag None")));
    }

    @Test
    void plusAndMinusChangeWhatOuterSectionsSet() throws Exception {
        FileConfig all = section("FileETag All");
        assertEquals("\"6-660d2ce7d847b\"", etag(FileConfig.KEY.merge(all, section("FileETag -INode"))));
        assertEquals("\"1f-6-660d2ce7d847b\"", etag(FileConfig.KEY.merge(new FileConfig(), section("FileETag +INode"))));
        FileConfig mtimeOnly = FileConfig.KEY.merge(new FileConfig(), section("FileETag -Size"));
        assertEquals("\"660d2ce7d847b\"", etag(mtimeOnly));
        assertEquals("\"660d2ce7d847b\"", etag(FileConfig.KEY.merge(mtimeOnly, new FileConfig())), "unset inherits");
    }

    @Test
    void mistakesAreNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> section("FileETag Inodes"));
        assertTrue(e.getMessage().contains("Inodes"), e.getMessage());
        assertThrows(ConfigException.class, () -> section("FileETag MTime +Size"));
        assertThrows(ConfigException.class, () -> section("FileETag None Size"));
        assertThrows(ConfigException.class, () -> section("MaxRanges -3"));
        assertThrows(ConfigException.class, () -> section("MaxRangeOverlaps none"));
    }

    @Test
    void sendfileAndRangeLimits() throws Exception {
        assertTrue(new FileConfig().sendfile());
        assertFalse(section("EnableSendfile Off").sendfile());
        assertEquals(ByteRanges.Limits.DEFAULT, new FileConfig().rangeLimits());
        assertFalse(section("MaxRanges none").rangesEnabled());
        assertEquals(new ByteRanges.Limits(5, -1, 20), section("MaxRanges 5", "MaxRangeOverlaps unlimited", "MaxRangeReversals default").rangeLimits());
    }
}
