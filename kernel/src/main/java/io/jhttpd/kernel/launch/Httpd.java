package io.jhttpd.kernel.launch;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.spi.ChildLauncher;
import io.jhttpd.api.spi.ConnectionProcessor;
import io.jhttpd.api.spi.ErrorLogBackend;
import io.jhttpd.api.spi.HttpdModule;
import io.jhttpd.api.spi.Listener;
import io.jhttpd.api.spi.Mpm;
import io.jhttpd.api.spi.MpmContext;
import io.jhttpd.api.spi.Scoreboard;
import io.jhttpd.kernel.core.ConfigLoader;
import io.jhttpd.kernel.core.ServerModel;
import io.jhttpd.kernel.engine.RequestProcessor;
import io.jhttpd.kernel.mpm.ChildIdentity;
import io.jhttpd.kernel.mpm.ListenerSet;
import io.jhttpd.kernel.mpm.MappedScoreboard;
import io.jhttpd.kernel.mpm.MemoryScoreboard;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running jhttpd server in this process: configuration loaded, listeners bound, the MPM
 * serving on its own thread. What {@code httpd -X} runs, and what tests start on an ephemeral port.
 *
 * <pre>{@code
 * try (Httpd httpd = Httpd.start("-d", root.toString(), "-f", "conf/httpd.conf")) {
 *     int port = httpd.addresses().get(0).getPort();
 *     ...
 * }
 * }</pre>
 */
public final class Httpd implements AutoCloseable {

    /** jhttpd's version. */
    public static final String VERSION = "0.1.0";

    private static final Logger LOG = LoggerFactory.getLogger(Httpd.class);

    private final ServerModel model;
    private final ListenerSet listeners;
    private final RequestProcessor processor;
    private final Thread mpmThread;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Throwable failure;
    private volatile boolean stopping;

    /** This process's part of the scoreboard, where the MPM's workers report. */
    private final Scoreboard mpmScoreboard;
    /** Set in a child of a multi-process server. */
    private final ChildIdentity child;
    private final MappedScoreboard sharedScoreboard;

    private Httpd(ServerModel model, ListenerSet listeners, ChildIdentity child, MappedScoreboard shared) {
        this.model = model;
        this.listeners = listeners;
        this.child = child;
        this.sharedScoreboard = shared;
        // one process: a table in memory; a child: its row of the master's mapped file
        this.mpmScoreboard = shared == null ? new MemoryScoreboard(1, 20000) : shared.childView(child.row());
        model.useScoreboard(shared == null ? mpmScoreboard : shared);
        this.processor = new RequestProcessor(model);
        this.mpmThread = new Thread(this::runMpm, "jhttpd-mpm");
    }

    /** Starts a server from {@code httpd} command-line arguments ({@code -d}, {@code -f}, {@code -C}, {@code -D} ...). */
    public static Httpd start(String... args) throws ConfigException, IOException {
        return start(LaunchOptions.parse(args, Path.of("").toAbsolutePath()), List.of());
    }

    /** Starts a server, adding {@code extraModules} to those the image provides (tests). */
    public static Httpd start(LaunchOptions options, List<HttpdModule> extraModules) throws ConfigException, IOException {
        return start(options, extraModules, null);
    }

    /** Starts a server; {@code child} non-null: as a child of a multi-process server's master. */
    static Httpd start(LaunchOptions options, List<HttpdModule> extraModules, ChildIdentity child) throws ConfigException, IOException {
        ServerModel model = load(options, extraModules);
        configureErrorLog(model);
        MappedScoreboard shared = child == null ? null : MappedScoreboard.open(child.scoreboard());
        ListenerSet listeners = ListenerSet.open(model.global().listens(), child == null ? null : child.ports(),
                model.global().listenBacklog());
        Httpd h = new Httpd(model, listeners, child, shared);
        try {
            model.start(false);
            if (child == null) {
                writePidFile(model);
            } else {
                h.watchPauses();
            }
            h.mpmThread.start();
            while (!h.ready.await(100, TimeUnit.MILLISECONDS)) {
                if (h.stopped.getCount() == 0) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            h.close();
            throw new IOException("interrupted while starting");
        } catch (ConfigException | RuntimeException e) {
            listeners.close();
            throw e;
        }
        if (h.failure != null) {
            h.close();
            throw new IOException("JH00023: the MPM failed to start: " + h.failure, h.failure);
        }
        return h;
    }

    /** Loads and checks the configuration without opening anything (httpd -t, -M). */
    static ServerModel load(LaunchOptions options, List<HttpdModule> extraModules) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(VERSION).withCoreRegistrations(RequestProcessor::registerCoreHooks);
        for (HttpdModule m : extraModules) {
            loader.withModule(m);
        }
        return loader.load(options.serverRoot(), options.configFile(), options.defines(),
                options.directivesBefore(), options.directivesAfter());
    }

    /** Hands {@code ErrorLog} and {@code LogLevel} to the error-log backend of the image, if it has one. */
    static void configureErrorLog(ServerModel model) throws ConfigException {
        ModuleLayer layer = Httpd.class.getModule().getLayer();
        for (ErrorLogBackend backend : ServiceLoader.load(layer == null ? ModuleLayer.boot() : layer, ErrorLogBackend.class)) {
            backend.configure(model.global().errorLog(), model.serverRoot(), model.global().logLevel(),
                    model.global().moduleLogLevels(), model.global().errorLogFormat());
            return;
        }
    }

    /** {@code PidFile}, or Apache's default {@code logs/httpd.pid}. */
    static Path pidFile(ServerModel model) {
        Path pid = model.global().pidFile();
        return pid != null ? pid : model.serverRoot().resolve("logs/httpd.pid");
    }

