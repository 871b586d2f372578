package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ListenBacklog} sets each listening socket's queue of connections not yet accepted, as
 * in Apache (any MPM; default 511). Linux shows the queue's length as a listening socket's
 * Send-Q in {@code ss}, capped by {@code net.core.somaxconn}.
 */
class ListenBacklogTest {

    @Test
    void theConfiguredBacklogIsTheListeningSocketsQueue() throws Exception {
        try (TestServer s = TestServer.start("ListenBacklog 37\n")) {
            assertEquals(Math.min(37, somaxconn()), listenQueue(s.port));
        }
    }

    @Test
    void apachesDefaultIs511() throws Exception {
        try (TestServer s = TestServer.start("")) {
            assertEquals(Math.min(511, somaxconn()), listenQueue(s.port));
        }
    }

    private static int somaxconn() throws Exception {
        // not readString: it trusts the size a /proc file reports
        return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/core/somaxconn")).get(0).strip());
    }

    /** The Send-Q of the socket listening on {@code port}, per {@code ss -Hltn}. */
    private static int listenQueue(int port) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "ss (iproute2) is not installed");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assumeTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "ss failed: " + out);
        // State Recv-Q Send-Q Local Peer
        String[] f = out.strip().split("\\s+");
        assertEquals("LISTEN", f[0], out);
        return Integer.parseInt(f[2]);
    }
}
