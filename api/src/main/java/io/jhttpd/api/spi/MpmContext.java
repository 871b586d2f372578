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
}
