package io.jhttpd.mod.log.internal;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.Connection;
import io.jhttpd.api.Request;
import io.jhttpd.api.Server;
import io.jhttpd.api.spi.ServerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access logs of a running server: for each (virtual) server, the files it writes and the
 * parsed format of each, built once at start from the {@link LogConfig}s.
 *
 * <pre>{@code
 * AccessLogs logs = AccessLogs.open(serverContext, ZoneId.systemDefault());
 * logs.log(request);     // from the LOG_TRANSACTION hook, any thread
 * logs.close();          // at stop
 * }</pre>
 *
 * <p>One file is opened once however many {@code CustomLog} lines name it. Thread-safe.
 */
final class AccessLogs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogs.class);

    /** No logs at all: before start and after stop. */
    static final AccessLogs NONE = new AccessLogs(new IdentityHashMap<>(), new Target[0], List.of(), false);

    /** One log a server writes each request to. */
    record Target(LogSink sink, LineFormat format, LogSpec spec) {
        /** True if the condition lets {@code r} in. */
        boolean accepts(Request r) {
            return spec.accepts(r);
        }
    }

    /** One line buffer per worker thread: every sink copies or writes the bytes before {@code write} returns. */
    private static final ThreadLocal<LineBuffer> LINE = ThreadLocal.withInitial(LineBuffer::new);

    private final Map<LogConfig, Target[]> byConfig;
    private final Target[] mainServer;
    private final List<LogSink> files;
    /** {@code BufferedLogs On}: lines wait for a full buffer, not for the end of their request. */
    private final boolean buffered;
    /** Without {@code BufferedLogs}: the files whose lines wait for {@link #flushGrouped}. */
    private final LogSink[] grouped;
    private final Runnable flushGrouped = this::flushGrouped;
    private final AtomicBoolean warnedUnknownServer = new AtomicBoolean();
    /** Requests writing through these logs now; {@link #close} waits for them, so a restart loses no line. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean closed;

    private AccessLogs(Map<LogConfig, Target[]> byConfig, Target[] mainServer, List<LogSink> files, boolean buffered) {
        this.byConfig = byConfig;
        this.mainServer = mainServer;
        this.files = files;
        this.buffered = buffered;
        this.grouped = buffered ? new LogSink[0] : files.stream().filter(f -> f instanceof BufferedSink).toArray(LogSink[]::new);
    }

    /**
     * Resolves every server's logs and, unless only checking the configuration, opens the files.
     * A missing directory is a configuration error in both cases, as in Apache; a file that
     * cannot be opened (no permission) is one at start. Both name the file; files opened before
     * the failure are closed again.
     */
    static AccessLogs open(ServerContext server, ZoneId zone) throws ConfigException {
        boolean openFiles = !server.isConfigTest();
        Map<String, LogSink> opened = new LinkedHashMap<>();
        Map<String, LineFormat> parsed = new HashMap<>();
        Map<LogConfig, Target[]> byConfig = new IdentityHashMap<>();
        try {
            List<Server> servers = server.servers();
            LogConfig main = servers.isEmpty() ? null : servers.get(0).config(LogConfig.KEY);
            boolean buffered = main != null && main.isBuffered();
            for (Server s : servers) {
                LogConfig c = s.config(LogConfig.KEY);
                if (byConfig.containsKey(c)) {
                    continue;
                }
                // Apache: a server with logs of its own writes only to them; one without uses the main server's.
                boolean own = !c.logs().isEmpty();
                List<Target> targets = new ArrayList<>();
                List<LogSpec> specs = new ArrayList<>(own ? c.logs() : c.mainServerLogs());
                // GlobalLogs (the main server's) are written for every server, whatever logs it has of its own
                specs.addAll(main.globalLogs());
                for (LogSpec spec : specs) {
                    String format = spec.format() == null ? c.defaultFormat() : (own ? c : main).resolve(spec.format());
                    LineFormat lineFormat = parsed.get(format);
                    if (lineFormat == null) {
                        lineFormat = LineFormat.parse(format, zone);
                        parsed.put(format, lineFormat);
                    }
                    if (spec.file() != null) {
                        checkDirectory(spec.file());
                    }
                    LogSink sink = openFiles ? open(spec, server.serverRoot(), buffered, opened) : null;
                    targets.add(new Target(sink, lineFormat, spec));
                }
                byConfig.put(c, targets.toArray(new Target[0]));
            }
            Target[] mainTargets = main == null ? new Target[0] : byConfig.get(main);
            return new AccessLogs(byConfig, mainTargets, List.copyOf(opened.values()), buffered);
        } catch (ConfigException e) {
            opened.values().forEach(LogSink::close);
            throw e;
        }
    }

    /** As Apache's check_config (also under {@code httpd -t}): the log's directory must exist. */
    private static void checkDirectory(Path file) throws ConfigException {
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new ConfigException("JH03001 Cannot access directory '" + dir + "' for log file '" + file + "'");
        }
    }

    private static LogSink open(LogSpec spec, Path serverRoot, boolean buffered, Map<String, LogSink> opened) throws ConfigException {
        String key = spec.destination();
        LogSink sink = opened.get(key);
        if (sink == null) {
            try {
                sink = spec.file() != null ? LogFile.open(Path.of(key)) : PipedLog.start(spec.command(), serverRoot);
            } catch (IOException | SecurityException e) {
                throw new ConfigException(spec.file() != null
                        ? "JH03001 could not open transfer log file " + key + ": " + e
                        : "JH03013 could not start piped log program '" + spec.command() + "': " + e, e);
            }
            if (buffered) {
                sink = new BufferedSink(sink);
            } else if (spec.file() != null) {
                // flushed after each request, so that a held batch's lines go out together
                sink = new BufferedSink(sink);
            }
            opened.put(key, sink);
        }
        return sink;
    }

    /**
     * Writes {@code r}'s line to each log of its server unless these logs are closing (then false:
     * the caller takes the logs that replaced them). Sub-requests are not logged.
     */
    boolean tryLog(Request r) {
        inFlight.incrementAndGet();
        try {
            if (closed) {
                return false;
            }
            log(r);
            return true;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Writes {@code r}'s line to each log of its server. Sub-requests are not logged. */
    void log(Request r) {
        if (r.isSubRequest()) {
            return;
        }
        LoggedRequest request = LoggedRequest.of(r);
        Target[] targets = targetsFor(request.original().server());
        if (targets.length == 0) {
            return;
        }
        LineBuffer line = LINE.get();
        boolean waiting = false;
        for (Target t : targets) {
            if (t.accepts(request.original())) {
                line.reset();
                t.format().render(request, line);
                t.sink().write(line.asByteBuffer());
                waiting |= !buffered && t.sink() instanceof BufferedSink;
            }
        }
        if (waiting) {
            // now, or just before the response goes out if the MPM holds it to write with others
            Connection c = r.connection();
            if (c != null) {
                c.beforeHeldOutput(flushGrouped);
            } else {
                flushGrouped.run();
            }
        }
    }

    private void flushGrouped() {
        for (LogSink s : grouped) {
            s.flush();
        }
    }

    private Target[] targetsFor(Server server) {
        if (server == null) {
            return mainServer;
        }
        Target[] targets = byConfig.get(server.config(LogConfig.KEY));
        if (targets != null) {
            return targets;
        }
        if (warnedUnknownServer.compareAndSet(false, true)) {
            LOG.warn("JH03007 no log configuration known for server {}; using the main server's logs", server.serverName());
        }
        return mainServer;
    }

    /** The files and programs open, in configuration order. */
    List<LogSink> files() {
        return files;
    }

    /** Sends on what {@code BufferedLogs} holds back (stop, child recycling, graceful restart). */
    void flush() {
        files.forEach(LogSink::flush);
    }

    /** Lets the requests logging now finish (up to 5 s), then flushes and closes every file and program. */
    @Override
    public void close() {
        if (this == NONE) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        files.forEach(LogSink::close);
    }
}
