package io.jhttpd.mpm.event.internal;

import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.ConnectionProcessor;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the kernel's HTTP engine, keeping the {@link ConnectionHandle} contract for
 * non-blocking channels with a line protocol: {@code GET x} answers {@code OK x}, {@code SLEEP n}
 * blocks the worker n ms then answers {@code SLEPT n}, {@code SPIN n} keeps it busy n microseconds
 * (answer {@code SPUN n}), {@code BLOCK n} says it is about to block (as a CGI handler does)
 * and then sleeps n ms (answer {@code BLOCKED n}), {@code BIG n} answers n bytes (write
 * completion when the socket is full), {@code QUIT} answers {@code BYE} and closes lingering,
 * {@code THREAD} answers the serving thread's name. A partly received line is a partly read
 * request (408 on timeout). Like the kernel, it holds a finished response when asked to
 * ({@code serveHoldingResponse}) and writes it at the next {@code serve}. It records contract
 * violations (two threads in one handle) and who called what.
 */
final class FakeKernel implements ConnectionProcessor {

    final long keepAliveMillis;
    final long readMillis;
    final long writeMillis;
    final long lingerMillis;
    final Set<Conn> open = ConcurrentHashMap.newKeySet();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final List<String> timeoutThreads = Collections.synchronizedList(new ArrayList<>());
    final List<String> lingerThreads = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger opened = new AtomicInteger();
    /** Responses held by {@code serveHoldingResponse} for a later {@code serve} to write. */
    final AtomicInteger held = new AtomicInteger();
    volatile boolean closing;

    FakeKernel(long keepAliveMillis, long readMillis, long writeMillis, long lingerMillis) {
        this.keepAliveMillis = keepAliveMillis;
        this.readMillis = readMillis;
        this.writeMillis = writeMillis;
        this.lingerMillis = lingerMillis;
    }

    @Override
    public ConnectionHandle open(SocketChannel channel, WorkerSlot slot) {
        if (channel.isBlocking()) {
            violations.add("a blocking channel was opened");
        }
        opened.incrementAndGet();
        Conn c = new Conn(channel, slot);
        open.add(c);
        return c;
    }

    @Override
    public void closeIdleAndFinish() {
        // like the kernel: a non-blocking connection is not closed here; it finishes its request and closes
        closing = true;
    }

    @Override
    public int openConnections() {
        return open.size();
    }

    private enum State { READING, WRITING, LINGERING, CLOSED }

    /** One connection of the line protocol. */
    final class Conn implements ConnectionHandle {
        private final SocketChannel ch;
        private volatile WorkerSlot slot;
        private final AtomicReference<Thread> inside = new AtomicReference<>();
        private final ByteBuffer in = ByteBuffer.allocate(8192);
        private final StringBuilder line = new StringBuilder();
        private final ByteBuffer big = ByteBuffer.allocate(65536);
        private ByteBuffer out;
        private long bigLeft;
        private State state = State.READING;
        private boolean served;
        private boolean hold;
        private long lingerDeadline;
        private volatile Runnable blockingListener = () -> { };

        Conn(SocketChannel ch, WorkerSlot slot) {
            this.ch = ch;
            this.slot = slot;
            while (big.hasRemaining()) {
                big.put((byte) 'b');
            }
        }

        private void enter() {
            if (!inside.compareAndSet(null, Thread.currentThread())) {
                violations.add("two threads in one connection: " + Thread.currentThread().getName() + " and " + inside.get().getName());
            }
        }

        private void leave() {
            inside.set(null);
        }

        @Override
        public Next serve() throws IOException {
            return serve(false);
        }

        @Override
        public Next serveHoldingResponse() throws IOException {
            return serve(true);
        }

        private Next serve(boolean holdResponse) throws IOException {
            enter();
            hold = holdResponse;
            try {
                return serveInside();
            } finally {
                hold = false;
                leave();
            }
        }

        private Next serveInside() throws IOException {
            switch (state) {
                case CLOSED:
                    return Next.CLOSED;
                case LINGERING:
                    lingerThreads.add(Thread.currentThread().getName());
                    return drain();
                case WRITING:
                    if (!flush()) {
                        return Next.WRITE;
                    }
                    state = State.READING;
                    break;
                default:
                    break;
            }
            while (true) {
                // lines already received first (pipelining), then the socket
                int nl = line.indexOf("\n");
                if (nl < 0) {
                    int n;
                    try {
                        n = ch.read(in);
                    } catch (IOException e) {
                        close();
                        return Next.CLOSED;
                    }
                    if (n < 0) {
                        close();
                        return Next.CLOSED;
                    }
                    if (n == 0) {
                        return Next.READ;
                    }
                    in.flip();
                    line.append(StandardCharsets.ISO_8859_1.decode(in));
                    in.clear();
                    continue;
                }
                String cmd = line.substring(0, nl).strip();
                line.delete(0, nl + 1);
                Next next = command(cmd);
                if (next != null) {
                    return next;
                }
            }
        }

