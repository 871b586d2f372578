package io.jhttpd.mod.fcgi.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connection to a FastCGI backend over TCP or a Unix domain socket, with a timeout on connect
 * and on every read and write. The channel is non-blocking and waits in its own selector, because
 * blocking channel streams have no read timeout and Unix domain sockets have no {@code Socket}.
 */
final class BackendChannel implements Closeable {

    private static final int BUFFER = 16 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final long ioTimeoutMillis;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(BUFFER).flip();
    private final ByteBuffer writeBuffer = ByteBuffer.allocate(BUFFER);
    private final InputStream in = new In();
    private final OutputStream out = new Out();
    private boolean eof;
    private boolean closed;

    private BackendChannel(SocketChannel channel, Selector selector, long ioTimeoutMillis) {
        this.channel = channel;
        this.selector = selector;
        this.ioTimeoutMillis = ioTimeoutMillis;
    }

    /**
     * Connects to {@code address} within {@code connectTimeoutMillis}. A refused or missing
     * backend throws an {@link IOException} at once; running out of time a {@link BackendTimeoutException}.
     */
    static BackendChannel connect(SocketAddress address, long connectTimeoutMillis, long ioTimeoutMillis) throws IOException {
        SocketChannel channel = SocketChannel.open(family(address));
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = SelectorCache.take();
            // on loopback and Unix sockets the handshake is usually over by the time connect returns
            if (!channel.connect(address) && !channel.finishConnect()) {
                SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(Math.max(1, connectTimeoutMillis)) == 0) {
                    throw new BackendTimeoutException("timed out connecting to " + address + " after " + connectTimeoutMillis + " ms");
                }
                selector.selectedKeys().clear();
                channel.finishConnect();
                key.interestOps(SelectionKey.OP_READ);
            }
            if (address instanceof InetSocketAddress) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            return new BackendChannel(channel, selector, ioTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                SelectorCache.give(selector);
            }
            throw e;
        }
    }

    private static ProtocolFamily family(SocketAddress address) {
        if (address instanceof UnixDomainSocketAddress) {
            return StandardProtocolFamily.UNIX;
        }
        return ((InetSocketAddress) address).getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }

    InputStream in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * True if the backend has closed its side or sent bytes nobody asked for: an idle pooled
     * connection in that state must not be used again.
     */
    boolean isStale() {
        if (!channel.isOpen() || eof || readBuffer.hasRemaining()) {
            return true;
        }
        try {
            readBuffer.clear();
            int n = channel.read(readBuffer);
            readBuffer.flip();
            return n != 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void await(int op) throws IOException {
        SelectionKey key = channel.keyFor(selector);
        if (key == null) {
            channel.register(selector, op);
        } else if (key.interestOps() != op) {
            // the interest stays between waits: a select outside await never happens, and an
            // unchanged interest costs no epoll_ctl per wait
            key.interestOps(op);
        }
        int ready = selector.select(Math.max(1, ioTimeoutMillis));
        selector.selectedKeys().clear();
        if (ready == 0) {
            throw new BackendTimeoutException("FastCGI backend did not " + (op == SelectionKey.OP_READ ? "answer" : "read")
                    + " within " + ioTimeoutMillis + " ms");
        }
    }

    private int fill() throws IOException {
        readBuffer.clear();
        int n;
        while ((n = channel.read(readBuffer)) == 0) {
            await(SelectionKey.OP_READ);
        }
        readBuffer.flip();
        if (n < 0) {
            eof = true;
        }
        return n;
    }

    private void drain() throws IOException {
        writeBuffer.flip();
        while (writeBuffer.hasRemaining()) {
            if (channel.write(writeBuffer) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
        writeBuffer.clear();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do with a channel that fails to close
        }
        if (!closed) {
            closed = true;
            SelectorCache.give(selector);
        }
    }

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            if (!readBuffer.hasRemaining() && (eof || fill() < 0)) {
                return -1;
            }
            return readBuffer.get() & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!readBuffer.hasRemaining() && (eof || fill() < 0)) {
                return -1;
            }
            int n = Math.min(len, readBuffer.remaining());
            readBuffer.get(b, off, n);
            return n;
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            if (!writeBuffer.hasRemaining()) {
                drain();
            }
            writeBuffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (!writeBuffer.hasRemaining()) {
                    drain();
                }
                int n = Math.min(len, writeBuffer.remaining());
                writeBuffer.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
        }
    }
}
