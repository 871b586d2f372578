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
import io.jhttpd.kernel.mpm.ListenerSet;
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

    private Httpd(ServerModel model, ListenerSet listeners) {
        this.model = model;
        this.listeners = listeners;
        this.processor = new RequestProcessor(model);
        this.mpmThread = new Thread(this::runMpm, "jhttpd-mpm");
    }

    /** Starts a server from {@code httpd} command-line arguments ({@code -d}, {@code -f}, {@code -C}, {@code -D} ...). */
    public static Httpd start(String... args) throws ConfigException, IOException {
        return start(LaunchOptions.parse(args, Path.of("").toAbsolutePath()), List.of());
    }

    /** Starts a server, adding {@code extraModules} to those the image provides (tests). */
    public static Httpd start(LaunchOptions options, List<HttpdModule> extraModules) throws ConfigException, IOException {
        ServerModel model = load(options, extraModules);
        configureErrorLog(model);
        ListenerSet listeners = ListenerSet.open(model.global().listens());
        Httpd h = new Httpd(model, listeners);
        try {
            model.start(false);
            writePidFile(model);
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
    private static void configureErrorLog(ServerModel model) throws ConfigException {
        ModuleLayer layer = Httpd.class.getModule().getLayer();
        for (ErrorLogBackend backend : ServiceLoader.load(layer == null ? ModuleLayer.boot() : layer, ErrorLogBackend.class)) {
            backend.configure(model.global().errorLog(), model.serverRoot(), model.global().logLevel(),
                    model.global().moduleLogLevels(), model.global().errorLogFormat());
            return;
        }
    }

    private static void writePidFile(ServerModel model) throws IOException {
        Path pid = model.global().pidFile();
        if (pid == null) {
            pid = model.serverRoot().resolve("logs/httpd.pid");
        }
        if (Files.isDirectory(pid.getParent())) {
            Files.writeString(pid, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } else {
            LOG.warn("JH00024: cannot write PidFile {}: its directory does not exist", pid);
        }
    }

    private void runMpm() {
        Mpm mpm = model.mpm();
        Scoreboard scoreboard = new MemoryScoreboard(1, 20000);
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
                LOG.info("JH00025: {} configured -- resuming normal operations on {}", model.software(), listeners.listeners());
                ready.countDown();
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
            listeners.close();
            model.stop();
            stopped.countDown();
        }
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
