package io.jhttpd.api.spi;

/**
 * The table of worker slots, one per thread that can serve a connection, as Apache's scoreboard.
 * The master reads it to decide how many children to run; a status page shows it. Implemented by
 * the kernel.
 *
 * <p>The scoreboard an {@link Mpm} gets from {@link MpmContext#scoreboard()} is its own process's
 * part: child 0 is this process. The one modules get from {@link ServerContext#scoreboard()} is
 * the whole server's, every child included (read it, never write it).
 */
public interface Scoreboard {
    /** Most child processes the table has room for ({@code ServerLimit}). */
    int serverLimit();

    /** Most worker slots per child ({@code ThreadLimit}). */
    int threadLimit();

    /** The slot of worker {@code thread} in child {@code child} (both 0-based). */
    WorkerSlot slot(int child, int thread);

    /** The process id of child {@code child}, 0 if the slot holds no process. */
    default long pid(int child) {
        return child == 0 ? ProcessHandle.current().pid() : 0;
    }

    /** The generation child {@code child} was started in (a graceful restart starts a new one). */
    default int generation(int child) {
        return 0;
    }

    /** True if child {@code child} is finishing its work before it exits (graceful restart or stop). */
    default boolean isQuiescing(int child) {
        return false;
    }

    /** The generation the master starts children in now. */
    default int runningGeneration() {
        return 0;
    }

    /** When the server (re)started, in epoch milliseconds. */
    default long restartTimeMillis() {
        return 0;
    }
}
