package io.jhttpd.api.spi;

/**
 * What an {@link Mpm} asks of the master of a multi-process server, in Apache's terms: the master
 * starts {@code startServers} children, then once per maintenance interval counts idle workers
 * (slots {@link WorkerState#READY} or {@link WorkerState#STARTING}) of the current generation,
 * starts children while fewer than {@code minSpareWorkers} are idle and stops one idle child
 * while more than {@code maxSpareWorkers} are. For prefork a worker is a child
 * ({@code threadsPerChild} 1, {@code MinSpareServers}); for worker and event it is a thread
 * ({@code MinSpareThreads}).
 *
 * @param startServers    children started at start-up and after a restart
 * @param minSpareWorkers fewest idle workers
 * @param maxSpareWorkers most idle workers
 * @param maxChildren     most children running at once ({@code MaxRequestWorkers / threadsPerChild})
 * @param serverLimit     scoreboard rows for children ({@code ServerLimit}); at least {@code maxChildren}
 * @param threadsPerChild worker slots each child uses
 */
public record ProcessModel(int startServers, int minSpareWorkers, int maxSpareWorkers, int maxChildren, int serverLimit,
        int threadsPerChild) {

    /** Checks the numbers and applies Apache's adjustments (limits raised to fit each other). */
    public ProcessModel {
        if (threadsPerChild < 1 || serverLimit < 1) {
            throw new IllegalArgumentException("threadsPerChild and serverLimit must be positive");
        }
        maxChildren = Math.max(1, Math.min(maxChildren, serverLimit));
        startServers = Math.min(startServers, maxChildren);
        minSpareWorkers = Math.max(1, minSpareWorkers);
        // Apache forces MaxSpare >= MinSpare + one child's workers, or the master would stop and
        // start a child every second
        maxSpareWorkers = Math.max(maxSpareWorkers, minSpareWorkers + threadsPerChild);
    }
}
