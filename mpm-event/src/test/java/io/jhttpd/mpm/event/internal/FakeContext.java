package io.jhttpd.mpm.event.internal;

import io.jhttpd.api.spi.ChildLauncher;
import io.jhttpd.api.spi.ConnectionProcessor;
import io.jhttpd.api.spi.Listener;
import io.jhttpd.api.spi.MpmContext;
import io.jhttpd.api.spi.Scoreboard;
import io.jhttpd.api.spi.WorkerSlot;
import io.jhttpd.api.spi.WorkerState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** What the kernel gives an MPM, for tests: one loopback listener, a {@link FakeKernel}, an in-memory scoreboard. */
final class FakeContext implements MpmContext {

    final ServerSocketChannel server;
    final InetSocketAddress address;
    final FakeKernel kernel;
    final Board board = new Board();
    final CountDownLatch ready = new CountDownLatch(1);

    FakeContext(FakeKernel kernel) throws IOException {
        this.kernel = kernel;
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 511);
        this.address = (InetSocketAddress) server.getLocalAddress();
    }

    @Override
    public List<Listener> listeners() {
        return List.of(new Listener() {
            @Override
            public ServerSocketChannel channel() {
                return server;
            }

            @Override
            public InetSocketAddress localAddress() {
                return address;
            }
        });
    }

    @Override
    public ConnectionProcessor connections() {
        return kernel;
    }

    @Override
    public Scoreboard scoreboard() {
        return board;
    }

    @Override
    public Optional<ChildLauncher> childLauncher() {
        return Optional.empty();
    }

    @Override
    public void ready() {
        ready.countDown();
    }

    /** One child's rows. */
    static final class Board implements Scoreboard {
        final Slot[] slots = new Slot[64];

        Board() {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot();
            }
        }

        @Override
        public int serverLimit() {
            return 1;
        }

        @Override
        public int threadLimit() {
            return slots.length;
        }

        @Override
        public WorkerSlot slot(int child, int thread) {
            return slots[thread];
        }
    }

    /** One row. */
    static final class Slot implements WorkerSlot {
        volatile WorkerState state = WorkerState.DEAD;
        final AtomicLong requests = new AtomicLong();

        @Override
        public WorkerState state() {
            return state;
        }

        @Override
        public void setState(WorkerState state) {
            this.state = state;
        }

        @Override
        public void requestStarted(String requestLine, String vhost) {
            // not recorded
        }

        @Override
        public void requestFinished(long bytes) {
            requests.incrementAndGet();
        }

        @Override
        public long requests() {
            return requests.get();
        }

        @Override
        public long bytesServed() {
            return 0;
        }
    }
}
