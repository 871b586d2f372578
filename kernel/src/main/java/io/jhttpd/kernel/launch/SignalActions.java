package io.jhttpd.kernel.launch;

import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Apache's control signals for the master: TERM (and INT) stop, HUP restart, USR1 graceful
 * restart, WINCH graceful stop. Java has no public API to handle a signal other than by running
 * shutdown hooks on TERM/INT/HUP, and those cannot tell the three apart nor keep the process
 * alive; {@code sun.misc.Signal} from {@code jdk.unsupported} is the JDK's supported way to do
 * it (kept for exactly this use), so the master uses it, and only the master.
 */
final class SignalActions {

    private static final Logger LOG = LoggerFactory.getLogger(SignalActions.class);

    private SignalActions() {
    }

    /** Hands the name of the action each signal asks for to {@code actions}. */
    static void install(Consumer<String> actions) {
        handle("TERM", "stop", actions);
        handle("INT", "stop", actions);
        handle("HUP", "restart", actions);
        handle("USR1", "graceful", actions);
        handle("WINCH", "graceful-stop", actions);
    }

    private static void handle(String signal, String action, Consumer<String> actions) {
        try {
            Signal.handle(new Signal(signal), s -> actions.accept(action));
        } catch (IllegalArgumentException e) {
            LOG.warn("JH00112: cannot handle SIG{} ({}); httpd -k {} will not reach this server", signal, e.getMessage(), action);
        }
    }
}
