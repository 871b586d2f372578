package io.jhttpd.api.spi;

/**
 * The table of worker slots, one per thread that can serve a connection, as Apache's scoreboard.
 * The master reads it to decide how many children to run; a status page shows it. Implemented by
 * the kernel.
 */
public interface Scoreboard {
    /** Most child processes the table has room for ({@code ServerLimit}). */
    int serverLimit();

    /** Most worker slots per child ({@code ThreadLimit}). */
    int threadLimit();

    /** The slot of worker {@code thread} in child {@code child} (both 0-based). */
    WorkerSlot slot(int child, int thread);
}
