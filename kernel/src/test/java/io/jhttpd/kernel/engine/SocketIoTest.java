package io.jhttpd.kernel.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The hook an MPM gets before a serve blocks on the client's socket ({@code ConnectionHandle.onBlocking}). */
class SocketIoTest {

    @Test
    void theHookRunsOnlyWhenAReadOrWriteHasToWait() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept()) {
            SocketIo io = new SocketIo(accepted);
            AtomicInteger waits = new AtomicInteger();
            io.beforeWait(waits::incrementAndGet);
            ByteBuffer buf = ByteBuffer.allocate(64);

            client.write(ByteBuffer.wrap("ready".getBytes()));
            Thread.sleep(50);
            assertEquals(5, io.read(buf, 1_000));
            assertEquals(0, waits.get(), "bytes were there: no wait");

            // nothing there: the hook runs once, then the read waits and times out
            assertThrows(SocketTimeoutException.class, () -> io.read(buf, 100));
            assertEquals(1, waits.get());

            // a client that reads nothing: the socket fills, and the write waits
            ByteBuffer[] chunk = {ByteBuffer.allocate(1 << 20)};
            while (io.writeNow(chunk, 1) > 0) {
                chunk[0].clear();
            }
            assertEquals(false, io.awaitWritable(50));
            assertEquals(2, waits.get());
        }
    }

    /**
     * A connection served on one thread, then on another (which cancels the first thread's
     * registration), then on the first again: its wait there must work, though that thread's
     * selector still holds the cancelled key. It threw CancelledKeyException, a 500.
     */
    @Test
    void aConnectionBackOnAThreadThatServedItBeforeCanStillWait() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel client = SocketChannel.open(server.getLocalAddress());
                SocketChannel accepted = server.accept()) {
            SocketIo io = new SocketIo(accepted);
            ByteBuffer buf = ByteBuffer.allocate(64);
            // thread A waits (registering in A's selector), B waits (cancelling A's key), A waits again
            java.util.concurrent.ExecutorService a = java.util.concurrent.Executors.newSingleThreadExecutor();
            java.util.concurrent.ExecutorService b = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Callable<Integer> readOne = () -> {
                    client.write(ByteBuffer.wrap(new byte[] {'x'}));
                    buf.clear();
                    return io.read(buf, 2_000);
                };
                java.util.concurrent.Callable<Boolean> waitOnce = () -> {
                    try {
                        io.read(ByteBuffer.allocate(8), 20);
                    } catch (SocketTimeoutException expected) {
                        // nothing sent: the wait registered the channel here and timed out
                    }
                    return true;
                };
                a.submit(waitOnce).get();
                b.submit(waitOnce).get();
                assertEquals(true, a.submit(waitOnce).get(), "the wait on the first thread again");
                assertEquals(1, a.submit(readOne).get());
            } finally {
                a.shutdownNow();
                b.shutdownNow();
            }
        }
    }
}
