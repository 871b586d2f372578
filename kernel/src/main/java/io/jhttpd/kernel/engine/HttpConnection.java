package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Connection;
import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import io.jhttpd.kernel.core.CoreServerConfig;
import io.jhttpd.kernel.core.VirtualServer;
import io.jhttpd.kernel.http.BadRequestException;
import io.jhttpd.kernel.http.RequestLimits;
import io.jhttpd.kernel.http.RequestParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads request heads with the incremental parser, hands each request to
 * the {@link RequestProcessor}, writes responses (gathering writes, file regions zero-copy), keeps
 * the connection alive as HTTP and the configuration allow, and closes it lingering.
 *
 * <p>Given a blocking channel (worker MPM) it serves to the end, waiting for bytes in the calling
 * thread with {@code Timeout}/{@code KeepAliveTimeout}; given a non-blocking one (event MPM) it
 * returns {@link Next#READ} whenever it would have to wait between requests or inside a head.
 */
final class HttpConnection implements ConnectionHandle, Connection, OutputChain.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final ByteBuffer CONTINUE = ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final int MAX_PENDING = 16;
    private static final long LINGER_MILLIS = 2_000;

    private final long id = IDS.incrementAndGet();
    private final SocketIo io;
    private final WorkerSlot slot;
    private final RequestProcessor processor;
    private final boolean waitInThread;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final VirtualServer addressServer;
    private final CoreServerConfig limits;
    private final RequestParser parser;
    private final StringBuilder headerBuilder = new StringBuilder(512);
    private final ByteBuffer[] pending = new ByteBuffer[MAX_PENDING];
    private int pendingCount;
    private ByteBuffer readBuf = ByteBuffer.allocate(16 * 1024).flip();
    private int keepAlives;
    private volatile boolean closing;
    private volatile boolean idleWait;
    private boolean aborted;
    private boolean closed;
    private boolean committed;
    private boolean keepAliveRefused;
    private boolean keepAlive;
    private long requestStartNanos;
    private long requestStartMillis;

    HttpConnection(SocketChannel channel, WorkerSlot slot, RequestProcessor processor) throws IOException {
        this.waitInThread = channel.isBlocking();
        this.io = new SocketIo(channel);
        this.slot = slot;
        this.processor = processor;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.addressServer = processor.serverForAddress(local);
        this.limits = addressServer.core();
        this.parser = new RequestParser(new RequestLimits(limits.limitRequestLine(), limits.limitRequestFieldSize(),
                limits.limitRequestFields()));
        channel.socket().setTcpNoDelay(true);
    }

    // ---- Connection --------------------------------------------------------------------------

    @Override
    public long id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public int keepAliveCount() {
        return keepAlives;
    }

    @Override
    public boolean isAborted() {
        return aborted;
    }

    // ---- ConnectionHandle ----------------------------------------------------------------------

    @Override
    public WorkerSlot slot() {
        return slot;
    }

    @Override
    public boolean isIdle() {
        return !parser.hasStarted();
    }

    @Override
    public long timeoutMillis() {
        return isIdle() && keepAlives > 0 ? limits.keepAliveTimeoutMillis() : limits.timeoutMillis();
    }

    @Override
    public Next serve() throws IOException {
        if (closed) {
            return Next.CLOSED;
        }
        try {
            while (true) {
                if (!readBuf.hasRemaining()) {
                    if (closing && isIdle()) {
                        close();
                        return Next.CLOSED;
                    }
                    int n;
                    if (waitInThread) {
                        slot.setState(isIdle() && keepAlives > 0 ? WorkerState.BUSY_KEEPALIVE : WorkerState.BUSY_READ);
                        n = fill(isIdle());
                    } else {
                        n = fillNow();
                        if (n == 0) {
                            return Next.READ;
                        }
                    }
                    if (n < 0) {
                        close();
                        return Next.CLOSED;
                    }
                }
                if (!parser.hasStarted()) {
                    requestStartNanos = System.nanoTime();
                    requestStartMillis = System.currentTimeMillis();
                    slot.setState(WorkerState.BUSY_READ);
                }
                boolean complete;
                try {
                    complete = parser.parse(readBuf);
                } catch (BadRequestException e) {
                    processor.badRequest(this, e, parser.hasStarted() ? partialLine() : "");
                    lingeringClose();
                    return Next.CLOSED;
                }
                if (!complete) {
                    continue;
                }
                beginResponse();
                processor.process(this, parser.head(), requestStartMillis, requestStartNanos);
                if (!keepAlive || closing || aborted) {
                    lingeringClose();
                    return Next.CLOSED;
                }
                keepAlives++;
                parser.reset();
                slot.setState(WorkerState.BUSY_KEEPALIVE);
            }
        } catch (SocketTimeoutException e) {
            if (parser.hasStarted() && !committed) {
                processor.timeout(this, partialLine());
            }
            lingeringClose();
            return Next.CLOSED;
        } catch (IOException e) {
            aborted = true;
            LOG.debug("connection {} from {} failed: {}", id, remote, e.toString());
            close();
            return Next.CLOSED;
        }
    }

    private String partialLine() {
        return parser.requestLineForLog();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            slot.setState(WorkerState.CLOSING);
            io.close();
            processor.connectionClosed(this);
        }
    }

    /** Asks the connection to close after the request it serves; an idle one closes now. */
    void closeWhenIdle() {
        closing = true;
        if (idleWait) {
            io.close();
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    /** The buffered input, positioned at the next unread byte. */
    ByteBuffer readBuffer() {
        return readBuf;
    }

    private int fillNow() throws IOException {
        readBuf.compact();
        try {
            return io.readNow(readBuf);
        } finally {
            readBuf.flip();
        }
    }

    /** Reads more input, waiting up to the keep-alive timeout (idle) or {@code Timeout}. */
    int fill(boolean idle) throws IOException {
        readBuf.compact();
        try {
            if (!readBuf.hasRemaining()) {
                readBuf = grow(readBuf);
            }
            long timeout = idle && keepAlives > 0 ? limits.keepAliveTimeoutMillis() : limits.timeoutMillis();
            idleWait = idle;
            try {
                return io.read(readBuf, timeout);
            } catch (java.nio.channels.ClosedChannelException e) {
                if (closing) {
                    return -1;
                }
                throw e;
            } finally {
                idleWait = false;
            }
        } finally {
            readBuf.flip();
        }
    }

    private static ByteBuffer grow(ByteBuffer b) {
        ByteBuffer n = ByteBuffer.allocate(b.capacity() * 2);
        b.flip();
        n.put(b);
        return n;
    }

    // ---- response state ------------------------------------------------------------------------

    private void beginResponse() {
        committed = false;
        keepAliveRefused = false;
        keepAlive = false;
    }

    boolean responseCommitted() {
        return committed;
    }

    void commit() {
        committed = true;
    }

    void refuseKeepAlive() {
        keepAliveRefused = true;
        keepAlive = false;
    }

    /**
     * Apache's {@code ap_set_keepalive}: may this connection carry another request after this response?
     * As in Apache, {@code MaxKeepAliveRequests} counts the requests that follow the first one: with
     * 5, a connection carries 6 requests and the 6th response says {@code Connection: close}.
     */
    boolean decideKeepAlive(RequestImpl r, boolean framed) {
        int max = limits.maxKeepAliveRequests();
        boolean ok = !keepAliveRefused && framed && !closing && limits.keepAlive()
                && (max == 0 || keepAlives < max)
                && !HttpStatus.dropsConnection(r.status)
                && !r.headersIn.containsToken("Connection", "close")
                && (r.isHttp11() || r.headersIn.containsToken("Connection", "keep-alive"))
                && (r.body == null || !r.body.failed())
                // as Apache (PR 47087): whether the bytes after this response are the held-back
                // body or the next request cannot be known, so a response that answers before the
                // 100 Continue went out ends the connection
                && (r.body == null || !r.body.awaitsContinue());
        keepAlive = ok;
        return ok;
    }

    /** After the response: the body must be drained for the connection to be reused. */
    void afterResponse(RequestImpl r) {
        if (keepAlive && r.body != null && !r.body.isComplete() && !r.body.discard()) {
            keepAlive = false;
        }
    }

    int maxKeepAliveRequests() {
        return limits.maxKeepAliveRequests();
    }

    long keepAliveTimeoutSeconds() {
        return Math.max(1, limits.keepAliveTimeoutMillis() / 1000);
    }

    StringBuilder headerBuilder() {
        headerBuilder.setLength(0);
        return headerBuilder;
    }

    VirtualServer addressServer() {
        return addressServer;
    }

    void sendContinue() throws IOException {
        flushPending();
        ByteBuffer c = CONTINUE.duplicate();
        io.write(new ByteBuffer[] {c}, 1, limits.timeoutMillis());
    }

    void markAborted() {
        aborted = true;
    }

    // ---- writing (the network stage of every output chain) ---------------------------------------

    @Override
    public void write(Brigade brigade) throws IOException {
        if (closed) {
            brigade.clear();
            throw new java.nio.channels.ClosedChannelException();
        }
        Bucket b;
        while ((b = brigade.poll()) != null) {
            if (b instanceof Bucket.Data) {
                ByteBuffer buf = ((Bucket.Data) b).buffer();
                if (buf.hasRemaining()) {
                    if (pendingCount == MAX_PENDING) {
                        flushPending();
                    }
                    pending[pendingCount++] = buf;
                }
            } else if (b instanceof Bucket.FileRegion) {
                Bucket.FileRegion f = (Bucket.FileRegion) b;
                flushPending();
                slot.setState(WorkerState.BUSY_WRITE);
                io.transfer(f.channel(), f.position(), f.count(), limits.timeoutMillis());
            } else if (b instanceof Bucket.Flush || b instanceof Bucket.EndOfStream) {
                flushPending();
            }
        }
    }

    private void flushPending() throws IOException {
        if (pendingCount > 0) {
            try {
                io.write(pending, pendingCount, limits.timeoutMillis());
            } finally {
                java.util.Arrays.fill(pending, 0, pendingCount, null);
                pendingCount = 0;
            }
        }
    }

    /** Closes after sending what is pending: half-close, then read and drop what the client still sends, briefly. */
    void lingeringClose() {
        if (closed) {
            return;
        }
        try {
            flushPending();
        } catch (IOException ignored) {
            // the client went away; nothing to linger for
        }
        io.shutdownOutput();
        long deadline = System.currentTimeMillis() + LINGER_MILLIS;
        ByteBuffer drain = ByteBuffer.allocate(4096);
        try {
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                drain.clear();
                if (io.read(drain, left) < 0) {
                    break;
                }
            }
        } catch (IOException ignored) {
            // timeout or reset: either way we are done lingering
        }
        close();
    }
}
