package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every FastCGI process this server started (mod_fcgid's process table), by {@link ProcessClass}.
 *
 * <p>Processes are started from one long-lived thread with {@code setpriv --pdeathsig KILL}, so
 * the kernel kills them if jhttpd dies without stopping them (the parent-death signal follows the
 * thread that forked, hence the one thread); a normal stop terminates them all. Each listens on
 * a Unix socket of its own in the IPC directory, bound by the application itself ({@code -b path}):
 * Java cannot hand a listening socket to a child as its standard input.
 */
final class FcgidProcessTable {

    private static final Logger LOG = LoggerFactory.getLogger(FcgidProcessTable.class);
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final long STOP_GRACE_MILLIS = 2_000;

    private final FcgidSettings settings;
    /** FcgidIPCDir, or null until the first spawn makes a temporary one (a server that never spawns leaves none behind). */
    private Path ipcDir;
    private final boolean ownIpcDir;
    private final Map<String, ProcessClass> classes = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final ScheduledExecutorService spawner;
    private final ExecutorService stopper;
    private volatile boolean stopped;

    FcgidProcessTable(FcgidSettings settings) throws IOException {
        this.settings = settings;
        if (settings.ipcDir != null) {
            Files.createDirectories(settings.ipcDir);
            this.ipcDir = settings.ipcDir;
            this.ownIpcDir = false;
        } else {
            this.ownIpcDir = true;
        }
        this.spawner = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fcgid-spawner"));
        this.stopper = Executors.newSingleThreadExecutor(r -> daemon(r, "fcgid-stopper"));
        spawner.scheduleWithFixedDelay(this::maintain, 1, 1, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The class for {@code command}, created on first use. */
    ProcessClass classFor(List<String> command) {
        return classes.computeIfAbsent(String.join("\0", command), k -> new ProcessClass(this, command, settings));
    }

    /** Counts a process about to be spawned against {@code FcgidMaxProcesses}; false if the table is full. */
    boolean reserveSpawn() {
        while (true) {
            int n = total.get();
            if (stopped || n >= settings.maxProcesses()) {
                return false;
            }
            if (total.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void releaseSpawn() {
        total.decrementAndGet();
    }

    private synchronized Path ipcDir() throws IOException {
        if (ipcDir == null) {
            ipcDir = Files.createTempDirectory("jhttpd-fcgid");
        }
        return ipcDir;
    }

    /** Starts {@code command} bound to a new socket, on the spawner thread. */
    AppProcess spawn(List<String> command, String className) throws IOException {
        Path socket = ipcDir().resolve(sequence.incrementAndGet() + ".sock");
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            argv.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        }
        argv.addAll(command);
        argv.add("-b");
        argv.add(socket.toString());
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path != null ? path : "/usr/local/bin:/usr/bin:/bin");
        // php-cgi forks no children of its own and never exits after N requests unless told (mod_fcgid counts)
        env.put("PHP_FCGI_CHILDREN", "0");
        env.put("PHP_FCGI_MAX_REQUESTS", Integer.toString(settings.maxRequestsPerProcess()));
        env.putAll(settings.initialEnv);
        Future<Process> started = spawner.submit(pb::start);
        try {
            Process p = started.get(settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
            LOG.info("JH10020: started FastCGI process {} for {} on {}", p.pid(), className, socket);
            return new AppProcess(p, socket, className);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.error("JH10023: could not start FastCGI process {}: {}", className, cause.toString());
            throw cause instanceof IOException io ? io : new IOException(cause);
        } catch (java.util.concurrent.TimeoutException e) {
            started.cancel(false);
            throw new BackendTimeoutException("starting " + className + " took longer than the connect timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted starting " + className);
        }
    }

    /** Stops {@code p} in the background and frees its place in the table. */
    void retire(AppProcess p) {
        try {
            stopper.execute(() -> {
                p.stop(STOP_GRACE_MILLIS);
                total.decrementAndGet();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            p.stop(STOP_GRACE_MILLIS);
            total.decrementAndGet();
        }
    }

    private void maintain() {
        for (ProcessClass c : classes.values()) {
            try {
                c.maintain();
            } catch (RuntimeException e) {
                LOG.error("JH10024: FastCGI process maintenance failed for {}", c.name(), e);
            }
        }
    }

    /** Number of processes running or being started, for tests and status. */
    int size() {
        return total.get();
    }

    /** Stops every process and the threads; waits for them to be gone. */
    void stop() {
        stopped = true;
        spawner.shutdownNow();
        stopper.shutdown();
        try {
            stopper.awaitTermination(STOP_GRACE_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<AppProcess> all = new ArrayList<>();
        for (ProcessClass c : classes.values()) {
            all.addAll(c.drain());
        }
        for (AppProcess p : all) {
            p.stop(STOP_GRACE_MILLIS);
        }
        Path dir;
        synchronized (this) {
            dir = ipcDir;
        }
        if (ownIpcDir && dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                LOG.debug("could not remove {}: {}", dir, e.toString());
            }
        }
    }
}
