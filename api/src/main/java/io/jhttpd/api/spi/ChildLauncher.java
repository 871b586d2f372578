package io.jhttpd.api.spi;

import java.io.IOException;

/**
 * Starts child processes of a multi-process server from the same runtime and configuration, for
 * an MPM that runs in the master. Implemented by the kernel.
 */
public interface ChildLauncher {

    /** Starts the child for scoreboard slot {@code slot} in generation {@code generation}. */
    ProcessHandle launch(int slot, int generation) throws IOException;
}
