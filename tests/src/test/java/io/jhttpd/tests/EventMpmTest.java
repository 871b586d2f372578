package io.jhttpd.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jhttpd.tests.echo.EchoModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The event MPM ({@code LoadModule mpm_event_module}) end to end: the common cases as under worker,
 * and what it is for — connections that only wait (a head trickling in, keep-alive between
 * requests, a large response the client does not read) hold no worker thread, so a few threads
 * serve a normal client promptly while hundreds of connections wait; RequestReadTimeout and
 * KeepAliveTimeout close the waiting ones; graceful stop finishes what is in flight and refuses
 * new clients.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventMpmTest {

    private static final String ECHO = "<Location /echo>\n  SetHandler echo\n</Location>\n";

    private static TestServer event(String config) throws Exception {
        return TestServer.startWith("event", config);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    // ---- the common cases ------------------------------------------------------------------------------

    @Test
    void servesAFile() throws Exception {
        try (TestServer s = event("")) {
            s.file("index.html", "<p>hello</p>\n");
            RawHttp.Response r = s.get("/index.html");
            assertEquals(200, r.status);
            assertEquals("<p>hello</p>\n", r.bodyText());
            assertEquals(404, s.get("/missing").status);
        }
    }

    @Test
    void keepsAConnectionAliveForAHundredRequests() throws Exception {
        try (TestServer s = event("MaxKeepAliveRequests 0"); RawHttp c = new RawHttp(s.port)) {
            s.file("a.txt", "a\n");
            for (int i = 0; i < 100; i++) {
                c.send(get("/a.txt"));
                RawHttp.Response r = c.read();
                assertEquals(200, r.status, "request " + i);
                assertEquals("a\n", r.bodyText());
            }
            assertFalse(c.isClosedByServer(200), "closed after 100 requests");
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws Exception {
        try (TestServer s = event(""); RawHttp c = new RawHttp(s.port)) {
            s.file("a.txt", "a\n");
            s.file("b.txt", "bb\n");
            c.send(get("/a.txt") + get("/b.txt") + get("/missing") + get("/a.txt"));
            assertEquals("a\n", c.read().bodyText());
            assertEquals("bb\n", c.read().bodyText());
            assertEquals(404, c.read().status);
            assertEquals("a\n", c.read().bodyText());
        }
    }

    @Test
    void echoesAChunkedBody() throws Exception {
        try (TestServer s = event(ECHO); RawHttp c = new RawHttp(s.port)) {
            byte[] body = new byte[200_000];
            new Random(7).nextBytes(body);
            c.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n");
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int at = 0; at < body.length; at += 30_000) {
                int n = Math.min(30_000, body.length - at);
                chunks.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                chunks.write(body, at, n);
                chunks.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            chunks.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            c.send(chunks.toByteArray());
            RawHttp.Response r = c.read();
            assertEquals(200, r.status);
            assertArrayEquals(body, r.body);
            // and the connection serves the next request
            c.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello");
            assertEquals("hello", c.read().bodyText());
        }
    }

    /**
     * A CGI script keeps its thread until it answers: the thread hands the listening on as the
     * script starts, rather than when the watchdog finds it stuck a millisecond later (the debug
     * log says which), and other clients are answered meanwhile. Runs the image, as a user would,
     * since only there the error log is written.
     */
    @Test
    void aCgiRequestHandsTheListeningOnAsTheScriptStarts() throws Exception {
        java.nio.file.Path scripts = Files.createTempDirectory("jhttpd-cgi");
        java.nio.file.Path script = scripts.resolve("wait.cgi");
        Files.writeString(script, "#!/bin/sh\nsleep 0.3\nprintf 'Content-Type: text/plain\\n\\nwaited\\n'\n");
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Path quick = scripts.resolve("quick.cgi");
        Files.writeString(quick, "#!/bin/sh\nprintf 'Content-Type: text/plain\\n\\nquick\\n'\n");
        Files.setPosixFilePermissions(quick, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerProcess s = ServerProcess.start(String.join("\n",
                "LoadModule mpm_event_module modules/mod_mpm_event.so",
                "StartServers 1",
                "ThreadsPerChild 8",
                "MinSpareThreads 1",
                "MaxSpareThreads 16",
                "LogLevel debug",
                "ScriptAlias /cgi/ \"" + scripts + "/\""), 1)) {
            // a cold server spends more than the watchdog's millisecond before a script starts,
            // and the watchdog is first then: these warm the way up
            for (int i = 0; i < 40; i++) {
                assertEquals(200, ServerProcess.get(s.port, "/cgi/quick.cgi"));
            }
            int before = count(s.errorLog(), "a handler is about to block: passing the role on");
            for (int round = 1; round <= 3; round++) {
                try (RawHttp cgi = new RawHttp(s.port)) {
                    cgi.send(get("/cgi/wait.cgi"));
                    for (int i = 0; i < 5; i++) {
                        assertEquals(200, ServerProcess.get(s.port, "/index.html"));
                    }
                    RawHttp.Response r = cgi.read();
                    assertEquals(200, r.status);
                    assertEquals("waited\n", r.bodyText());
                }
            }
            int passes = count(s.errorLog(), "a handler is about to block: passing the role on");
            assertTrue(passes > before, (passes - before) + " hand-offs ahead of the 3 waiting scripts in\n" + s.errorLog());
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(quick);
            Files.deleteIfExists(scripts);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    // ---- waiting connections hold no thread ---------------------------------------------------------------

    @Test
    void tricklingHeadsDoNotStopANormalClientAndAreClosedPerRequestReadTimeout() throws Exception {
        // 300 connections in one process of 8 threads: Apache's admission rule would stop at
        // 8 + 8 × 2 = 24; AsyncRequestWorkerFactor is the knob that lets one process hold them
        try (TestServer s = event("AsyncRequestWorkerFactor 64\nRequestReadTimeout header=2-4,MinRate=500\n");
                Swarm loris = new Swarm(s.port, 300)) {
            s.file("a.txt", "a\n");
            long t0 = System.nanoTime();
            loris.trickle(200);
            Thread.sleep(800);
            assertEquals(300, loris.open(), "a trickling connection was dropped early");
            for (int i = 0; i < 3; i++) {
                long asked = System.nanoTime();
                RawHttp.Response r = s.get("/a.txt");
                long took = millisSince(asked);
                assertEquals(200, r.status);
                assertTrue(took < 1_000, "a normal client waited " + took + " ms behind 300 trickling heads");
                Thread.sleep(200);
            }
            // header=2-4,MinRate=500: 2 s, plus 2 ms per byte received (5 bytes a second), at most 4 s
            loris.awaitAllClosed(10_000);
            long first = loris.firstClosedMillis(t0);
            long last = loris.lastClosedMillis(t0);
            assertTrue(first >= 1_800, "a trickling head was given up on after " + first + " ms, before 2 s");
            assertTrue(last < 6_500, "the last trickling head was given up on after " + last + " ms, cap 4 s");
            assertTrue(loris.answered408() > 250, "only " + loris.answered408() + " of 300 got a 408");
        }
    }

    @Test
    void tricklingHeadsDoNotStopANormalClientUnderDefaultTimeouts() throws Exception {
        try (TestServer s = event("AsyncRequestWorkerFactor 64\n"); Swarm loris = new Swarm(s.port, 300)) {
            s.file("a.txt", "a\n");
            loris.trickle(200);
            Thread.sleep(1_000);
            long asked = System.nanoTime();
            assertEquals(200, s.get("/a.txt").status);
            assertTrue(millisSince(asked) < 1_000, "a normal client waited " + millisSince(asked) + " ms");
            // RequestReadTimeout's default header=20-40 is far off: all still open
            assertEquals(300, loris.open());
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterKeepAliveTimeout() throws Exception {
        try (TestServer s = event("KeepAliveTimeout 1"); RawHttp c = new RawHttp(s.port)) {
            s.file("a.txt", "a\n");
            c.send(get("/a.txt"));
            assertEquals("a\n", c.read().bodyText());
            long t0 = System.nanoTime();
            assertEquals(0, c.readUntilClosed(5_000).length, "closed without a word");
            long waited = millisSince(t0);
            assertTrue(waited >= 700 && waited < 3_000, "closed after " + waited + " ms; KeepAliveTimeout is 1 s");
        }
    }

    @Test
    void idleKeepAliveConnectionsDoNotStarveANewClient() throws Exception {
        // 200 idle connections and 8 threads: under worker, 8 of them would hold every thread. The
        // admission limit moves with the idle workers of the moment (8 + idle × factor); a large
        // factor keeps it above 200 even while most workers are busy, so none is shed to make room
        try (TestServer s = event("KeepAliveTimeout 30\nAsyncRequestWorkerFactor 1000\n")) {
            s.file("a.txt", "a\n");
            List<RawHttp> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    RawHttp c = new RawHttp(s.port);
                    idle.add(c);
                    c.send(get("/a.txt"));
                    assertEquals(200, c.read().status);
                }
                long asked = System.nanoTime();
                assertEquals(200, s.get("/a.txt").status);
                assertTrue(millisSince(asked) < 1_000, "a new client waited " + millisSince(asked) + " ms");
                assertWorkersWaiting();
                // all 200 were held, not closed: each serves another request
                for (RawHttp c : idle) {
                    c.send(get("/a.txt"));
                    assertEquals(200, c.read().status);
                }
            } finally {
                for (RawHttp c : idle) {
                    c.close();
                }
            }
        }
    }

    @Test
    void atTheAdmissionLimitKeepAliveConnectionsMakeRoomForANewClient() throws Exception {
        // default AsyncRequestWorkerFactor 2: 8 threads hold 8 + 8 × 2 = 24 connections; as Apache,
        // a new client over that closes the idle keep-alive ones instead of waiting behind them
        try (TestServer s = event("KeepAliveTimeout 30\n")) {
            s.file("a.txt", "a\n");
            List<RawHttp> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    RawHttp c = new RawHttp(s.port);
                    idle.add(c);
                    c.send(get("/a.txt"));
                    assertEquals(200, c.read().status);
                }
                long asked = System.nanoTime();
                assertEquals(200, s.get("/a.txt").status);
                assertTrue(millisSince(asked) < 1_000, "a new client waited " + millisSince(asked) + " ms");
                int closed = 0;
                for (RawHttp c : idle) {
                    closed += c.isClosedByServer(50) ? 1 : 0;
                }
                assertTrue(closed >= 60 - 24, "only " + closed + " of 60 idle connections were closed");
            } finally {
                for (RawHttp c : idle) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aClientThatStopsReadingALargeFileDoesNotHoldAWorker() throws Exception {
        try (TestServer s = event("ThreadsPerChild 2\nTimeout 3\n")) {
            byte[] big = new byte[20 << 20];
            new Random(1).nextBytes(big);
            Files.write(s.htdocs.resolve("big.bin"), big);
            s.file("a.txt", "a\n");
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket c = new Socket();
                    c.setReceiveBufferSize(16 * 1024);
                    c.connect(new InetSocketAddress("127.0.0.1", s.port), 2_000);
                    c.getOutputStream().write(get("/big.bin").getBytes(StandardCharsets.US_ASCII));
                    stalled.add(c);
                }
                // let the responses fill the socket buffers; the clients read nothing
                Thread.sleep(500);
                assertWorkersWaiting();
                long asked = System.nanoTime();
                assertEquals("a\n", s.get("/a.txt").bodyText());
                assertTrue(millisSince(asked) < 1_000, "the third client waited " + millisSince(asked) + " ms");
                // Timeout 3: a response the client takes nothing of is given up on (reading
                // earlier would let it go on), and only what the socket buffers held arrives
                Thread.sleep(4_000);
                for (Socket c : stalled) {
                    long read = drain(c, 5_000);
                    assertTrue(read < big.length, "the stalled response went out whole");
                }
            } finally {
                for (Socket c : stalled) {
                    c.close();
                }
            }
        }
    }

    @Test
    void aSlowReaderGetsTheWholeLargeFile() throws Exception {
        try (TestServer s = event("ThreadsPerChild 2\n")) {
            byte[] big = new byte[20 << 20];
            new Random(2).nextBytes(big);
            Files.write(s.htdocs.resolve("big.bin"), big);
            try (RawHttp c = new RawHttp(s.port)) {
                c.send(get("/big.bin"));
                Thread.sleep(300);
                RawHttp.Response r = c.read();
                assertEquals(200, r.status);
                assertArrayEquals(big, r.body);
                // write completion hands the connection back for the next request
                c.send(get("/big.bin"));
                assertEquals(big.length, c.read().body.length);
            }
        }
    }

    // ---- graceful stop ----------------------------------------------------------------------------------

    @Test
    void gracefulStopFinishesTheRequestInFlightAndRefusesNewConnections() throws Exception {
        try (TestServer s = event("KeepAliveTimeout 30\n<Location /slow>\n  SetHandler slow\n</Location>\n");
                RawHttp idle = new RawHttp(s.port); Socket busy = new Socket()) {
            s.file("a.txt", "a\n");
            idle.send(get("/a.txt"));
            assertEquals(200, idle.read().status);
            busy.connect(new InetSocketAddress("127.0.0.1", s.port), 2_000);
            busy.setSoTimeout(10_000);
            busy.getOutputStream().write("GET /slow?1000 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = busy.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            readUntil(in, got, "start\n");
            long stopAt = System.nanoTime();
            s.httpd.stop(true);
            assertTrue(idle.isClosedByServer(1_000), "the idle keep-alive connection stayed open");
            assertTrue(millisSince(stopAt) < 800, "the idle connection waited for the request in flight");
            Thread.sleep(200);
            assertRefused(s.port);
            in.transferTo(got);
            busy.shutdownOutput();
            String response = got.toString(StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response.substring(0, Math.min(200, response.length())));
            assertTrue(response.endsWith("\nend\n\r\n0\r\n\r\n"), "the response in flight was cut short");
            assertTrue(response.length() > EchoModule.SLOW_BODY_BYTES);
            assertTrue(s.httpd.awaitStop(5_000), "the server did not stop after the last response");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /**
     * Every event worker thread of this JVM is parked waiting for work, none stuck in a socket —
     * but the one holding the listener's role, which waits in the selector.
     */
    private static void assertWorkersWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (true) {
            Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
            List<Thread> workers = all.keySet().stream().filter(t -> t.getName().startsWith("jhttpd-event-worker-"))
                    .collect(Collectors.toList());
            assertFalse(workers.isEmpty(), "no event worker threads");
            List<String> busy = workers.stream().filter(t -> t.getState() != Thread.State.WAITING && !selecting(all.get(t)))
                    .map(t -> t.getName() + " " + t.getState()).collect(Collectors.toList());
            if (busy.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("worker threads busy while every connection only waits: " + busy);
            }
            Thread.sleep(20);
        }
    }

    /** The stack of the listener's loop waiting in its select (not serving a connection). */
    private static boolean selecting(StackTraceElement[] stack) {
        return stack.length > 0 && stack[0].getClassName().startsWith("sun.nio.ch.EPoll")
                && java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().endsWith(".SelectorLoop") && f.getMethodName().equals("loop"))
                && java.util.Arrays.stream(stack).noneMatch(f -> f.getClassName().endsWith(".HttpConnection"));
    }

    /** Reads and drops until the server closes; returns the bytes read. Fails if still open after {@code millis}. */
    private static long drain(Socket c, int millis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        byte[] buf = new byte[65536];
        long total = 0;
        InputStream in = c.getInputStream();
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                fail("the server did not give up on a stalled response within " + millis + " ms");
            }
            c.setSoTimeout((int) left);
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return total;
            }
            if (n < 0) {
                return total;
            }
            total += n;
        }
    }

    private static void readUntil(InputStream in, ByteArrayOutputStream got, String marker) throws IOException {
        byte[] buf = new byte[4096];
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection closed before " + marker.strip() + ": " + got);
            }
            got.write(buf, 0, n);
        }
    }

    private static void assertRefused(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            fail("a new connection was accepted after the graceful stop began");
        } catch (ConnectException expected) {
            // refused
        }
    }

    /**
     * Many clients that send a request head one byte at a time, from one thread with a selector
     * (not a thread each): each connection's close time and whether a 408 came first are recorded.
     */
    private static final class Swarm implements AutoCloseable {
        private static final byte[] HEAD = ("GET /a.txt HTTP/1.1\r\nHost: localhost\r\nUser-Agent: trickle\r\n"
                + "X-Padding: " + "p".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        private final Selector selector;
        private final SocketChannel[] channels;
        private final int[] sent;
        private final long[] closedAt;
        private final boolean[] got408;
        private final StringBuilder[] received;
        private Thread writer;
        private volatile boolean stop;

        Swarm(int port, int n) throws IOException {
            selector = Selector.open();
            channels = new SocketChannel[n];
            sent = new int[n];
            closedAt = new long[n];
            got408 = new boolean[n];
            received = new StringBuilder[n];
            for (int i = 0; i < n; i++) {
                SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_READ, i);
                channels[i] = ch;
                received[i] = new StringBuilder();
            }
        }

        /** Starts sending one byte to each connection every {@code periodMillis}. */
        void trickle(long periodMillis) {
            writer = new Thread(() -> {
                ByteBuffer one = ByteBuffer.allocate(1);
                while (!stop) {
                    synchronized (this) {
                        for (int i = 0; i < channels.length; i++) {
                            if (closedAt[i] != 0 || sent[i] >= HEAD.length) {
                                continue;
                            }
                            one.clear();
                            one.put(HEAD[sent[i]]).flip();
                            try {
                                sent[i] += channels[i].write(one);
                            } catch (IOException e) {
                                // closed by the server; the reader records it
                            }
                        }
                    }
                    try {
                        Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "trickle");
            writer.setDaemon(true);
            writer.start();
        }

        /** Connections the server has not closed, as far as reading them shows now. */
        synchronized int open() throws IOException {
            poll(0);
            int n = 0;
            for (long t : closedAt) {
                n += t == 0 ? 1 : 0;
            }
            return n;
        }

        void awaitAllClosed(long millis) throws IOException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (true) {
                synchronized (this) {
                    poll(10);
                    int open = 0;
                    for (long t : closedAt) {
                        open += t == 0 ? 1 : 0;
                    }
                    if (open == 0) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        fail(open + " trickling connections still open after " + millis + " ms");
                    }
                }
            }
        }

        private void poll(long millis) throws IOException {
            if (millis > 0) {
                selector.select(millis);
            } else {
                selector.selectNow();
            }
            ByteBuffer buf = ByteBuffer.allocate(4096);
            for (SelectionKey k : selector.selectedKeys()) {
                int i = (Integer) k.attachment();
                buf.clear();
                int n;
                try {
                    n = channels[i].read(buf);
                } catch (IOException e) {
                    n = -1;
                }
                if (n > 0) {
                    received[i].append(new String(buf.array(), 0, n, StandardCharsets.ISO_8859_1));
                    got408[i] |= received[i].toString().startsWith("HTTP/1.1 408 ");
                } else if (n < 0) {
                    closedAt[i] = System.nanoTime();
                    k.cancel();
                }
            }
            selector.selectedKeys().clear();
        }

        long firstClosedMillis(long t0) {
            long min = Long.MAX_VALUE;
            for (long t : closedAt) {
                min = Math.min(min, t - t0);
            }
            return min / 1_000_000;
        }

        long lastClosedMillis(long t0) {
            long max = Long.MIN_VALUE;
            for (long t : closedAt) {
                max = Math.max(max, t - t0);
            }
            return max / 1_000_000;
        }

        int answered408() {
            int n = 0;
            for (boolean b : got408) {
                n += b ? 1 : 0;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            stop = true;
            if (writer != null) {
                writer.interrupt();
            }
            for (SocketChannel ch : channels) {
                if (ch != null) {
                    ch.close();
                }
            }
            selector.close();
        }
    }
}
