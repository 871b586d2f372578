package io.jhttpd.kernel.engine;

import io.jhttpd.api.Brigade;
import io.jhttpd.api.Bucket;
import io.jhttpd.api.Connection;
import io.jhttpd.api.spi.ConnectionHandle;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import io.jhttpd.kernel.core.CoreServerConfig;
import io.jhttpd.kernel.core.ReadTimeouts;
import io.jhttpd.kernel.core.VirtualServer;
import io.jhttpd.kernel.http.BadRequestException;
import io.jhttpd.kernel.http.RequestLimits;
import io.jhttpd.kernel.http.RequestParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads request heads with the incremental parser, hands each request to
 * the {@link RequestProcessor}, writes responses (gathering writes, file regions zero-copy), keeps
 * the connection alive as HTTP and the configuration allow, and closes it lingering.
 *
 * <p>Given a blocking channel (worker MPM) it serves to the end, waiting for bytes and for the
 * socket in the calling thread with {@code Timeout}, {@code KeepAliveTimeout} and
 * {@code RequestReadTimeout}. Given a non-blocking one (event MPM) it returns instead of waiting:
 * {@link Next#READ} between requests or inside a head, {@link Next#WRITE} when the end of a response
 * is still queued for a socket that could not take it (the handler is done; its file regions stay
 * open until the bytes are out, or the MPM asked to hold it: {@link #serveHoldingResponse}),
 * {@link Next#LINGER} while draining a closing client. After a response it does not read again
 * unless bytes are left over: a client that waits for each answer has sent nothing yet.
 */
final class HttpConnection implements ConnectionHandle, Connection, OutputChain.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final ByteBuffer CONTINUE = ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final int MAX_GATHER = 16;
    /** In-memory response bytes queued before the handler is made to wait for the socket (Apache's FlushMaxThreshold). */
    private static final long MAX_QUEUED_BYTES = 65_536;
    private static final long LINGER_MILLIS = 2_000;
    /**
     * Most bytes one non-blocking flush sends (nginx's {@code sendfile_max_chunk}): a client that
     * reads as fast as we send would otherwise keep one event-MPM thread in a single serve for a
     * whole large file, past the MPM's limit for a serve on its listener's thread. The rest goes
     * at the next select, which reports the socket writable at once.
     */
    private static final long MAX_BYTES_PER_FLUSH = 256 * 1024;
    private static final long TIMEOUT_RESPONSE_MILLIS = 1_000;
    private static final ByteBuffer NO_BYTES = ByteBuffer.allocate(0);
    /** Most request heads fit; the buffer doubles for the ones that do not. */
    private static final int FIRST_BUFFER = 4096;
    /**
     * Each thread's read buffer. A connection reads into it while a thread serves it, and takes a
     * buffer of its own only for bytes still unparsed when it goes back to wait (a partial head,
     * a pipelined request): a kept-alive request, and a closing client's lingering drain, then
     * allocate no buffer at all.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));

    private enum State { READING, WRITING, LINGERING, CLOSED }

    /** A file region still to be sent, with how far it got. */
    private static final class FileChunk {
        final FileChannel channel;
        long position;
        final long end;

        FileChunk(FileChannel channel, long position, long end) {
            this.channel = channel;
            this.position = position;
            this.end = end;
        }
    }

    private final long id = IDS.incrementAndGet();
    private final SocketIo io;
    private final RequestProcessor processor;
    private final boolean waitInThread;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final VirtualServer addressServer;
    private final CoreServerConfig limits;
    private final ReadTimeouts readTimeouts;
    private final RequestParser parser;
    private final HeadBuffer headBuffer = new HeadBuffer();
    private final ArrayDeque<Object> queued = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private final List<Runnable> afterWrite = new ArrayList<>(2);
    /** The addresses as text, made at the first request that asks (a log line, a CGI environment), then kept. */
    private String remoteIp;
    private String localIp;
    /** What the MPM asked to be told before a serve blocks ({@link #onBlocking}). */
    private Runnable blockingListener = () -> { };
    /** Actions waiting for the held response to go out ({@link #beforeHeldOutput}). */
    private final List<Runnable> beforeHeldWrite = new ArrayList<>();
    private volatile WorkerSlot slot;
    private long queuedBytes;
    /** Empty until the first read: a connection that is only waiting holds no buffer (see {@link #releaseIdleBuffer}). */
    private ByteBuffer readBuf = NO_BYTES;
    /** {@link #readBuf} is the serving thread's {@link #SCRATCH}: to be given back before the thread lets go. */
    private boolean onScratch;
    /** {@link #serveHoldingResponse}: the end of a response does not write it. */
    private boolean holdResponse;
    private State state = State.READING;
    private int keepAlives;
    private volatile boolean closing;
    private volatile boolean idleWait;
    private boolean aborted;
    private boolean committed;
    private boolean keepAliveRefused;
    private boolean keepAlive;
    /** The client ended the conversation itself: it asked to close and sent its whole request. */
    private boolean clientDone;
    private long requestStartNanos;
    /** Bytes read off the socket and queued for it since the connection opened (for %I / %O). */
    private long bytesReadTotal;
    private long bytesQueuedTotal;
    /** Where the current request began in those two streams. */
    private long requestInStart;
    private long requestOutStart;
    /** The next request was already buffered when the last response ended (pipelined). */
    private boolean pipelined;
    private long requestStartMillis;
    private long lingerDeadline;
    /** The running RequestReadTimeout stage: a deadline, a cap, and how far each byte extends it. */
    private long stageDeadline;
    private long stageCap;
    private long stageNanosPerByte;

    HttpConnection(SocketChannel channel, WorkerSlot slot, RequestProcessor processor) throws IOException {
        this.waitInThread = channel.isBlocking();
        this.io = new SocketIo(channel);
        this.slot = slot;
        this.processor = processor;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.addressServer = processor.serverForAddress(local);
        this.limits = addressServer.core();
        this.readTimeouts = limits.readTimeouts();
        this.parser = new RequestParser(new RequestLimits(limits.limitRequestLine(), limits.limitRequestFieldSize(),
                limits.limitRequestFields()));
        channel.socket().setTcpNoDelay(true);
        // the first request's head is timed from the connection's start, as mod_reqtimeout does
        beginHeaderStage(System.nanoTime());
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

    @Override
    public boolean willKeepAlive() {
        return keepAlive && !closing && !aborted;
    }

    /** Bytes of the current request consumed so far: head and body as read, pipelined successors excluded. */
    long requestBytesIn() {
        return bytesReadTotal - readBuf.remaining() - requestInStart;
    }

    /** Bytes of the current response queued for the socket so far, headers included. */
    long requestBytesOut() {
        return bytesQueuedTotal - requestOutStart;
    }

    // ---- ConnectionHandle ----------------------------------------------------------------------

    @Override
    public WorkerSlot slot() {
        return slot;
    }

    @Override
    public void setSlot(WorkerSlot slot) {
        this.slot = slot;
    }

    @Override
    public boolean isIdle() {
        return state == State.READING && !parser.hasStarted();
    }

    /**
     * Idle after at least one request: what a graceful stop closes at once. A new connection
     * whose first request has not arrived yet is served, as Apache does: the client sent it to a
     * server that accepted it, and it may be on its way (a stopping child would reset it).
     */
    private boolean isBetweenRequests() {
        return keepAlives > 0 && isIdle();
    }

    @Override
    public long timeoutMillis() {
        switch (state) {
            case LINGERING:
                return Math.max(0, lingerDeadline - System.currentTimeMillis());
            case WRITING:
                return limits.timeoutMillis();
            case READING:
                return readTimeout(isIdle());
            default:
                return 0;
        }
    }

    /** How long a read may wait: keep-alive wait, or Timeout bounded by the RequestReadTimeout stage. */
    private long readTimeout(boolean idle) {
        if (idle && keepAlives > 0) {
            return limits.keepAliveTimeoutMillis();
        }
        long t = limits.timeoutMillis();
        if (stageDeadline != 0) {
            t = Math.min(t, Math.max(0, (stageDeadline - System.nanoTime()) / 1_000_000L));
        }
        return t;
    }

    @Override
    public void timeout() {
        if (state == State.READING && parser.hasStarted() && !committed) {
            processor.timeout(this, partialLine());
            try {
                flushQueued(true, TIMEOUT_RESPONSE_MILLIS);
            } catch (IOException ignored) {
                // the client is gone or not reading; closing anyway
            }
        }
        close();
    }

    @Override
    public Next serve() throws IOException {
        return serve(false);
    }

    @Override
    public Next serveHoldingResponse() throws IOException {
        return serve(!waitInThread);
    }

    private Next serve(boolean hold) throws IOException {
        holdResponse = hold;
        try {
            return serveHere();
        } finally {
            holdResponse = false;
            leaveScratch();
        }
    }

    private Next serveHere() throws IOException {
        try {
            switch (state) {
                case CLOSED:
                    return Next.CLOSED;
                case LINGERING:
                    return drainLinger();
                case WRITING:
                    if (!beforeHeldWrite.isEmpty()) {
                        runBeforeHeldWrite();
                    }
                    if (!flushQueued(false, 0)) {
                        return Next.WRITE;
                    }
                    Next afterWrite = responseDone();
                    if (afterWrite != null) {
                        return afterWrite;
                    }
                    return readRequests(true);
                default:
                    break;
            }
            return readRequests(false);
        } catch (SocketTimeoutException e) {
            if (state == State.READING && parser.hasStarted() && !committed) {
                processor.timeout(this, partialLine());
            }
            return lingeringClose();
        } catch (IOException e) {
            aborted = true;
            LOG.debug("connection {} from {} failed: {}", id, remote, e.toString());
            close();
            return Next.CLOSED;
        }
    }

    /** Reads and serves requests; {@code answered}: a response just went out. */
    private Next readRequests(boolean answered) throws IOException {
        while (true) {
            if (!readBuf.hasRemaining()) {
                if (closing && isBetweenRequests()) {
                    close();
                    return Next.CLOSED;
                }
                if (answered && !waitInThread) {
                    // a client that waits for each response has not sent the next request yet: a
                    // read now would find nothing (a syscall per request); the selector says when
                    releaseIdleBuffer();
                    return Next.READ;
                }
                int n;
                if (waitInThread) {
                    slot.setState(isIdle() && keepAlives > 0 ? WorkerState.BUSY_KEEPALIVE : WorkerState.BUSY_READ);
                    n = fill(isIdle());
                } else {
                    n = fillNow();
                    if (n == 0) {
                        if (stageDeadline != 0 && !isIdle() && System.nanoTime() - stageDeadline >= 0) {
                            throw new SocketTimeoutException("RequestReadTimeout: the request head did not arrive in time");
                        }
                        releaseIdleBuffer();
                        return Next.READ;
                    }
                }
                if (n < 0) {
                    close();
                    return Next.CLOSED;
                }
            }
            if (!parser.hasStarted()) {
                // Apache's mod_logio counts the byte its pipelining check peeked at to the next request
                requestInStart = bytesReadTotal - readBuf.remaining() - (pipelined ? 1 : 0);
                pipelined = false;
                requestOutStart = bytesQueuedTotal;
                requestStartNanos = System.nanoTime();
                requestStartMillis = System.currentTimeMillis();
                if (keepAlives > 0) {
                    beginHeaderStage(requestStartNanos);
                }
                slot.setState(WorkerState.BUSY_READ);
            }
            boolean complete;
            try {
                complete = parser.parse(readBuf);
            } catch (BadRequestException e) {
                processor.badRequest(this, e, parser.hasStarted() ? partialLine() : "");
                return lingeringClose();
            }
            if (!complete) {
                continue;
            }
            endStage();
            beginResponse();
            processor.process(this, parser.head(), requestStartMillis, requestStartNanos);
            endStage();
            if (!queued.isEmpty()) {
                // write completion: the rest goes out as the socket takes it, in the MPM's time
                state = State.WRITING;
                return Next.WRITE;
            }
            Next next = responseDone();
            if (next != null) {
                return next;
            }
            answered = true;
        }
    }

    /** The response is out: run what waited for it, then keep the connection or close it. */
    private Next responseDone() {
        state = State.READING;
        runAfterWrite();
        if (!keepAlive || closing || aborted) {
            return lingeringClose();
        }
        keepAlives++;
        pipelined = readBuf.hasRemaining();
        parser.reset();
        slot.setState(WorkerState.BUSY_KEEPALIVE);
        return null;
    }

    private String partialLine() {
        return parser.requestLineForLog();
    }

    @Override
    public void close() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            slot.setState(WorkerState.CLOSING);
            io.close();
            queued.clear();
            queuedBytes = 0;
            runBeforeHeldWrite();
            runAfterWrite();
            processor.connectionClosed(this);
        }
    }

    /** Asks the connection to close after the request it serves; one waiting idle in its thread closes now. */
    void closeWhenIdle() {
        closing = true;
        if (idleWait) {
            io.close();
        }
    }

    // ---- RequestReadTimeout ----------------------------------------------------------------------

    private void beginHeaderStage(long now) {
        beginStage(readTimeouts.headerSeconds(), readTimeouts.headerMaxSeconds(), readTimeouts.headerMinRate(), now);
    }

    /** The body stage starts with the first read of the body. */
    private void beginBodyStage() {
        beginStage(readTimeouts.bodySeconds(), readTimeouts.bodyMaxSeconds(), readTimeouts.bodyMinRate(), System.nanoTime());
    }

    private void beginStage(int seconds, int maxSeconds, int minRate, long now) {
        if (seconds <= 0) {
            stageDeadline = 0;
            return;
        }
        stageDeadline = now + seconds * 1_000_000_000L;
        stageCap = maxSeconds > 0 ? now + maxSeconds * 1_000_000_000L : 0;
        stageNanosPerByte = minRate > 0 ? 1_000_000_000L / minRate : 0;
        if (stageDeadline == 0) {
            stageDeadline = 1;
        }
    }

    private void endStage() {
        stageDeadline = 0;
    }

    /** Bytes arrived: MinRate buys the client more time, up to the stage's cap. */
    private void arrived(int n) {
        if (stageDeadline != 0 && n > 0 && stageNanosPerByte > 0) {
            long d = stageDeadline + n * stageNanosPerByte;
            stageDeadline = stageCap != 0 && d - stageCap > 0 ? stageCap : d;
        }
    }

    // ---- reading -------------------------------------------------------------------------------

    /** The buffered input, positioned at the next unread byte. */
    ByteBuffer readBuffer() {
        return readBuf;
    }

    private int fillNow() throws IOException {
        useScratchIfEmpty();
        readBuf.compact();
        try {
            if (!readBuf.hasRemaining()) {
                readBuf = grow(readBuf);
                onScratch = false;
            }
            int n = io.readNow(readBuf);
            arrived(n);
            bytesReadTotal += Math.max(0, n);
            return n;
        } finally {
            readBuf.flip();
        }
    }

    /** Reads more of a request body, waiting as {@code Timeout} and the body's RequestReadTimeout allow. */
    int fillBody() throws IOException {
        if (stageDeadline == 0) {
            beginBodyStage();
        }
        return fill(false);
    }

    /** Reads more input, waiting up to the keep-alive timeout (idle) or {@code Timeout} and the read stage's deadline. */
    int fill(boolean idle) throws IOException {
        useScratchIfEmpty();
        readBuf.compact();
        try {
            if (!readBuf.hasRemaining()) {
                readBuf = grow(readBuf);
                onScratch = false;
            }
            long timeout = readTimeout(idle);
            if (timeout <= 0) {
                throw new SocketTimeoutException("RequestReadTimeout: the request did not arrive in time");
            }
            idleWait = idle && keepAlives > 0;
            try {
                int n = io.read(readBuf, timeout);
                arrived(n);
                bytesReadTotal += Math.max(0, n);
                return n;
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

    /** With nothing buffered, reads go to this thread's scratch buffer. */
    private void useScratchIfEmpty() {
        if (readBuf == NO_BYTES) {
            ByteBuffer b = SCRATCH.get();
            b.clear().flip();
            readBuf = b;
            onScratch = true;
        }
    }

    /**
     * The serving thread lets go of the connection: what is left unparsed of the scratch buffer
     * moves to a buffer of the connection's own (dropped when lingering or closed: nobody reads it).
     */
    private void leaveScratch() {
        if (!onScratch) {
            return;
        }
        onScratch = false;
        ByteBuffer b = readBuf;
        if (b.hasRemaining() && (state == State.READING || state == State.WRITING)) {
            ByteBuffer own = ByteBuffer.allocate(Math.max(FIRST_BUFFER, b.remaining()));
            own.put(b).flip();
            readBuf = own;
        } else {
            readBuf = NO_BYTES;
        }
    }

    /** Unread input no longer matters (the connection is closing): let go of it. */
    private void dropInput() {
        readBuf = NO_BYTES;
        onScratch = false;
    }

    private static ByteBuffer grow(ByteBuffer b) {
        ByteBuffer n = ByteBuffer.allocate(Math.max(FIRST_BUFFER, b.capacity() * 2));
        b.flip();
        n.put(b);
        return n;
    }

    /**
     * A connection parked between requests (event MPM) gives its read buffer back, so thousands of
     * idle keep-alive connections cost their socket and little else; a head in progress keeps it.
     */
    private void releaseIdleBuffer() {
        if (!readBuf.hasRemaining() && !parser.hasStarted()) {
            dropInput();
        }
    }

    // ---- response state ------------------------------------------------------------------------

    private void beginResponse() {
        committed = false;
        keepAliveRefused = false;
        keepAlive = false;
        clientDone = false;
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

    /** Apache's {@code ap_set_keepalive}: may this connection carry another request after this response? */
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
        clientDone = !ok && (r.headersIn.containsToken("Connection", "close")
                || (!r.isHttp11() && !r.headersIn.containsToken("Connection", "keep-alive")));
        return ok;
    }

    /** After the response: the body must be drained for the connection to be reused. */
    void afterResponse(RequestImpl r) {
        if (keepAlive && r.body != null && !r.body.isComplete() && !r.body.discard()) {
            keepAlive = false;
        }
        clientDone &= r.body == null || r.body.isComplete();
    }

    /** Runs {@code action} once the response's bytes are all out (now, unless write completion is pending). */
    void whenWritten(Runnable action) {
        if (queued.isEmpty()) {
            action.run();
        } else {
            afterWrite.add(action);
        }
    }

    @Override
    public String remoteIp() {
        String ip = remoteIp;
        if (ip == null) {
            ip = Connection.super.remoteIp();
            remoteIp = ip;
        }
        return ip;
    }

    @Override
    public String localIp() {
        String ip = localIp;
        if (ip == null) {
            ip = Connection.super.localIp();
            localIp = ip;
        }
        return ip;
    }

    @Override
    public void onBlocking(Runnable listener) {
        blockingListener = listener;
        io.beforeWait(listener);
    }

    @Override
    public void willBlock() {
        blockingListener.run();
    }

    @Override
    public void beforeHeldOutput(Runnable action) {
        if (holdResponse && !queued.isEmpty()) {
            beforeHeldWrite.add(action);
        } else {
            action.run();
        }
    }

    private void runBeforeHeldWrite() {
        runAll(beforeHeldWrite);
    }

    private void runAfterWrite() {
        runAll(afterWrite);
    }

    private static void runAll(List<Runnable> actions) {
        for (int i = 0; i < actions.size(); i++) {
            try {
                actions.get(i).run();
            } catch (RuntimeException e) {
                LOG.warn("JH00043: cleaning up after a response failed: {}", e.toString());
            }
        }
        actions.clear();
    }

    int maxKeepAliveRequests() {
        return limits.maxKeepAliveRequests();
    }

    long keepAliveTimeoutSeconds() {
        return Math.max(1, limits.keepAliveTimeoutMillis() / 1000);
    }

    HeadBuffer headBuffer() {
        return headBuffer.begin();
    }

    VirtualServer addressServer() {
        return addressServer;
    }

    void sendContinue() throws IOException {
        flushQueued(true, limits.timeoutMillis());
        queue(CONTINUE.duplicate());
        flushQueued(true, limits.timeoutMillis());
    }

    void markAborted() {
        aborted = true;
    }

    // ---- writing (the network stage of every output chain) ---------------------------------------

    @Override
    public void write(Brigade brigade) throws IOException {
        if (state == State.CLOSED) {
            brigade.clear();
            throw new java.nio.channels.ClosedChannelException();
        }
        Bucket b;
        while ((b = brigade.poll()) != null) {
            if (b instanceof Bucket.Data) {
                ByteBuffer buf = ((Bucket.Data) b).buffer();
                if (buf.hasRemaining()) {
                    bytesQueuedTotal += buf.remaining();
                    queue(buf);
                }
            } else if (b instanceof Bucket.FileRegion) {
                Bucket.FileRegion f = (Bucket.FileRegion) b;
                if (f.count() > 0) {
                    bytesQueuedTotal += f.count();
                    queued.add(new FileChunk(f.channel(), f.position(), f.position() + f.count()));
                }
            } else if (b instanceof Bucket.Flush) {
                flushQueued(true, limits.timeoutMillis());
            } else if (b instanceof Bucket.EndOfStream) {
                // the end of a response: a worker-MPM thread waits for the socket; with an event MPM
                // whatever the socket cannot take now is left for write completion
                if (!holdResponse) {
                    flushQueued(waitInThread, limits.timeoutMillis());
                }
            }
        }
        if (queuedBytes > MAX_QUEUED_BYTES || queued.size() > 64) {
            flushQueued(true, limits.timeoutMillis());
        }
    }

    private void queue(ByteBuffer buf) {
        queued.add(buf);
        queuedBytes += buf.remaining();
    }

    /**
     * Writes queued bytes in order: runs of buffers as one gathering write, file regions with
     * {@code transferTo}. Blocking: waits for the socket up to {@code timeoutMillis} per stall.
     * Non-blocking: stops when the socket is full. True when nothing is left.
     */
    private boolean flushQueued(boolean blocking, long timeoutMillis) throws IOException {
        if (!queued.isEmpty()) {
            slot.setState(WorkerState.BUSY_WRITE);
        }
        long budget = blocking ? Long.MAX_VALUE : MAX_BYTES_PER_FLUSH;
        while (!queued.isEmpty()) {
            if (budget <= 0) {
                return false;
            }
            Object head = queued.peekFirst();
            boolean progressed;
            if (head instanceof FileChunk) {
                FileChunk f = (FileChunk) head;
                long n = io.transferNow(f.channel, f.position, Math.min(f.end - f.position, budget));
                budget -= n;
                f.position += n;
                if (f.position >= f.end) {
                    queued.pollFirst();
                }
                progressed = n > 0;
                if (f.position < f.end && n > 0) {
                    continue;
                }
            } else {
                int k = 0;
                for (Object o : queued) {
                    if (!(o instanceof ByteBuffer) || k == MAX_GATHER) {
                        break;
                    }
                    gather[k++] = (ByteBuffer) o;
                }
                long n = io.writeNow(gather, k);
                budget -= n;
                queuedBytes -= n;
                while (!queued.isEmpty() && queued.peekFirst() instanceof ByteBuffer && !((ByteBuffer) queued.peekFirst()).hasRemaining()) {
                    queued.pollFirst();
                }
                java.util.Arrays.fill(gather, 0, k, null);
                progressed = n > 0;
                if (progressed) {
                    continue;
                }
            }
            if (!progressed) {
                if (!blocking) {
                    return false;
                }
                if (!io.awaitWritable(timeoutMillis)) {
                    throw new SocketTimeoutException("write timed out after " + timeoutMillis + " ms");
                }
            }
        }
        queuedBytes = 0;
        return true;
    }

    // ---- closing ----------------------------------------------------------------------------------

    /**
     * Closes after the response: half-close, then read and drop what the client still sends, for
     * a short while, so it sees our response rather than a reset. A worker-MPM thread does this
     * itself; with an event MPM the connection goes to the selector in {@link Next#LINGER}.
     */
    private Next lingeringClose() {
        if (state == State.CLOSED) {
            return Next.CLOSED;
        }
        if (aborted) {
            close();
            return Next.CLOSED;
        }
        try {
            flushQueued(true, TIMEOUT_RESPONSE_MILLIS);
        } catch (IOException e) {
            close();
            return Next.CLOSED;
        }
        runAfterWrite();
        boolean allRead = !readBuf.hasRemaining();
        dropInput();
        if (clientDone && allRead && nothingMoreToRead()) {
            // as nginx: a client that asked to close and sent all it meant to gets no lingering
            // close; with nothing unread in our socket the close sends a clean FIN
            close();
            return Next.CLOSED;
        }
        io.shutdownOutput();
        state = State.LINGERING;
        lingerDeadline = System.currentTimeMillis() + LINGER_MILLIS;
        slot.setState(WorkerState.CLOSING);
        if (!waitInThread) {
            return drainLinger();
        }
        ByteBuffer drain = SCRATCH.get();
        try {
            while (true) {
                long left = lingerDeadline - System.currentTimeMillis();
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
        return Next.CLOSED;
    }

    /** True if the client has sent nothing more (or closed its side); bytes it did send are dropped. */
    private boolean nothingMoreToRead() {
        try {
            ByteBuffer probe = SCRATCH.get();
            probe.clear().limit(1);
            return io.readNow(probe) <= 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads and drops what the closing client sends now; closes at its end or at the deadline. */
    private Next drainLinger() {
        ByteBuffer drain = SCRATCH.get();
        try {
            while (true) {
                drain.clear();
                int n = io.readNow(drain);
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
}
