package io.jhttpd.mpm.event.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listener loop and worker pool against a {@link FakeKernel} that keeps the
 * {@code ConnectionHandle} contract: hand-off both ways, the four waits and their timeouts,
 * admission, shedding keep-alive connections, graceful and immediate stop. New connections go
 * straight to a worker here; {@link SelectorLoopParkNewTest} runs the same with new connections
 * waiting in the selector first.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SelectorLoopTest {

    private FakeKernel kernel;
    private FakeContext ctx;
    private SelectorLoop loop;
    private Thread listener;
    private volatile Throwable failure;
    private final List<Client> clients = new ArrayList<>();

    boolean dispatchNew() {
        return true;
    }

    private void start(int threads, double factor, FakeKernel k) throws Exception {
        kernel = k;
        ctx = new FakeContext(k);
        List<WorkerSlot> slots = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            slots.add(ctx.board.slot(0, i));
        }
        loop = new SelectorLoop(ctx, slots, factor, 0, dispatchNew());
        listener = new Thread(() -> {
            try {
                loop.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, "test-listener");
        listener.start();
        assertTrue(ctx.ready.await(5, TimeUnit.SECONDS), "not ready");
    }

    private void start(int threads) throws Exception {
        start(threads, 2, new FakeKernel(5_000, 5_000, 5_000, 2_000));
    }

    @AfterEach
    void stop() throws Exception {
        for (Client c : clients) {
            c.close();
        }
        if (loop != null) {
            loop.shutdown(false);
            listener.join(10_000);
            assertFalse(listener.isAlive(), "the listener did not stop");
            ctx.server.close();
            assertNull(failure, () -> "the loop failed: " + failure);
            assertEquals(List.of(), kernel.violations);
        }
    }

    private Client connect() throws IOException {
        Client c = new Client(ctx.address);
        clients.add(c);
        return c;
    }

    private void assertWorkersIdle() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            boolean idle = true;
            for (int i = 0; i < 64; i++) {
                WorkerState s = ctx.board.slots[i].state;
                idle &= s == WorkerState.READY || s == WorkerState.DEAD;
            }
            if (idle) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("workers still busy");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void servesManyRequestsOnOneConnection() throws Exception {
        start(2);
        Client c = connect();
        for (int i = 0; i < 100; i++) {
            assertEquals("OK " + i, c.ask("GET " + i));
        }
        Client d = connect();
        assertEquals("OK x", d.ask("GET x"));
        assertEquals("OK y", c.ask("GET y"));
        assertTrue(c.ask("THREAD").startsWith("jhttpd-event-worker-"));
    }

    @Test
    void servesPipelinedRequests() throws Exception {
        start(2);
        Client c = connect();
        c.send("GET a\nGET b\nGE");
        assertEquals("OK a", c.line());
        assertEquals("OK b", c.line());
        c.send("T c\n");
        assertEquals("OK c", c.line());
    }

    @Test
    void responsesHeldForOneWriteAllArriveInOrder() throws Exception {
        start(2, 50, new FakeKernel(5_000, 5_000, 5_000, 2_000));
        List<Client> many = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            many.add(connect());
        }
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < many.size(); i++) {
                many.get(i).send("GET " + round + "." + i + "\nGET again" + i + "\n");
            }
            for (int i = 0; i < many.size(); i++) {
                assertEquals("OK " + round + "." + i, many.get(i).line());
                assertEquals("OK again" + i, many.get(i).line());
            }
        }
        assertTrue(kernel.held.get() > 0, "the leader never held a response");
        assertWorkersIdle();
    }

    @Test
    void aHeldResponseDoesNotWaitForASlowRequestServedAfterIt() throws Exception {
        start(4, 50, new FakeKernel(5_000, 5_000, 5_000, 2_000));
        Client busy = connect();
        List<Client> fast = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fast.add(connect());
        }
        for (int round = 0; round < 6; round++) {
            Client slow = connect();
            // while the leader is busy (under its 1 ms limit) the others arrive: its next select
            // finds them all, the slow request among the fast ones in the selector's order
            busy.send("SPIN 700\n");
            long t0 = System.nanoTime();
            for (int i = 0; i < fast.size(); i++) {
                fast.get(i).send("GET " + i + "\n");
                if (i == 3) {
                    slow.send("SLEEP 400\n");
                }
            }
            for (int i = 0; i < fast.size(); i++) {
                assertEquals("OK " + i, fast.get(i).line());
            }
            long waited = millisSince(t0);
            assertTrue(waited < 250, "round " + round + ": fast answers took " + waited + " ms behind a 400 ms request");
            assertEquals("SPUN 700", busy.line());
            assertEquals("SLEPT 400", slow.line());
        }
    }

    /**
     * A handler that says it will block (as CGI and FastCGI do) gives the listener's role away at
     * once: the others are served while it still blocks, and the watchdog never had to find it.
     */
    @Test
    void aHandlerThatSaysItWillBlockPassesTheRoleOnAtOnce() throws Exception {
        start(4, 50, new FakeKernel(5_000, 5_000, 5_000, 2_000));
        List<Client> blockers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            blockers.add(connect());
        }
        Client fast = connect();
        for (int round = 0; round < 5; round++) {
            for (Client b : blockers) {
                b.send("BLOCK 300\n");
            }
            // answered while the three still block: each blocker handed the role on as it began
            for (int i = 0; i < 20; i++) {
                assertEquals("OK " + i, fast.ask("GET " + i));
            }
            for (Client b : blockers) {
                assertEquals("BLOCKED 300", b.line());
            }
        }
        // 15 blocking serves: without the hand-off ahead the watchdog would pass the role for each;
        // it may still catch a rare serve stalled by a GC or the scheduler
        assertTrue(loop.passesAhead >= 10 && loop.watchdogPasses <= 5,
                "the role passed " + loop.passesAhead + " times ahead of a block, " + loop.watchdogPasses + " times by the watchdog");
    }

    @Test
    void aPartialRequestWaitsWithoutAThreadAndTimesOutOnAWorker() throws Exception {
        start(1, 2, new FakeKernel(5_000, 600, 5_000, 2_000));
        Client slow = connect();
        slow.send("GET sl");
        Thread.sleep(100);
        Client other = connect();
        long t0 = System.nanoTime();
        assertEquals("OK o", other.ask("GET o"));
        assertTrue(millisSince(t0) < 300, "the only worker was held by a partial request");
        assertEquals("408", slow.line());
        assertTrue(slow.closedWithin(2_000));
        assertTrue(kernel.timeoutThreads.stream().allMatch(n -> n.startsWith("jhttpd-event-worker-")), kernel.timeoutThreads.toString());
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterItsTimeout() throws Exception {
        start(1, 2, new FakeKernel(400, 5_000, 5_000, 2_000));
        Client c = connect();
        assertEquals("OK a", c.ask("GET a"));
        long t0 = System.nanoTime();
        assertTrue(c.closedWithin(3_000));
        long waited = millisSince(t0);
        assertTrue(waited >= 300 && waited < 1_500, "closed after " + waited + " ms, keep-alive timeout 400 ms");
        assertEquals(0, loopConnectionsSoon(0));
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheReadTimeout() throws Exception {
        start(1, 2, new FakeKernel(200, 700, 5_000, 2_000));
        Client c = connect();
        long t0 = System.nanoTime();
        assertTrue(c.closedWithin(3_000));
        long waited = millisSince(t0);
        assertTrue(waited >= 550 && waited < 2_000, "closed after " + waited + " ms, read timeout 700 ms");
    }

    @Test
    void manyIdleConnectionsDoNotStarveANewClient() throws Exception {
        start(2, 200, new FakeKernel(20_000, 20_000, 5_000, 2_000));
        for (int i = 0; i < 200; i++) {
            Client c = connect();
            assertEquals("OK " + i, c.ask("GET " + i));
        }
        Client fresh = connect();
        long t0 = System.nanoTime();
        assertEquals("OK new", fresh.ask("GET new"));
        assertTrue(millisSince(t0) < 500);
        assertEquals(201, loop.connections());
        assertWorkersIdle();
    }

    @Test
    void aClientThatStopsReadingDoesNotHoldAWorker() throws Exception {
        start(1, 2, new FakeKernel(5_000, 5_000, 800, 2_000));
        Client a = connect();
        Client b = connect();
        a.send("BIG 50000000\n");
        b.send("BIG 50000000\n");
        Thread.sleep(300);
        Client c = connect();
        long t0 = System.nanoTime();
        assertEquals("OK c", c.ask("GET c"));
        assertTrue(millisSince(t0) < 500, "the only worker was held by a stalled write");
        assertWorkersIdle();
        // the stalled responses run out of time (Timeout, 800 ms here) and are closed
        assertEquals(1, loopConnectionsSoon(1));
        assertEquals(2, kernel.timeoutThreads.size(), kernel.timeoutThreads.toString());
        assertTrue(a.closedAfterDraining(5_000));
        assertTrue(b.closedAfterDraining(5_000));
    }

    @Test
    void aLargeResponseToAReadingClientArrivesWhole() throws Exception {
        start(1);
        Client a = connect();
        a.send("BIG 5000000\nGET after\n");
        byte[] got = a.socket.getInputStream().readNBytes(5_000_000);
        assertEquals(5_000_000, got.length);
        assertEquals('b', got[4_999_999]);
        assertEquals("OK after", a.line());
    }

    @Test
    void lingeringCloseIsDrainedByTheListener() throws Exception {
        start(1);
        Client c = connect();
        assertEquals("BYE", c.ask("QUIT"));
        Thread.sleep(100);
        c.send("more bytes the server drops\n");
        Thread.sleep(100);
        c.socket.shutdownOutput();
        assertTrue(c.closedWithin(2_000));
        assertEquals(0, loopConnectionsSoon(0));
        // drained by whichever thread holds the listener's role, in its loop, not handed to a worker
        assertEquals(List.of(loop.leaderThread.getName()), List.copyOf(new java.util.LinkedHashSet<>(kernel.lingerThreads)));
    }

    @Test
    void lingeringCloseEndsAtItsDeadlineWhateverTheClientSends() throws Exception {
        start(1, 2, new FakeKernel(5_000, 5_000, 5_000, 500));
        Client c = connect();
        assertEquals("BYE", c.ask("QUIT"));
        long t0 = System.nanoTime();
        for (int i = 0; i < 15 && loop.connections() > 0; i++) {
            try {
                c.send("x");
            } catch (IOException closed) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(0, loopConnectionsSoon(0));
        assertTrue(millisSince(t0) < 1_300, "lingered " + millisSince(t0) + " ms for a 500 ms linger");
    }

    @Test
    void admissionStopsAcceptingAtTheLimit() throws Exception {
        // 1 thread, factor 1: connections < 1 + 1 × 1 idle worker → 2 at most
        start(1, 1, new FakeKernel(20_000, 20_000, 5_000, 2_000));
        Client a = connect();
        Client b = connect();
        // partly sent requests: waiting, but not idle, so nothing to close to make room
        a.send("GET a");
        b.send("GET b");
        Client c = connect();
        c.send("GET c\n");
        Thread.sleep(300);
        assertEquals(2, kernel.opened.get(), "accepted beyond the limit");
        assertTrue(c.silentFor(200));
        a.close();
        assertEquals("OK c", c.line());
        assertEquals(3, kernel.opened.get());
        b.send("\n");
        assertEquals("OK b", b.line());
    }

    @Test
    void atTheLimitKeepAliveConnectionsMakeRoomForANewClient() throws Exception {
        start(1, 1, new FakeKernel(20_000, 20_000, 5_000, 2_000));
        Client a = connect();
        assertEquals("OK a", a.ask("GET a"));
        Client b = connect();
        assertEquals("OK b", b.ask("GET b"));
        Client c = connect();
        long t0 = System.nanoTime();
        assertEquals("OK c", c.ask("GET c"));
        assertTrue(millisSince(t0) < 500);
        assertTrue(a.closedWithin(500), "a kept-alive connection was not closed to make room");
    }

    @Test
    void busyWorkersShedKeepAliveConnectionsButNotNewOnes() throws Exception {
        start(1, 4, new FakeKernel(20_000, 20_000, 5_000, 2_000));
        Client kept = connect();
        assertEquals("OK k", kept.ask("GET k"));
        Client fresh = connect();
        Client sleeper = connect();
        Thread.sleep(200);
        sleeper.send("SLEEP 800\n");
        Thread.sleep(200);
        // the only worker sleeps; new work arrives
        fresh.send("GET f\n");
        assertTrue(kept.closedWithin(500), "the keep-alive connection was not shed");
        assertEquals("SLEPT 800", sleeper.line());
        assertEquals("OK f", fresh.line());
    }

    @Test
    void gracefulStopFinishesInFlightClosesIdleRefusesNew() throws Exception {
        start(2);
        Client idle = connect();
        assertEquals("OK i", idle.ask("GET i"));
        Client busy = connect();
        busy.send("SLEEP 800\n");
        Thread.sleep(200);
        long t0 = System.nanoTime();
        loop.shutdown(true);
        assertTrue(idle.closedWithin(500), "the idle connection stayed open");
        assertTrue(millisSince(t0) < 600);
        Thread.sleep(100);
        assertThrows(ConnectException.class, () -> new Socket().connect(ctx.address, 1000));
        assertEquals("SLEPT 800", busy.line());
        assertTrue(busy.closedWithin(1_000), "the connection stays open after its last request");
        listener.join(3_000);
        assertFalse(listener.isAlive(), "run() did not return after the last connection");
        assertWorkersIdle();
        for (int i = 0; i < 2; i++) {
            assertEquals(WorkerState.DEAD, ctx.board.slots[i].state);
        }
    }

    @Test
    void gracefulStopWaitsForAWriteToComplete() throws Exception {
        start(1);
        Client c = connect();
        c.send("BIG 20000000\n");
        Thread.sleep(200);
        loop.shutdown(true);
        Thread.sleep(200);
        assertTrue(listener.isAlive(), "stopped before the response was out");
        byte[] got = c.socket.getInputStream().readNBytes(20_000_000);
        assertEquals(20_000_000, got.length);
        listener.join(3_000);
        assertFalse(listener.isAlive());
    }

    @Test
    void stopNowClosesEverything() throws Exception {
        start(2);
        Client idle = connect();
        assertEquals("OK i", idle.ask("GET i"));
        Client busy = connect();
        busy.send("SLEEP 1500\n");
        Thread.sleep(200);
        long t0 = System.nanoTime();
        loop.shutdown(false);
        assertTrue(idle.closedWithin(500));
        assertTrue(busy.closedWithin(500), "the connection on a worker stayed open");
        listener.join(5_000);
        assertFalse(listener.isAlive());
        assertTrue(millisSince(t0) < 3_000);
    }

    @Test
    void stopBeforeAnyClient() throws Exception {
        start(3);
        CompletableFuture.runAsync(() -> loop.shutdown(true));
        listener.join(3_000);
        assertFalse(listener.isAlive());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private int loopConnectionsSoon(int expected) throws InterruptedException {
        for (int i = 0; i < 300 && loop.connections() != expected; i++) {
            Thread.sleep(10);
        }
        return loop.connections();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** A blocking line client. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Client(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.connect(address, 2_000);
            socket.setSoTimeout(5_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            out = socket.getOutputStream();
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String line() throws IOException {
            return in.readLine();
        }

        String ask(String request) throws IOException {
            send(request + "\n");
            return line();
        }

        /** True if the server closes (or resets) within {@code millis}, reading nothing. */
        boolean closedWithin(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            } finally {
                socket.setSoTimeout(5_000);
            }
        }

        /** True if the server closes within {@code millis}, reading (and dropping) what comes. */
        boolean closedAfterDraining(int millis) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            char[] buf = new char[65536];
            try {
                while (System.nanoTime() < deadline) {
                    socket.setSoTimeout(Math.max(1, (int) TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    if (in.read(buf) < 0) {
                        return true;
                    }
                }
                return false;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }

        /** True if nothing arrives for {@code millis}. */
        boolean silentFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                in.mark(1);
                int c = in.read();
                in.reset();
                return c == -2;
            } catch (SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(5_000);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
