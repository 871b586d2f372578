package io.jhttpd.mod.fcgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FcgidProcessTableTest {

    private static long socketDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("jhttpd-fcgid")).count();
        }
    }

    @Test
    void aServerThatStartsNoFcgidProcessMakesNoSocketDirectory() throws Exception {
        long before = socketDirs();
        FcgidProcessTable table = new FcgidProcessTable(new FcgidSettings());
        try {
            assertEquals(before, socketDirs(), "no directory before the first process");
        } finally {
            table.stop();
        }
        assertEquals(before, socketDirs());
    }
}
