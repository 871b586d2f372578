package io.jhttpd.kernel.engine;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A client socket kept in non-blocking mode, with reads and writes that wait up to a timeout
 * (Apache's {@code Timeout}) on a per-thread selector. Non-blocking underneath, so an event loop
 * can take over the same channel between requests.
 */
final class SocketIo {

    private static final ThreadLocal<Selector> WAITER = ThreadLocal.withInitial(() -> {
        try {
            return Selector.open();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    });

    private final SocketChannel channel;
    /** Volatile: {@link #close} may run on another thread (graceful stop) and must see the worker's key to wake it. */
    private volatile SelectionKey waitKey;
    /** Runs before each wait for the socket (see {@code ConnectionHandle.onBlocking}); none by default. */
    private Runnable beforeWait = () -> { };

    SocketIo(SocketChannel channel) throws IOException {
        this.channel = channel;
        if (channel.isBlocking()) {
            channel.configureBlocking(false);
        }
    }

    void beforeWait(Runnable action) {
        beforeWait = action;
    }

    /** Reads what is available now: bytes read, 0 if none, -1 at end of stream. */
    int readNow(ByteBuffer dst) throws IOException {
        return channel.read(dst);
    }

    /** Reads at least one byte, waiting up to {@code timeoutMillis}; -1 at end of stream. */
    int read(ByteBuffer dst, long timeoutMillis) throws IOException {
        int n = channel.read(dst);
        if (n != 0) {
            return n;
        }
        beforeWait.run();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || !await(SelectionKey.OP_READ, left)) {
                if (!channel.isOpen()) {
                    // closed by another thread (graceful stop of an idle connection), which woke us
                    throw new java.nio.channels.AsynchronousCloseException();
                }
                if (deadline - System.nanoTime() > 0) {
                    continue;
                }
                throw new SocketTimeoutException("read timed out after " + timeoutMillis + " ms");
            }
            n = channel.read(dst);
            if (n != 0) {
                return n;
            }
        }
    }

    /** Waits until the socket takes more bytes; false on timeout. */
    boolean awaitWritable(long timeoutMillis) throws IOException {
        beforeWait.run();
        return await(SelectionKey.OP_WRITE, Math.max(1, timeoutMillis));
    }

    /** Writes what the socket takes now from {@code buffers[0..count)}; the bytes written (maybe 0). */
    long writeNow(ByteBuffer[] buffers, int count) throws IOException {
        return channel.write(buffers, 0, count);
    }

    /**
     * Sends what the socket takes now of {@code count} bytes of {@code file} from {@code position},
     * zero-copy; the bytes sent (maybe 0). A file that ends before the region does is an error:
     * the response already promised those bytes.
     */
    long transferNow(FileChannel file, long position, long count) throws IOException {
        long n = file.transferTo(position, count, channel);
        if (n == 0 && position >= file.size()) {
            throw new IOException("file shrank while being sent: it ends at " + file.size() + ", the response promised "
                    + (position + count) + " bytes");
        }
        return n;
    }

    /**
     * Waits on this thread's selector. The channel stays registered there between waits (a worker
     * serves one connection to its end), so a wait costs one epoll_wait, not a register and a
     * cancel each time; the registration goes when the connection closes or moves to another thread.
     */
    private boolean await(int ops, long timeoutMillis) throws IOException {
        Selector selector = WAITER.get();
        SelectionKey key = waitKey;
        if (key == null || key.selector() != selector || !key.isValid()) {
            dropWaitKey();
            try {
                key = channel.register(selector, ops);
            } catch (CancelledKeyException e) {
                // This thread served the connection before, and the thread that served it next
                // cancelled that registration; this selector drops a cancelled key only at its next
                // select, and until then the channel cannot register again. (The event MPM passes a
                // connection between threads in mid-serve, so this came up in about 1 of 200
                // requests whose body was still arriving, as a 500.)
                selector.selectNow();
                selector.selectedKeys().clear();
                key = channel.register(selector, ops);
            }
            waitKey = key;
        } else if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
        try {
            return selector.select(Math.max(1, timeoutMillis)) > 0;
        } finally {
            selector.selectedKeys().clear();
        }
    }

    private void dropWaitKey() throws IOException {
        SelectionKey key = waitKey;
        waitKey = null;
        if (key != null) {
            key.cancel();
            if (key.selector() == WAITER.get()) {
                key.selector().selectNow();
            } else {
                // another worker's selector: its next select releases the key (and the socket's fd)
                key.selector().wakeup();
            }
        }
    }

    void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException ignored) {
            // the peer may be gone already; closing follows
        }
    }

    void close() {
        SelectionKey key = waitKey;
        try {
            dropWaitKey();
        } catch (IOException | RuntimeException ignored) {
            // the selector flushes a cancelled key on its next select anyway
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do for a socket that fails to close
        }
        if (key != null && key.selector() != WAITER.get()) {
            // a worker waiting for this socket in its own selector wakes now, not at its timeout
            key.selector().wakeup();
        }
    }
}
