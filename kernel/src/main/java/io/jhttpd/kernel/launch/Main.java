package io.jhttpd.kernel.launch;

import io.jhttpd.api.ConfigException;
import io.jhttpd.kernel.core.ServerModel;
import io.jhttpd.kernel.module.LoadedModule;
import io.jhttpd.kernel.mpm.ChildIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code httpd} command: Apache's flags ({@code -f -d -C -c -D -X -t -M -v -V -h}). Without
 * {@code -t}, {@code -M}, {@code -v}, {@code -V} it runs the server in the foreground until TERM
 * (or Ctrl-C), which stops it gracefully.
 */
public final class Main {

    private Main() {
    }

    /** Set in the environment of a master that {@code -k start} started in the background. */
    private static final String DETACHED = "JHTTPD_DETACHED";

    public static void main(String[] args) {
        Optional<ChildIdentity> child = ChildIdentity.fromEnvironment();
        System.exit(child.isPresent() ? runChild(args, child.get()) : run(args, System.out, System.err));
    }

    /** Runs the command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        LaunchOptions o;
        try {
            o = LaunchOptions.parse(args, defaultServerRoot());
        } catch (IllegalArgumentException e) {
            err.println("httpd: " + e.getMessage());
            err.println(LaunchOptions.usage());
            return 1;
        }
        switch (o.action()) {
            case HELP:
                // as Apache: usage goes to stderr and the status says nothing was run
                err.println(LaunchOptions.usage());
                return 1;
            case VERSION:
                out.println("Server version: jhttpd/" + Httpd.VERSION + " (Unix)");
                out.println("Server built:   " + Runtime.version());
                return 0;
            case BUILD_SETTINGS:
                out.println("Server version: jhttpd/" + Httpd.VERSION + " (Unix)");
                out.println("Server's Module Magic Number: io.jhttpd.api " + Httpd.VERSION);
                out.println("Architecture:   " + System.getProperty("os.arch"));
                out.println("Java runtime:   " + System.getProperty("java.home") + " (" + Runtime.version() + ")");
                out.println("Server compiled with....");
                out.println(" -D HTTPD_ROOT=\"" + defaultServerRoot() + "\"");
                out.println(" -D SERVER_CONFIG_FILE=\"conf/httpd.conf\"");
                out.println(" -D DEFAULT_PIDLOG=\"logs/httpd.pid\"");
                out.println(" -D DEFAULT_ERRORLOG=\"logs/error_log\"");
                out.println(" -D AP_TYPES_CONFIG_FILE=\"conf/mime.types\"");
                return 0;
            default:
                break;
        }
        if (o.signal() != null) {
            return signal(o, out, err);
        }
        if (o.action() == LaunchOptions.Action.CONFIG_TEST || o.action() == LaunchOptions.Action.LIST_MODULES) {
            try {
                ServerModel model = Httpd.load(o, List.of());
                model.start(true);
                if (o.action() == LaunchOptions.Action.LIST_MODULES) {
                    out.println("Loaded Modules:");
                    for (LoadedModule m : model.modules()) {
                        out.println(" " + m.apacheName() + " (" + originWord(m.origin()) + ")");
                    }
                } else {
                    err.println("Syntax OK");
                }
                return 0;
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
        return serve(o, err);
    }

    private static String originWord(LoadedModule.Origin o) {
        return o == LoadedModule.Origin.SHARED ? "shared" : "static";
    }

    /**
     * Without {@code -X}, and if the MPM has a process model: a master starting child processes
     * ({@link Master}). Else the server in this one process.
     */
    private static int serve(LaunchOptions o, PrintStream err) {
        if (!o.foreground()) {
            try {
                ServerModel model = Httpd.load(o, List.of());
                model.start(true);
                Optional<Integer> status = Master.runIfMultiProcess(o, model, err);
                if (status.isPresent()) {
                    return status.get();
                }
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
        return serveOneProcess(o, err);
    }

    private static int serveOneProcess(LaunchOptions o, PrintStream err) {
        Httpd httpd;
        try {
            httpd = Httpd.start(o, List.of());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("httpd: " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(() -> {
            httpd.stop(true);
            try {
                if (!httpd.awaitStop(30_000)) {
                    httpd.stop(false);
                    httpd.awaitStop(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jhttpd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            httpd.awaitStop(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * A child process a master started: serves until the master closes our standard input
     * (finish and exit) or sends TERM (stop now).
     */
    private static int runChild(String[] args, ChildIdentity id) {
        Httpd httpd;
        try {
            httpd = Httpd.start(LaunchOptions.parse(args, defaultServerRoot()), List.of(), id);
        } catch (ConfigException | IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("JH00114: child pid {} could not start: {}", ProcessHandle.current().pid(),
                    e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            httpd.stop(false);
            try {
                httpd.awaitStop(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jhttpd-child-stop"));
        Thread pipeOfDeath = new Thread(() -> {
            try {
                // any byte, or end of input (also when the master dies), means finish and exit
                System.in.read();
            } catch (IOException e) {
                // the master is gone as well
            }
            httpd.stop(true);
        }, "jhttpd-pipe-of-death");
        pipeOfDeath.setDaemon(true);
        pipeOfDeath.start();
        try {
            httpd.awaitStop(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code -k stop}: TERM to the process in the PidFile (the rest of -k arrives with the process model). */
    private static int signal(LaunchOptions o, PrintStream out, PrintStream err) {
        ServerModel model;
        try {
            model = Httpd.load(o, List.of());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        try {
            // a configuration that fails -t never reaches the running server
            model.start(true);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        Path pidFile = Httpd.pidFile(model);
        Optional<ProcessHandle> running = Master.runningServer(pidFile);
        String signal;
        switch (o.signal()) {
            case "start":
                if (running.isPresent()) {
                    err.println("httpd (pid " + running.get().pid() + ") already running");
                    return 0;
                }
                return start(o, model, err);
            case "stop":
                signal = "TERM";
                break;
            case "graceful-stop":
                signal = "WINCH";
                break;
            case "restart":
                signal = "HUP";
                break;
            case "graceful":
                signal = "USR1";
                break;
            default:
                err.println("httpd: unknown -k argument " + o.signal() + " (start, stop, restart, graceful or graceful-stop)");
                return 1;
        }
        if (running.isEmpty()) {
            if (o.signal().equals("restart") || o.signal().equals("graceful")) {
                // as apachectl: nothing to restart, so start
                err.println("httpd not running, trying to start");
                return start(o, model, err);
            }
            err.println("httpd (no pid file or pid " + pidFile + " not running) not running");
            return 1;
        }
        return sendSignal(running.get().pid(), signal, err);
    }

    private static int sendSignal(long pid, String signal, PrintStream err) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (kill.waitFor() != 0) {
                err.println("httpd: could not send SIG" + signal + " to pid " + pid + ": " + out);
                return 1;
            }
            return 0;
        } catch (IOException e) {
            err.println("httpd: could not send SIG" + signal + " to pid " + pid + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /**
     * {@code -k start}: runs the server in the background, as Apache detaches, and returns once
     * its master wrote the PidFile; with {@code -X} or {@code -DFOREGROUND}, in the foreground.
     */
    private static int start(LaunchOptions o, ServerModel model, PrintStream err) {
        if (o.foreground() || o.defines().containsKey("FOREGROUND") || System.getenv(DETACHED) != null) {
            return serve(o, err);
        }
        Path pidFile = Httpd.pidFile(model);
        ProcessBuilder pb = new ProcessBuilder(Master.ownCommandLine(model));
        pb.environment().put(DETACHED, "1");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        String errorLog = model.global().errorLog();
        if (!errorLog.startsWith("|") && !errorLog.startsWith("syslog")) {
            // as Apache: the detached server's stderr, and so its children's, goes to the error
            // log, where a child that fails before it reads its configuration says why
            pb.redirectError(ProcessBuilder.Redirect.appendTo(model.serverRoot().resolve(errorLog).toFile()));
        }
        try {
            Process master = pb.start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                if (!master.isAlive()) {
                    err.println("httpd: the server did not start (exit status " + master.exitValue() + "); see the error log");
                    return 1;
                }
                if (Master.runningServer(pidFile).map(p -> p.pid() == master.pid()).orElse(false)) {
                    return 0;
                }
                Thread.sleep(20);
            }
            err.println("httpd: the server (pid " + master.pid() + ") did not write " + pidFile + " within 30 s");
            return 1;
        } catch (IOException e) {
            err.println("httpd: could not start the server: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The runtime image's home (bin/.. of the java launcher), else the current directory. */
    static Path defaultServerRoot() {
        String prop = System.getProperty("jhttpd.root");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (Files.isDirectory(javaHome.resolve("conf").resolve("jhttpd"))) {
            return javaHome.resolve("conf").resolve("jhttpd");
        }
        return Path.of("").toAbsolutePath();
    }
}
