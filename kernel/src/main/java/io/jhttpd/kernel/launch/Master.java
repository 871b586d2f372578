package io.jhttpd.kernel.launch;

import io.jhttpd.api.ConfigException;
import io.jhttpd.api.spi.ProcessModel;
import io.jhttpd.api.spi.WorkerState;
import io.jhttpd.kernel.core.ServerModel;
import io.jhttpd.kernel.mpm.ChildIdentity;
import io.jhttpd.kernel.mpm.ListenerSet;
import io.jhttpd.kernel.mpm.MappedScoreboard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master of a multi-process server, as Apache's parent process: it reads and checks the
 * configuration, reserves the listening ports, starts child JVMs from its own command line (the
 * same runtime image or module path), watches them through the {@link MappedScoreboard}, keeps the
 * idle workers between the MPM's spare limits once per maintenance interval, replaces children
 * that die, and answers Apache's signals: TERM stop, HUP restart, USR1 graceful restart, WINCH
 * graceful stop. It never serves a request.
 *
 * <p>Children share each port through {@code SO_REUSEPORT}: Java cannot hand a listening socket
 * to another JVM, so each child opens its own. Each such socket has its own accept queue, which
 * Linux resets when the socket closes unless {@code net.ipv4.tcp_migrate_req} is 1 (then the
 * queue moves to another socket of the port); the master sets it. Children learn they must
 * finish and exit when the master closes their standard input (Apache's "pipe of death"); a TERM
 * stops them at once.
 *
 * <p>Unlike Apache's forked children, a child JVM reads the configuration files itself when it
 * starts. So between an edit and the next restart, a child the idle maintenance starts reads the
 * edited files: a broken edit makes it fail (logged, with back-off; the running children go on),
 * a valid one takes effect early in that child. Handing children the master's checked
 * configuration (a snapshot per generation) would close that gap.
 */
final class Master {

    private static final Logger LOG = LoggerFactory.getLogger(Master.class);
    private static final int MAX_SPAWN_RATE = 32;
    /** How often children asking to be replaced (MaxConnectionsPerChild) are looked at. */
    private static final long REPLACEMENT_CHECK_MILLIS = 100;
    private static final Path MIGRATE_REQ = Path.of("/proc/sys/net/ipv4/tcp_migrate_req");

    /** One running child. */
    private static final class Child {
        final Process process;
        final int generation;
        final long spawnedMillis;
        boolean told;
        boolean ready;
        boolean replacementStarted;

        Child(Process process, int generation, long spawnedMillis) {
            this.process = process;
            this.generation = generation;
            this.spawnedMillis = spawnedMillis;
        }
    }

    private final LaunchOptions options;
    private final List<String> command;
    private final long intervalMillis = Long.getLong("jhttpd.maintenance.millis", 1000);
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private ServerModel model;
    private ProcessModel plan;
    private List<Socket> reserved = List.of();
    private int[] ports;
    private MappedScoreboard board;
    private Child[] children;
    private int generation;
    private int spawnRate = 1;
    private boolean reportedFull;
    private int startFailures;
    private boolean everReady;
    private long holdUntil;
    private long lastMaintenance;
    private int exitStatus;
    /** Rows to retire as soon as another child listens (worn out, or of an old generation). */
    private final java.util.Set<Integer> retireWhenCovered = new java.util.LinkedHashSet<>();

    private Master(LaunchOptions options, ServerModel model, ProcessModel plan) {
        this.options = options;
        this.model = model;
        this.plan = plan;
        this.command = ownCommandLine(model);
    }

    /**
     * Runs {@code model} as a multi-process server if its MPM has a process model; empty if the
     * MPM runs only as one process.
     */
    static Optional<Integer> runIfMultiProcess(LaunchOptions options, ServerModel model, PrintStream err) {
        Optional<ProcessModel> plan = model.mpm().processModel();
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Master(options, model, plan.get()).run(err));
    }

    /** The command line this JVM was started with: what a child runs, with its identity in the environment. */
    static List<String> ownCommandLine(ServerModel model) {
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> cmd = new ArrayList<>();
        cmd.add(info.command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Optional<String[]> args = info.arguments();
        if (args.isPresent()) {
            cmd.addAll(List.of(args.get()));
            return cmd;
        }
        // no /proc: rebuild it from the module path and the main module
        cmd.add("-Djhttpd.root=" + model.serverRoot());
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null) {
            cmd.add("--module-path");
            cmd.add(modulePath);
        }
        cmd.add("-m");
        cmd.add("io.jhttpd.kernel/" + Main.class.getName());
        cmd.add("-f");
        cmd.add(model.configFile().toString());
        return cmd;
    }

    /** The live process a PidFile names, if it is not this one. */
    static Optional<ProcessHandle> runningServer(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> p.pid() != ProcessHandle.current().pid());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private int run(PrintStream err) {
        Path pidFile = Httpd.pidFile(model);
        Optional<ProcessHandle> other = runningServer(pidFile);
        if (other.isPresent()) {
            err.println("httpd (pid " + other.get().pid() + ") already running");
            return 1;
        }
        try {
            Httpd.configureErrorLog(model);
            reserved = ListenerSet.reserve(model.global().listens());
            ports = reserved.stream().mapToInt(Socket::getLocalPort).toArray();
            if (Files.exists(pidFile)) {
                LOG.warn("JH00102: PidFile {} overwritten -- unclean shutdown of the previous run?", pidFile);
            }
            allowQueueMigration();
            Path file = Files.createTempFile("jhttpd-scoreboard-", ".bin");
            board = MappedScoreboard.create(file, plan.serverLimit(), plan.threadsPerChild());
            children = new Child[plan.serverLimit()];
            Httpd.writePidFile(model);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            ListenerSet.closeAll(reserved);
            return 1;
        } catch (IOException e) {
            err.println("httpd: " + e.getMessage());
            ListenerSet.closeAll(reserved);
            return 1;
        }
        try {
            SignalActions.install(requests::offer);
            board.newGeneration(generation);
            LOG.info("JH00103: {} configured -- resuming normal operations (master pid {}, {} MPM, {} children to start)", model.software(),
                    ProcessHandle.current().pid(), model.mpm().name(), plan.startServers());
            spawn(plan.startServers());
            serve();
        } finally {
            ListenerSet.closeAll(reserved);
            try {
                if (runningServerIsUs(pidFile)) {
                    Files.deleteIfExists(pidFile);
                }
                Files.deleteIfExists(board.file());
            } catch (IOException e) {
                LOG.warn("JH00115: cleaning up: {}", e.toString());
            }
            LOG.info("JH00116: master pid {} exits", ProcessHandle.current().pid());
        }
        return exitStatus;
    }

    private static boolean runningServerIsUs(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()) == ProcessHandle.current().pid();
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The master loop: wait for a signal or a child's exit, at most one interval; reap; keep the spares. */
    private void serve() {
        while (true) {
            String request;
            try {
                request = requests.poll(Math.min(intervalMillis, REPLACEMENT_CHECK_MILLIS), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                request = "stop";
            }
            if (request != null) {
                switch (request) {
                    case "stop":
                        LOG.info("JH00117: caught SIGTERM, shutting down");
                        stopChildren(false, 0);
                        return;
                    case "graceful-stop":
                        LOG.info("JH00118: caught SIGWINCH, shutting down gracefully");
                        // free the port first, as Apache does, so another server can start while this one drains
                        ListenerSet.closeAll(reserved);
                        try {
                            Files.deleteIfExists(Httpd.pidFile(model));
                        } catch (IOException e) {
                            LOG.warn("JH00115: cleaning up: {}", e.toString());
                        }
                        stopChildren(true, model.global().gracefulShutdownSeconds() * 1000L);
                        return;
                    case "restart":
                    case "graceful":
                        restart(request.equals("graceful"));
                        break;
                    case "fatal":
                        stopChildren(false, 0);
                        exitStatus = 1;
                        return;
                    default:
                        break;
                }
            }
            reap();
            replaceWornChildren();
            long now = System.currentTimeMillis();
            if (now - lastMaintenance >= intervalMillis) {
                lastMaintenance = now;
                maintain();
            }
        }
    }

    private static void allowQueueMigration() {
        try {
            if (!Files.readString(MIGRATE_REQ).trim().equals("1")) {
                Files.writeString(MIGRATE_REQ, "1\n");
                LOG.info("JH00119: set net.ipv4.tcp_migrate_req=1 so an exiting child's queued connections go to another child");
            }
        } catch (IOException | SecurityException e) {
            LOG.warn("JH00120: cannot set net.ipv4.tcp_migrate_req=1 ({}): connections waiting in the accept queue of a child that exits "
                    + "(graceful restart, MaxConnectionsPerChild, a crash) are reset; set it with sysctl", e.toString());
        }
    }

    // ---- children ---------------------------------------------------------------------------------------

    /** Starts up to {@code n} children of the current generation in free rows. */
    private void spawn(int n) {
        for (int row = 0; row < children.length && n > 0; row++) {
            if (children[row] == null) {
                spawnInto(row);
                n--;
            }
        }
    }

    private void spawnInto(int row) {
        board.starting(row, generation);
        ProcessBuilder pb = new ProcessBuilder(command);
        new ChildIdentity(row, generation, board.file(), ports).export(pb.environment());
        pb.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            board.started(row, p.pid());
            children[row] = new Child(p, generation, System.currentTimeMillis());
            p.onExit().thenRun(() -> requests.offer("reap"));
            LOG.debug("JH00121: started child pid {} in slot {}, generation {}", p.pid(), row, generation);
        } catch (IOException e) {
            board.gone(row);
            startFailures++;
            LOG.error("JH00122: could not start a child process: {}", e.toString());
        }
    }

    /** Tells a child to finish what it serves and exit: closes its standard input. */
    private void retire(int row) {
        Child c = children[row];
        c.told = true;
        board.quiescing(row);
        try {
            OutputStream pipe = c.process.getOutputStream();
            pipe.close();
        } catch (IOException e) {
            LOG.debug("child pid {} pipe: {}", c.process.pid(), e.toString());
        }
    }

    /** Notes children that became ready and clears the rows of those that exited. */
    private void reap() {
        for (int row = 0; row < children.length; row++) {
            Child c = children[row];
            if (c == null) {
                continue;
            }
            if (!c.ready && board.readyMillis(row) != 0) {
                c.ready = true;
                everReady = true;
                startFailures = 0;
                LOG.info("JH00107: child pid {} (slot {}, generation {}) ready {} ms after it was started", c.process.pid(), row, c.generation,
                        board.readyMillis(row) - c.spawnedMillis);
            }
            if (c.process.isAlive()) {
                continue;
            }
            int status = c.process.exitValue();
            String how = status > 128 ? "exit signal " + (status - 128) : "exit status " + status;
            if (!c.told && status != 0) {
                LOG.error("JH00106: child pid {} (slot {}) died: {}{}", c.process.pid(), row, how, c.ready ? "" : ", before it was ready");
            } else if (!c.told) {
                LOG.info("JH00123: child pid {} (slot {}) exited by itself ({})", c.process.pid(), row, how);
            } else {
                LOG.debug("child pid {} exited ({})", c.process.pid(), how);
            }
            if (!c.ready && !c.told) {
                startFailures++;
            }
            board.gone(row);
            children[row] = null;
        }
    }

    /**
     * Children that reached {@code MaxConnectionsPerChild} ask to be replaced. One is retired only
     * while another child listens (ready, not leaving), so connections always have a socket to
     * queue on; a replacement starts at once.
     */
    private void replaceWornChildren() {
        for (int row = 0; row < children.length; row++) {
            Child c = children[row];
            if (c == null || c.told || !board.isReplacementWanted(row) || retireWhenCovered.contains(row)) {
                continue;
            }
            if (!c.replacementStarted) {
                c.replacementStarted = true;
                spawn(1);
            }
            retireWhenCovered.add(row);
        }
        for (java.util.Iterator<Integer> it = retireWhenCovered.iterator(); it.hasNext(); ) {
            int row = it.next();
            if (children[row] == null || children[row].told || tryRetire(row)) {
                it.remove();
            }
        }
    }

    /**
     * Retires the child in {@code row} if another child listens, deciding under the scoreboard's
     * lock (children pause their listening under it too), so the port never goes without a
     * listening socket: connections would be refused, and those queued reset.
     */
    private boolean tryRetire(int row) {
        boolean covered = board.whileLocked(() -> {
            if (!board.listeningElsewhere(row)) {
                return false;
            }
            board.quiescing(row);
            board.listening(row, false);
            return true;
        });
        if (covered) {
            retire(row);
        }
        return covered;
    }

    /** Apache's perform_idle_server_maintenance, counting idle workers (a prefork child is one worker). */
    private void maintain() {
        long now = System.currentTimeMillis();
        if (startFailures >= 3) {
            if (!everReady && startFailures >= 5) {
                LOG.error("JH00109: {} children in a row exited before they were ready and none ever was; shutting down", startFailures);
                requests.offer("fatal");
                return;
            }
            if (holdUntil == 0) {
                long wait = Math.min(60_000, 1000L << Math.min(6, startFailures - 3));
                holdUntil = now + wait;
                LOG.error("JH00108: {} children in a row exited before they were ready; waiting {} s before starting another", startFailures,
                        wait / 1000);
            }
            if (now < holdUntil) {
                return;
            }
            holdUntil = 0;
        }
        int threads = Math.min(plan.threadsPerChild(), board.threadLimit());
        int idle = 0;
        int active = 0;
        int free = 0;
        int idleRow = -1;
        for (int row = 0; row < children.length; row++) {
            Child c = children[row];
            if (c == null) {
                free++;
                continue;
            }
            if (c.told || c.generation != generation) {
                continue;
            }
            active++;
            int rowIdle = 0;
            for (int t = 0; t < threads; t++) {
                WorkerState s = board.slot(row, t).state();
                if (s == WorkerState.READY || s == WorkerState.STARTING) {
                    rowIdle++;
                }
            }
            idle += rowIdle;
            if (c.ready && rowIdle == threads) {
                idleRow = row;
            }
        }
        if (idle > plan.maxSpareWorkers() && idleRow >= 0) {
            LOG.debug("JH00124: {} idle workers, more than {}: stopping child pid {}", idle, plan.maxSpareWorkers(), children[idleRow].process.pid());
            tryRetire(idleRow);
            spawnRate = 1;
        } else if (idle < plan.minSpareWorkers()) {
            int room = Math.min(free, plan.maxChildren() - active);
            if (room <= 0) {
                if (!reportedFull) {
                    LOG.error("JH00110: server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting");
                    reportedFull = true;
                }
                return;
            }
            int n = Math.min(spawnRate, room);
            if (spawnRate >= 8) {
                LOG.info("JH00111: server seems busy (you may need to increase StartServers, or Min/MaxSpare settings), spawning {} children, "
                        + "there are {} idle, and {} total children", n, idle, active);
            }
            spawn(n);
            spawnRate = Math.min(MAX_SPAWN_RATE, spawnRate * 2);
        } else {
            spawnRate = 1;
        }
    }

    /**
     * Stops every child: graceful, by closing its pipe and waiting up to {@code limitMillis} (0: as
     * long as it takes); else, or when that time is up, with TERM as Apache's reclaim schedule
     * (TERM now and at 3, 5, 7 s, KILL at 9 s).
     */
    private void stopChildren(boolean graceful, long limitMillis) {
        for (int row = 0; row < children.length; row++) {
            if (children[row] != null) {
                if (graceful) {
                    retire(row);
                } else {
                    children[row].told = true;
                    children[row].process.destroy();
                }
            }
        }
        long start = System.currentTimeMillis();
        int nextStep = 0;
        long[] termAt = {3_000, 5_000, 7_000};
        while (anyChild()) {
            long elapsed = System.currentTimeMillis() - start;
            if (graceful && limitMillis > 0 && elapsed >= limitMillis) {
                LOG.warn("JH00125: GracefulShutdownTimeout of {} s reached; stopping the children that are left", limitMillis / 1000);
                stopChildren(false, 0);
                return;
            }
            if (!graceful) {
                if (nextStep < termAt.length && elapsed >= termAt[nextStep]) {
                    nextStep++;
                    forEachChild(c -> c.process.destroy());
                } else if (elapsed >= 9_000) {
                    forEachChild(c -> {
                        LOG.error("JH00126: child pid {} still did not exit, sending a SIGKILL", c.process.pid());
                        c.process.destroyForcibly();
                    });
                    if (elapsed >= 10_000) {
                        return;
                    }
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            reap();
        }
    }

    private boolean anyChild() {
        for (Child c : children) {
            if (c != null) {
                return true;
            }
        }
        return false;
    }

    private void forEachChild(java.util.function.Consumer<Child> action) {
        for (Child c : children) {
            if (c != null) {
                action.accept(c);
            }
        }
    }

    /**
     * HUP / USR1: re-reads the configuration; if it has an error the running children go on and
     * the error is logged. Else a new generation starts; a restart stops the old children first,
     * a graceful restart lets them finish what they serve once a new child accepts (so the port
     * always has a listening socket).
     */
    private void restart(boolean graceful) {
        String what = graceful ? "graceful restart" : "restart";
        ServerModel next;
        Optional<ProcessModel> nextPlan;
        try {
            next = Httpd.load(options, List.of());
            next.start(true);
            nextPlan = next.mpm().processModel();
            if (nextPlan.isEmpty()) {
                throw new ConfigException("the MPM " + next.mpm().name() + " runs only as one process (httpd -X)");
            }
        } catch (ConfigException e) {
            LOG.error("JH00104: {} refused, the configuration has an error; the running server is left as it is: {}", what, e.getMessage());
            return;
        }
        if (!graceful) {
            stopChildren(false, 0);
        }
        model = next;
        ProcessModel p = nextPlan.get();
        if (p.serverLimit() != plan.serverLimit() || p.threadsPerChild() > board.threadLimit()) {
            LOG.warn("JH00127: ServerLimit and ThreadLimit cannot change on a restart (the scoreboard keeps its size); stop and start the server");
        }
        plan = new ProcessModel(p.startServers(), p.minSpareWorkers(), p.maxSpareWorkers(), p.maxChildren(), plan.serverLimit(),
                Math.min(p.threadsPerChild(), board.threadLimit()));
        try {
            Httpd.configureErrorLog(model);
        } catch (ConfigException e) {
            LOG.error("JH00104: reopening the error log: {}", e.getMessage());
        }
        List<Integer> old = new ArrayList<>();
        for (int row = 0; row < children.length; row++) {
            if (children[row] != null && !children[row].told) {
                old.add(row);
            }
        }
        generation++;
        board.newGeneration(generation);
        reportedFull = false;
        spawnRate = 1;
        LOG.info("JH00105: {}: generation {} starts", what, generation);
        spawn(Math.max(1, plan.startServers()));
        // the old children go as soon as others listen: at once if some do, else when a new one is ready
        retireWhenCovered.addAll(old);
    }
}