    static void writePidFile(ServerModel model) throws IOException {
        Path pid = pidFile(model);
        if (Files.isDirectory(pid.getParent())) {
            Files.writeString(pid, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } else {
            LOG.warn("JH00024: cannot write PidFile {}: its directory does not exist", pid);
        }
    }

    private void runMpm() {
        Mpm mpm = model.mpm();
        Scoreboard scoreboard = mpmScoreboard;
        MpmContext ctx = new MpmContext() {
            @Override
            public List<Listener> listeners() {
                return listeners.listeners();
            }

            @Override
            public ConnectionProcessor connections() {
                return processor;
            }

            @Override
            public Scoreboard scoreboard() {
                return scoreboard;
            }

            @Override
            public Optional<ChildLauncher> childLauncher() {
                return Optional.empty();
            }

            @Override
            public void ready() {
                if (child == null) {
                    LOG.info("JH00025: {} configured -- resuming normal operations on {}", model.software(), listeners.listeners());
                } else {
                    sharedScoreboard.listening(child.row(), true);
                    sharedScoreboard.ready(child.row());
                }
                ready.countDown();
            }

            @Override
            public boolean pauseAccepting() {
                if (child == null) {
                    return false;
                }
                pauseWantedSince = System.nanoTime();
                pauseWanted = true;
                return true;
            }

            @Override
            public boolean resumeAccepting() throws IOException {
                synchronized (listeners) {
                    pauseWanted = false;
                    if (!paused) {
                        return false;
                    }
                    paused = false;
                    listeners.resume();
                    sharedScoreboard.listening(child.row(), true);
                    return true;
                }
            }

            @Override
            public void stopListening() {
                closeListeners();
            }

            @Override
            public void connectionLimitReached() {
                if (child == null) {
                    LOG.info("JH00100: MaxConnectionsPerChild reached; a server running as one process keeps running");
                } else if (!sharedScoreboard.isReplacementWanted(child.row())) {
                    // the master retires us once another child listens, so the port never goes
                    // without a listening socket; until then this child goes on serving
                    LOG.info("JH00101: MaxConnectionsPerChild reached; child pid {} asks the master to replace it",
                            ProcessHandle.current().pid());
                    sharedScoreboard.replacementWanted(child.row());
                }
            }
        };
        try {
            mpm.run(ctx);
        } catch (Throwable t) {
            failure = t;
            if (!stopping) {
                LOG.error("JH00026: the MPM {} stopped with an error", mpm.name(), t);
            }
        } finally {
            closeListeners();
            model.stop();
            stopped.countDown();
        }
    }

    /**
     * How long an MPM must have been busy before its listening sockets close. Closing a socket
     * while clients connect to the port resets a connection now and then: Linux moves what is
     * queued on it to another socket, but a handshake completing at that instant is dropped (seen
     * on 6.x with tcp_migrate_req). Short requests therefore never close anything (a client hashed
     * to this child waits a moment in its queue, as in Apache's listen backlog); a connection that
     * keeps the child busy longer (a slow client, a long download) sends newcomers elsewhere.
     */
    private static final long PAUSE_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private volatile boolean pauseWanted;
    private volatile long pauseWantedSince;
    private boolean paused;

    /**
     * A child whose MPM asked to pause accepting, and has been busy for {@link #PAUSE_DELAY_NANOS}
     * since, closes its listening sockets once another child listens to take its queue; checked
     * every 50 ms (see {@link #watchPauses}). Under the scoreboard's lock, so two children never
     * both count on each other.
     */
    private void pauseIfAnotherChildListens() {
        synchronized (listeners) {
            if (!pauseWanted || paused || stopping || System.nanoTime() - pauseWantedSince < PAUSE_DELAY_NANOS) {
                return;
            }
            paused = sharedScoreboard.whileLocked(() -> {
                if (!sharedScoreboard.listeningElsewhere(child.row())) {
                    return false;
                }
                sharedScoreboard.listening(child.row(), false);
                // under the lock: see closeListeners
                listeners.pause();
                return true;
            });
        }
    }

    /**
     * Closes the listening sockets for good. In a child, under the scoreboard's lock: Linux moves
     * the connections queued on a closing socket to another listening socket of the port, and
     * resets them if that one is closing at the same instant (two children retiring together), so
     * children close theirs one at a time.
     */
    private void closeListeners() {
        synchronized (listeners) {
            boolean closed = child != null && sharedScoreboard.whileLocked(() -> {
                sharedScoreboard.listening(child.row(), false);
                listeners.close();
                return true;
            });
            if (!closed) {
                // one process, or the lock could not be had: close anyway
                listeners.close();
            }
        }
    }

    private void watchPauses() {
        Thread t = new Thread(() -> {
            while (stopped.getCount() > 0) {
                if (pauseWanted) {
                    pauseIfAnotherChildListens();
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "jhttpd-accept-pause");
        t.setDaemon(true);
        t.start();
    }

    /** The bound listening addresses (with real ports when {@code Listen} said port 0). */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Listener l : listeners.listeners()) {
            out.add(l.localAddress());
        }
        return out;
    }

    /** Asks the MPM to stop: gracefully (finish in-flight requests) or now. */
    public void stop(boolean graceful) {
        stopping = true;
        model.mpm().shutdown(graceful);
    }

    /** Waits until the server stopped; false on timeout. */
    public boolean awaitStop(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Stops gracefully and waits up to 10 s, then stops hard. */
    @Override
    public void close() {
        stop(true);
        try {
            if (!awaitStop(10_000)) {
                stop(false);
                awaitStop(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
