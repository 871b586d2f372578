package io.jhttpd.api.spi;

import java.util.List;
import java.util.Optional;

/** What the kernel gives the running {@link Mpm}. Implemented by the kernel. */
public interface MpmContext {

    /** The sockets to accept on (from {@code Listen}), bound and listening. */
    List<Listener> listeners();

    /** Turns accepted sockets into served HTTP connections. */
    ConnectionProcessor connections();

    /** Slots where workers report their state. */
    Scoreboard scoreboard();

    /**
     * Starts child processes, when this process is the master of a multi-process server; empty
     * when running as one process ({@code httpd -X}).
     */
    Optional<ChildLauncher> childLauncher();

    /** Called by the MPM once it accepts connections (start-up messages, readiness for tests). */
    void ready();

    /**
     * Called by the MPM when it has accepted {@code MaxConnectionsPerChild} connections. In a child
     * of a multi-process server the kernel then stops this process gracefully (the master starts
     * a replacement); a server running as one process logs it and goes on.
     */
    default void connectionLimitReached() {
    }

    /**
     * Lets other child processes take the new connections while this one has no idle worker
     * (prefork, while it serves its connection): in a child of a multi-process server the kernel
     * closes this process's listening sockets once the MPM has been busy for a short while (a
     * short request closes nothing: closing a listening socket while clients connect can reset
     * one) and another child has an idle worker; Linux moves the connections queued on them to
     * that child. Until then connections wait in this process's queue, as in Apache's listen
     * backlog.
     * Returns true in a child: the MPM then calls {@link #resumeAccepting} before it accepts
     * again. False, doing nothing, as one process.
     */
    default boolean pauseAccepting() {
        return false;
    }

    /**
     * Ends {@link #pauseAccepting}. Returns true if the listening sockets were closed meanwhile
     * and {@link #listeners()} now hold new channels (blocking) the MPM must register again.
     */
    default boolean resumeAccepting() throws java.io.IOException {
        return false;
    }

    /**
     * Closes this process's listening sockets for good (a stop), after the MPM has taken them out
     * of its selectors (a channel still registered keeps its socket open). In a child of a
     * multi-process server the kernel closes them one process at a time: Linux moves the
     * connections queued on a closing socket to another listening one, and a connection moved to
     * a socket that is itself closing at that instant is reset. As one process: a plain close.
     */
    default void stopListening() {
        for (Listener l : listeners()) {
            try {
                l.channel().close();
            } catch (java.io.IOException ignored) {
                // closing at a stop; nothing else to do
            }
        }
    }
}
