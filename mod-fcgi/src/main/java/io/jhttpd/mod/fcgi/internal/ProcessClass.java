package io.jhttpd.mod.fcgi.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes of one command line (mod_fcgid's process class): a request takes an idle one,
 * else a new one is spawned if the class is under {@code FcgidMaxProcessesPerClass}, the table
 * under {@code FcgidMaxProcesses} and the spawn score under {@code FcgidSpawnScoreUpLimit};
 * otherwise the request waits for one to come free, up to the connect timeout, then gets 503.
 *
 * <p>The spawn score is mod_fcgid's back-off: +1 per spawn, +2 per process that ends, −1 per
 * second; a crashing application thus gets restarted at a falling rate instead of in a loop.
 */
final class ProcessClass {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessClass.class);

    private final FcgidProcessTable table;
    private final List<String> command;
    private final String name;
    private final FcgidSettings settings;
    private final List<AppProcess> processes = new ArrayList<>();
    private int spawning;
    private int score;

    ProcessClass(FcgidProcessTable table, List<String> command, FcgidSettings settings) {
        this.table = table;
        this.command = List.copyOf(command);
        this.name = String.join(" ", command);
        this.settings = settings;
    }

    String name() {
        return name;
    }

    FcgidSettings settings() {
        return settings;
    }

    /** An idle process marked busy, spawning one if allowed; waits up to the connect timeout. */
    AppProcess acquire() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.connectTimeoutMillis());
        synchronized (this) {
            while (true) {
                reapDead();
                for (AppProcess p : processes) {
                    if (!p.isBusy()) {
                        p.setBusy(true);
                        return p;
                    }
                }
                if (processes.size() + spawning < settings.maxProcessesPerClass() && score <= settings.spawnScoreUpLimit()
                        && table.reserveSpawn()) {
                    spawning++;
                    score++;
                    break;
                }
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (waitMillis <= 0) {
                    throw new BackendBusyException("no idle FastCGI process of " + name + " (" + processes.size()
                            + " running, spawn score " + score + ")");
                }
                try {
                    wait(Math.min(waitMillis, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BackendBusyException("interrupted waiting for a FastCGI process of " + name);
                }
            }
        }
        AppProcess spawned = null;
        try {
            spawned = table.spawn(command, name);
            spawned.setBusy(true);
            return spawned;
        } finally {
            synchronized (this) {
                spawning--;
                if (spawned != null) {
                    processes.add(spawned);
                } else {
                    table.releaseSpawn();
                }
                notifyAll();
            }
        }
    }

    /**
     * Gives {@code p} back after a request. A process whose exchange did not end cleanly, that
     * reached {@code FcgidMaxRequestsPerProcess} or outlived {@code FcgidProcessLifeTime} is stopped.
     */
    void release(AppProcess p, boolean clean) {
        p.countRequest();
        int maxRequests = settings.maxRequestsPerProcess();
        boolean retire = !clean || !p.isAlive() || (maxRequests > 0 && p.requests() >= maxRequests)
                || p.ageMillis() > settings.processLifeTimeMillis();
        if (retire) {
            synchronized (this) {
                processes.remove(p);
                score += 2;
                notifyAll();
            }
            table.retire(p);
            LOG.debug("retired FastCGI process {} of {} after {} requests", p.pid(), name, p.requests());
            return;
        }
        synchronized (this) {
            p.setBusy(false);
            notifyAll();
        }
    }

    /** Once a second: the spawn score decays; processes idle too long are stopped down to the minimum. */
    void maintain() {
        List<AppProcess> idleOut = new ArrayList<>();
        synchronized (this) {
            score = Math.max(0, score - 1);
            reapDead();
            int keep = settings.minProcessesPerClass();
            int running = processes.size();
            for (AppProcess p : new ArrayList<>(processes)) {
                if (!p.isBusy() && running > keep && p.idleMillis() > settings.idleTimeoutMillis()) {
                    processes.remove(p);
                    idleOut.add(p);
                    running--;
                }
            }
        }
        for (AppProcess p : idleOut) {
            LOG.debug("stopping FastCGI process {} of {}: idle", p.pid(), name);
            table.retire(p);
        }
    }

    private void reapDead() {
        for (AppProcess p : new ArrayList<>(processes)) {
            if (!p.isAlive() && !p.isBusy()) {
                processes.remove(p);
                score += 2;
                LOG.warn("JH10022: FastCGI process {} of {} exited with status {}", p.pid(), name, p.exitValue());
                table.retire(p);
            }
        }
    }

    /** The processes, for stopping them all. */
    synchronized List<AppProcess> drain() {
        List<AppProcess> all = new ArrayList<>(processes);
        processes.clear();
        return all;
    }

    synchronized int size() {
        return processes.size();
    }
}
