package io.jhttpd.kernel.launch;

import io.jhttpd.api.ConfigException;
import io.jhttpd.kernel.core.ServerModel;
import io.jhttpd.kernel.module.LoadedModule;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code httpd} command: Apache's flags ({@code -f -d -C -c -D -X -t -M -v -V -h}). Without
 * {@code -t}, {@code -M}, {@code -v}, {@code -V} it runs the server in the foreground until TERM
 * (or Ctrl-C), which stops it gracefully.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
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

    private static int serve(LaunchOptions o, PrintStream err) {
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

    /** {@code -k stop}: TERM to the process in the PidFile (the rest of -k arrives with the process model). */
    private static int signal(LaunchOptions o, PrintStream out, PrintStream err) {
        ServerModel model;
        try {
            model = Httpd.load(o, List.of());
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        Path pidFile = model.global().pidFile() != null ? model.global().pidFile() : model.serverRoot().resolve("logs/httpd.pid");
        switch (o.signal()) {
            case "stop":
            case "graceful-stop": {
                try {
                    long pid = Long.parseLong(Files.readString(pidFile).trim());
                    boolean sent = ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
                    if (!sent) {
                        err.println("httpd (pid " + pid + "?) not running");
                        return 1;
                    }
                    return 0;
                } catch (Exception e) {
                    err.println("httpd (no pid file) not running");
                    return 1;
                }
            }
            case "start":
                return serve(o, err);
            default:
                err.println("httpd: -k " + o.signal() + " is not supported yet in the single-process server; use stop or start");
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
