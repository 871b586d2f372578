package io.jhttpd.kernel.mpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.spi.Scoreboard;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapped scoreboard as master and child see it: two mappings of one file. */
class MappedScoreboardTest {

    @Test
    void whatAChildWritesTheMasterReads(@TempDir Path dir) throws Exception {
        MappedScoreboard master = MappedScoreboard.create(dir.resolve("sb"), 4, 3);
        master.starting(2, 7);
        master.started(2, 4242);
        MappedScoreboard child = MappedScoreboard.open(dir.resolve("sb"));
        assertEquals(4, child.serverLimit());
        assertEquals(3, child.threadLimit());

        Scoreboard mine = child.childView(2);
        WorkerSlot slot = mine.slot(0, 1);
        assertEquals(WorkerState.STARTING, slot.state());
        slot.setState(WorkerState.BUSY_WRITE);
        slot.requestStarted("GET /" + "x".repeat(100) + " HTTP/1.1", "www.example.com");
        slot.requestFinished(1234);
        child.ready(2);

        WorkerSlot seen = master.slot(2, 1);
        assertEquals(WorkerState.BUSY_WRITE, seen.state());
        assertEquals(64, seen.requestLine().length(), "the request line is cut to 64 characters");
        assertTrue(seen.requestLine().startsWith("GET /xxx"));
        assertEquals("www.example.com", seen.vhost());
        assertEquals(1, seen.requests());
        assertEquals(1234, seen.bytesServed());
        assertTrue(seen.lastUsedMillis() > 0);
        assertEquals(4242, master.pid(2));
        assertEquals(7, master.generation(2));
        assertTrue(master.readyMillis(2) > 0);
        assertThrows(IndexOutOfBoundsException.class, () -> mine.slot(1, 0), "a child sees only its own row");

        master.gone(2);
        assertEquals(0, master.pid(2));
        assertEquals(WorkerState.DEAD, seen.state());
    }

    @Test
    void listeningIsCountedOnlyForLiveChildrenThatStay(@TempDir Path dir) throws Exception {
        MappedScoreboard sb = MappedScoreboard.create(dir.resolve("sb"), 3, 1);
        sb.starting(0, 0);
        sb.started(0, 100);
        sb.starting(1, 0);
        sb.started(1, 101);
        sb.listening(0, true);
        assertTrue(sb.listeningElsewhere(1));
        assertFalse(sb.listeningElsewhere(0), "only child 0 listens");
        assertTrue(sb.whileLocked(() -> sb.listeningElsewhere(1)));
        sb.quiescing(0);
        assertFalse(sb.listeningElsewhere(1), "a child told to leave does not count");
    }
}
