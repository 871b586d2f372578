package io.jhttpd.kernel.mpm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who a child process is, as its master tells it through the environment: its scoreboard row,
 * its generation, the scoreboard file and the ports the master reserved (in {@code Listen}
 * order). The environment, not the command line, so a child runs the master's exact command line.
 *
 * @param row        the child's row in the scoreboard
 * @param generation the generation it belongs to
 * @param scoreboard the scoreboard file
 * @param ports      the port of each {@code Listen}, in order
 */
public record ChildIdentity(int row, int generation, Path scoreboard, int[] ports) {

    static final String VARIABLE = "JHTTPD_CHILD";

    /** This process's identity if a master started it. */
    public static Optional<ChildIdentity> fromEnvironment() {
        String v = System.getenv(VARIABLE);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        // row generation ports path (the path last: it may hold spaces)
        String[] f = v.split(" ", 4);
        int[] ports = f[2].isEmpty() ? new int[0] : Arrays.stream(f[2].split(",")).mapToInt(Integer::parseInt).toArray();
        return Optional.of(new ChildIdentity(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Path.of(f[3]), ports));
    }

    /** Puts this identity into a child's environment. */
    public void export(Map<String, String> environment) {
        String p = Arrays.stream(ports).mapToObj(Integer::toString).collect(Collectors.joining(","));
        environment.put(VARIABLE, row + " " + generation + " " + p + " " + scoreboard);
    }
}
