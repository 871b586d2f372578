package io.jhttpd.api.spi;

import io.jhttpd.api.ArgShape;
import io.jhttpd.api.Directive;
import io.jhttpd.api.Scope;
import java.util.EnumSet;
import java.util.function.IntConsumer;

/**
 * The directives every threaded MPM shares, with Apache's defaults and ranges (Apache keeps them
 * in {@code mpm_common.c}): {@code ThreadsPerChild}, {@code ThreadLimit}, {@code ServerLimit},
 * {@code MaxRequestWorkers} (and its old name {@code MaxClients}), {@code StartServers},
 * {@code MinSpareThreads}, {@code MaxSpareThreads}, {@code MaxConnectionsPerChild} (and
 * {@code MaxRequestsPerChild}). An MPM keeps one instance and declares them in its
 * {@link Mpm#register}:
 *
 * <pre>{@code
 * private final ThreadedMpmSettings settings = new ThreadedMpmSettings();
 * public void register(ModuleSetup setup) {
 *     settings.register(setup, 20000);
 * }
 * }</pre>
 */
public final class ThreadedMpmSettings {

    private int threadsPerChild = 25;
    private int threadLimit = 64;
    private int serverLimit = 16;
    private int maxRequestWorkers = 400;
    private int startServers = 3;
    private int minSpareThreads = 75;
    private int maxSpareThreads = 250;
    private long maxConnectionsPerChild;

    /** Declares the directives; {@code threadCeiling} is the most {@code ThreadsPerChild}/{@code ThreadLimit} may say. */
    public void register(ModuleSetup setup, int threadCeiling) {
        setup.directive(number("ThreadsPerChild", 1, threadCeiling, v -> threadsPerChild = v, "worker threads per child process"));
        setup.directive(number("ThreadLimit", 1, threadCeiling, v -> threadLimit = v, "the most ThreadsPerChild can be set to"));
        setup.directive(number("ServerLimit", 1, 20000, v -> serverLimit = v, "the most child processes"));
        setup.directive(number("MaxRequestWorkers", 1, Integer.MAX_VALUE, v -> maxRequestWorkers = v, "the most requests served at once"));
        setup.directive(number("MaxClients", 1, Integer.MAX_VALUE, v -> maxRequestWorkers = v, "old name of MaxRequestWorkers"));
        setup.directive(number("StartServers", 0, 20000, v -> startServers = v, "child processes started at start-up"));
        setup.directive(number("MinSpareThreads", 1, Integer.MAX_VALUE, v -> minSpareThreads = v, "fewest idle threads"));
        setup.directive(number("MaxSpareThreads", 1, Integer.MAX_VALUE, v -> maxSpareThreads = v, "most idle threads"));
        setup.directive(number("MaxConnectionsPerChild", 0, Integer.MAX_VALUE, v -> maxConnectionsPerChild = v,
                "connections a child serves before it is replaced, 0 for never"));
        setup.directive(number("MaxRequestsPerChild", 0, Integer.MAX_VALUE, v -> maxConnectionsPerChild = v,
                "old name of MaxConnectionsPerChild"));
    }

    private static Directive number(String name, int min, int max, IntConsumer setter, String help) {
        return integer(name, min, max, setter, help);
    }

    /**
     * A server-wide directive taking one whole number between {@code min} and {@code max}, as
     * every MPM directive is (threaded or not); a bad value is a configuration error naming it.
     */
    public static Directive integer(String name, int min, int max, IntConsumer setter, String help) {
        return Directive.of(name, ArgShape.TAKE1, EnumSet.of(Scope.SERVER), (c, a) -> {
            int v;
            try {
                v = Integer.parseInt(a.get(0));
            } catch (NumberFormatException e) {
                throw c.error(name + " must be a number, not '" + a.get(0) + "'");
            }
            if (v < min || v > max) {
                throw c.error(name + " must be between " + min + " and " + max + ", not " + v);
            }
            setter.accept(v);
        }).help(help);
    }

    /** {@code ThreadsPerChild} as configured. */
    public int threadsPerChild() {
        return threadsPerChild;
    }

    /** {@code ThreadLimit}. */
    public int threadLimit() {
        return threadLimit;
    }

    /** The threads a child runs: {@code ThreadsPerChild}, lowered to {@code ThreadLimit} as Apache does. */
    public int threads() {
        return Math.min(threadsPerChild, threadLimit);
    }

    /** {@code ServerLimit}. */
    public int serverLimit() {
        return serverLimit;
    }

    /** {@code MaxRequestWorkers}. */
    public int maxRequestWorkers() {
        return maxRequestWorkers;
    }

    /** {@code StartServers}. */
    public int startServers() {
        return startServers;
    }

    /** {@code MinSpareThreads}. */
    public int minSpareThreads() {
        return minSpareThreads;
    }

    /** {@code MaxSpareThreads}. */
    public int maxSpareThreads() {
        return maxSpareThreads;
    }

    /** {@code MaxConnectionsPerChild}; 0 means never replaced. */
    public long maxConnectionsPerChild() {
        return maxConnectionsPerChild;
    }

    /**
     * The children the master runs for these settings: {@code MaxRequestWorkers} rounded down to
     * whole children of {@code ThreadsPerChild} threads, at most {@code ServerLimit} of them.
     */
    public ProcessModel processModel() {
        int threads = threads();
        return new ProcessModel(startServers, minSpareThreads, maxSpareThreads, Math.max(1, maxRequestWorkers / threads), serverLimit,
                threads);
    }
}
