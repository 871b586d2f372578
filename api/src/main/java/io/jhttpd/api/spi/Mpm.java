package io.jhttpd.api.spi;

/**
 * A multi-processing module: decides how connections are accepted and which threads (and, with
 * the process model, which child processes) serve them. Exactly one MPM runs: the one the
 * configuration names with {@code LoadModule mpm_NAME_module ...}, or the only one in the image.
 *
 * <p>An MPM is also a module: it declares its directives ({@code ThreadsPerChild}, ...) in
 * {@link #register}; they are known only when this MPM is the one chosen. Its
 * {@code module-info.java} says {@code provides io.jhttpd.api.spi.Mpm with ...}.
 */
public interface Mpm extends HttpdModule {

    /**
     * Accepts and serves connections on {@code context}'s listeners until {@link #shutdown} is
     * called, then returns once the connections it must finish are finished.
     */
    void run(MpmContext context) throws Exception;

    /**
     * Asks a running MPM to stop, from any thread. Graceful: stop accepting, finish the requests
     * in progress, close idle connections, then return from {@link #run}. Not graceful: close
     * everything now.
     */
    void shutdown(boolean graceful);

    /** True if one process serves several connections at a time on threads. */
    default boolean isThreaded() {
        return true;
    }

    /**
     * How the master of a multi-process server runs this MPM's children: how many it starts, the
     * idle workers it keeps between limits, the most it runs. Empty if this MPM only runs as one
     * process (then {@code httpd} without {@code -X} runs it as one process too).
     */
    default java.util.Optional<ProcessModel> processModel() {
        return java.util.Optional.empty();
    }
}
