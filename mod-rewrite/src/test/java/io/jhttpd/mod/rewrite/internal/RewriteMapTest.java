package io.jhttpd.mod.rewrite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The map types against real files and real child processes. */
class RewriteMapTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void textMapIsReadAgainWhenTheFileChanges() throws Exception {
        Path f = dir.resolve("m.txt");
        Files.writeString(f, "# comment\nkey one\nother two extra\n");
        RewriteMap m = RewriteMap.parse("txt:" + f, Path::of);
        assertEquals("one", m.lookup("key"));
        assertEquals("two", m.lookup("other"));
        assertNull(m.lookup("missing"));
        Files.writeString(f, "key changed\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        assertEquals("changed", m.lookup("key"));
    }

    @Test
    void randomMapPicksOneOfTheChoices() throws Exception {
        Path f = dir.resolve("r.txt");
        Files.writeString(f, "servers a|b|c\n");
        RewriteMap m = RewriteMap.parse("rnd:" + f, Path::of);
        for (int i = 0; i < 20; i++) {
            assertTrue(Set.of("a", "b", "c").contains(m.lookup("servers")));
        }
    }

    @Test
    void internalMaps() {
        assertEquals("abc", RewriteMap.parse("int:tolower", Path::of).lookup("AbC"));
        assertEquals("ABC", RewriteMap.parse("int:toupper", Path::of).lookup("AbC"));
        assertEquals("a%20b%3f", RewriteMap.parse("int:escape", Path::of).lookup("a b?"));
        assertEquals("a b?", RewriteMap.parse("int:unescape", Path::of).lookup("a%20b%3F"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RewriteMap.parse("int:nope", Path::of));
        assertTrue(e.getMessage().contains("int:nope"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RewriteMap.parse("dbm:/x", Path::of));
        assertThrows(IllegalArgumentException.class, () -> RewriteMap.parse("txt:" + dir.resolve("absent"), Path::of));
    }

    @Test
    void programMapAnswersLineByLineAndNullMeansNone() throws Exception {
        RewriteMap m = RewriteMap.parse("prg:" + script("up.sh", "while read l; do if [ \"$l\" = none ]; then echo NULL; else echo \"$l\" | tr a-z A-Z; fi; done\n"), Path::of);
        try {
            assertEquals("ABC", m.lookup("abc"));
            assertNull(m.lookup("none"));
            assertEquals("X", m.lookup("x"));
        } finally {
            m.close();
        }
    }

    @Test
    void aProgramThatDiesIsRestarted() throws Exception {
        // answers one line, then exits: every lookup after the first finds it dead and starts it again
        RewriteMap m = RewriteMap.parse("prg:" + script("once.sh", "read l; echo \"got-$l\"\n"), Path::of);
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals("got-k" + i, m.lookup("k" + i));
            }
        } finally {
            m.close();
        }
    }
}