        /** Runs one request; null to go on reading. */
        private Next command(String cmd) throws IOException {
            slot.setState(WorkerState.BUSY_WRITE);
            String[] w = cmd.split(" ", 2);
            String arg = w.length > 1 ? w[1] : "";
            switch (w[0]) {
                case "SLEEP":
                    try {
                        Thread.sleep(Long.parseLong(arg));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    respond("SLEPT " + arg + "\n");
                    break;
                case "BLOCK":
                    // as a CGI handler: says it will block, then waits for its "script"
                    blockingListener.run();
                    try {
                        Thread.sleep(Long.parseLong(arg));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    respond("BLOCKED " + arg + "\n");
                    break;
                case "SPIN":
                    long until = System.nanoTime() + Long.parseLong(arg) * 1_000L;
                    while (System.nanoTime() - until < 0) {
                        Thread.onSpinWait();
                    }
                    respond("SPUN " + arg + "\n");
                    break;
                case "BIG":
                    out = ByteBuffer.allocate(0);
                    bigLeft = Long.parseLong(arg);
                    break;
                case "QUIT":
                    respond("BYE\n");
                    if (!flush()) {
                        close();
                        return Next.CLOSED;
                    }
                    ch.shutdownOutput();
                    state = State.LINGERING;
                    lingerDeadline = System.currentTimeMillis() + lingerMillis;
                    return drain();
                case "THREAD":
                    respond(Thread.currentThread().getName() + "\n");
                    break;
                default:
                    respond("OK " + arg + "\n");
                    break;
            }
            slot.requestFinished(1);
            served = true;
            if (hold && !closing) {
                held.incrementAndGet();
                state = State.WRITING;
                return Next.WRITE;
            }
            if (!flush()) {
                if (!ch.isOpen()) {
                    close();
                    return Next.CLOSED;
                }
                state = State.WRITING;
                return Next.WRITE;
            }
            if (closing) {
                close();
                return Next.CLOSED;
            }
            return null;
        }

        private void respond(String s) {
            out = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Writes what the socket takes now; true when all is out. */
        private boolean flush() {
            try {
                if (out != null) {
                    ch.write(out);
                    if (out.hasRemaining()) {
                        return false;
                    }
                }
                while (bigLeft > 0) {
                    big.clear();
                    if (bigLeft < big.capacity()) {
                        big.limit((int) bigLeft);
                    }
                    int n = ch.write(big);
                    bigLeft -= n;
                    if (n == 0) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        private Next drain() {
            ByteBuffer d = ByteBuffer.allocate(1024);
            try {
                while (true) {
                    d.clear();
                    int n = ch.read(d);
                    if (n < 0) {
                        close();
                        return Next.CLOSED;
                    }
                    if (n == 0) {
                        break;
                    }
                }
            } catch (IOException e) {
                close();
                return Next.CLOSED;
            }
            if (System.currentTimeMillis() >= lingerDeadline) {
                close();
                return Next.CLOSED;
            }
            return Next.LINGER;
        }

        @Override
        public long timeoutMillis() {
            switch (state) {
                case LINGERING:
                    return Math.max(0, lingerDeadline - System.currentTimeMillis());
                case WRITING:
                    return writeMillis;
                case READING:
                    return isIdle() && served ? keepAliveMillis : readMillis;
                default:
                    return 0;
            }
        }

        @Override
        public void timeout() {
            enter();
            try {
                timeoutThreads.add(Thread.currentThread().getName());
                if (state == State.READING && !isIdle()) {
                    try {
                        ch.write(ByteBuffer.wrap("408\n".getBytes(StandardCharsets.ISO_8859_1)));
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
                close();
            } finally {
                leave();
            }
        }

        @Override
        public boolean isIdle() {
            return state == State.READING && line.length() == 0;
        }

        @Override
        public void close() {
            if (state != State.CLOSED) {
                state = State.CLOSED;
                slot.setState(WorkerState.CLOSING);
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                open.remove(this);
            }
        }

        @Override
        public WorkerSlot slot() {
            return slot;
        }

        @Override
        public void onBlocking(Runnable listener) {
            blockingListener = listener;
        }

        @Override
        public void setSlot(WorkerSlot slot) {
            this.slot = slot;
        }
    }
}
